import { and, asc, eq } from 'drizzle-orm';
import type { StaffUpdate } from '../shared/admin/schemas';
import type { StaffRole } from '../shared/roles';
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

export type StaffUpdateResult =
  | { ok: true; before: { divisionCode: string | null; position: string; roles: string[] } }
  | { ok: false; reason: 'no_staff' | 'no_division' | 'division_required' };

/**
 * Replaces a staff member's division, position and roles. Officers and division heads work
 * within their division, so those roles are scoped to it and need one; other roles are not.
 */
export async function updateStaff(
  db: Db,
  orgId: string,
  staffId: string,
  u: StaffUpdate,
): Promise<StaffUpdateResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: staff.id, position: staff.position, divisionCode: divisions.code })
      .from(staff)
      .leftJoin(divisions, eq(divisions.id, staff.divisionId))
      .where(and(eq(staff.orgId, orgId), eq(staff.id, staffId)));
    if (!row) return { ok: false, reason: 'no_staff' };
    let divisionId: string | null = null;
    if (u.divisionCode !== null) {
      const [d] = await tx
        .select({ id: divisions.id })
        .from(divisions)
        .where(and(eq(divisions.orgId, orgId), eq(divisions.code, u.divisionCode)));
      if (!d) return { ok: false, reason: 'no_division' };
      divisionId = d.id;
    }
    const scoped = (r: StaffRole) => r === 'officer' || r === 'division_head';
    if (!divisionId && u.roles.some(scoped)) return { ok: false, reason: 'division_required' };
    const old = await tx
      .select({ role: staffRoles.role })
      .from(staffRoles)
      .where(eq(staffRoles.staffId, staffId));
    await tx
      .update(staff)
      .set({ divisionId, ...(u.position !== undefined ? { position: u.position } : {}) })
      .where(eq(staff.id, staffId));
    await tx.delete(staffRoles).where(eq(staffRoles.staffId, staffId));
    await tx.insert(staffRoles).values(
      [...new Set(u.roles)].map((role) => ({
        orgId,
        staffId,
        role,
        divisionId: scoped(role) ? divisionId : null,
      })),
    );
    return {
      ok: true,
      before: {
        divisionCode: row.divisionCode,
        position: row.position,
        roles: old.map((r) => r.role),
      },
    };
  });
}
