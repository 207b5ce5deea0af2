import { and, asc, eq } from 'drizzle-orm';
import { auditLog, divisions, staff, staffRoles } from './schema';
import type { Db } from './types';

export async function listStaff(db: Db, orgId: string) {
  const rows = await db
    .select({
      id: staff.id,
      name: staff.name,
      position: staff.position,
      active: staff.active,
      linked: staff.lineUserId,
      divisionCode: divisions.code,
    })
    .from(staff)
    .leftJoin(divisions, eq(divisions.id, staff.divisionId))
    .where(eq(staff.orgId, orgId))
    .orderBy(asc(staff.name));
  const roles = await db
    .select({ staffId: staffRoles.staffId, role: staffRoles.role })
    .from(staffRoles)
    .innerJoin(staff, eq(staff.id, staffRoles.staffId))
    .where(eq(staff.orgId, orgId));
  return rows.map(({ linked, ...r }) => ({
    ...r,
    linked: linked !== null,
    roles: roles.filter((x) => x.staffId === r.id).map((x) => x.role),
  }));
}

/** Deactivates (history kept): the record stays, the console and alerts stop at once. */
export async function setStaffActive(db: Db, orgId: string, staffId: string, active: boolean) {
  const rows = await db
    .update(staff)
    .set({ active })
    .where(and(eq(staff.orgId, orgId), eq(staff.id, staffId)))
    .returning({ id: staff.id, name: staff.name });
  return rows[0] ?? null;
}

/** One row in the organisation's audit log for an admin change. */
export async function auditAdmin(
  db: Db,
  e: { orgId: string; staffId: string; action: string; detail: Record<string, unknown>; at: Date },
) {
  await db.insert(auditLog).values({
    orgId: e.orgId,
    staffId: e.staffId,
    action: e.action,
    detail: e.detail,
    at: e.at,
  });
}
