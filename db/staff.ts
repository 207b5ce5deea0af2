import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { staff, staffRoles } from './schema';
import type { Queryable } from './types';
import type { Actor } from '../shared/staff/permissions';

export type StaffRow = typeof staff.$inferSelect;

/** A member of staff with their roles, as the permission checks see them. */
export interface StaffActor extends Actor {
  staff: StaffRow;
}

async function withRoles(db: Queryable, row: StaffRow | undefined): Promise<StaffActor | null> {
  if (!row || !row.active) return null;
  const roles = await db
    .select({ role: staffRoles.role, divisionId: staffRoles.divisionId })
    .from(staffRoles)
    .where(eq(staffRoles.staffId, row.id));
  return { staffId: row.id, orgId: row.orgId, divisionId: row.divisionId, roles, staff: row };
}

/** The active staff record linked to a LINE account in an organisation. */
export async function actorByLineUser(
  db: Queryable,
  orgId: string,
  lineUserId: string,
): Promise<StaffActor | null> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.orgId, orgId), eq(staff.lineUserId, lineUserId)));
  return withRoles(db, row);
}

export async function actorById(db: Queryable, staffId: string): Promise<StaffActor | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
  return withRoles(db, row);
}

/**
 * The organisation's active staff: `linked` only those with a LINE account, `byName` in
 * name order (otherwise in the database's order).
 */
export async function activeStaff(
  db: Queryable,
  orgId: string,
  opts: { linked?: boolean; byName?: boolean } = {},
): Promise<StaffRow[]> {
  const q = db
    .select()
    .from(staff)
    .where(
      and(
        eq(staff.orgId, orgId),
        eq(staff.active, true),
        opts.linked ? isNotNull(staff.lineUserId) : undefined,
      ),
    );
  return opts.byName ? q.orderBy(asc(staff.name)) : q;
}
