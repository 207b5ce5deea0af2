import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { staff, staffRoles } from './schema';
import type { Queryable } from './types';
import type { Actor } from '../shared/staff/permissions';
import type { StaffRole } from '../shared/roles';

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

/** LINE ids of active, linked staff holding one of `roles` (optionally scoped to a division). */
export async function staffTargets(
  db: Queryable,
  orgId: string,
  roles: readonly StaffRole[],
  divisionId?: string | null,
): Promise<{ staffId: string; lineUserId: string }[]> {
  const rows = await db
    .selectDistinct({
      staffId: staff.id,
      lineUserId: staff.lineUserId,
      roleDivision: staffRoles.divisionId,
      staffDivision: staff.divisionId,
    })
    .from(staff)
    .innerJoin(staffRoles, eq(staffRoles.staffId, staff.id))
    .where(
      and(
        eq(staff.orgId, orgId),
        eq(staff.active, true),
        isNotNull(staff.lineUserId),
        inArray(staffRoles.role, [...roles]),
      ),
    );
  const seen = new Map<string, { staffId: string; lineUserId: string }>();
  for (const r of rows) {
    if (divisionId !== undefined && (r.roleDivision ?? r.staffDivision) !== divisionId) continue;
    seen.set(r.staffId, { staffId: r.staffId, lineUserId: r.lineUserId! });
  }
  return [...seen.values()];
}

/** A staff record by id, active or not. */
export async function staffById(db: Queryable, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}
