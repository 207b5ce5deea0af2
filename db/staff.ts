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

/** Whether the organisation has a staff record with this id (active or not). */
export async function isStaffOfOrg(
  db: Queryable,
  orgId: string,
  staffId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.orgId, orgId), eq(staff.id, staffId)));
  return !!row;
}

/**
 * Grants or takes back the `paper_entry` role (typing in paper survey forms). Run it in the
 * transaction that writes the audit row.
 */
export async function setPaperEntry(
  tx: Queryable,
  orgId: string,
  staffId: string,
  grant: boolean,
): Promise<void> {
  await tx
    .delete(staffRoles)
    .where(and(eq(staffRoles.staffId, staffId), eq(staffRoles.role, 'paper_entry')));
  if (grant) await tx.insert(staffRoles).values({ orgId, staffId, role: 'paper_entry' });
}

/** The organisation's active staff linked to a LINE account, by name (the simulator's people). */
export async function linkedActiveStaff(
  db: Queryable,
  orgId: string,
): Promise<{ name: string; position: string; lineUserId: string | null }[]> {
  return db
    .select({ name: staff.name, position: staff.position, lineUserId: staff.lineUserId })
    .from(staff)
    .where(and(eq(staff.orgId, orgId), eq(staff.active, true), isNotNull(staff.lineUserId)))
    .orderBy(asc(staff.name));
}
