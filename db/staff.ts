import { and, asc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import { staff, staffInvites, staffRoles } from './schema';
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

/** Stores a one-time invite (only the keyed hash of its code). */
export async function insertStaffInvite(
  db: Queryable,
  invite: typeof staffInvites.$inferInsert,
): Promise<void> {
  await db.insert(staffInvites).values(invite);
}

/**
 * Uses up an unused, unexpired invite of the organisation by its code's hash (in the same
 * statement, so two people sending one code link once) and links the LINE account: to the
 * staff record it already has in the organisation, else to the invite's record, else to a
 * new record named after the invite or `fallbackName`. The invite's role is added. Null when
 * no invite matches.
 */
export async function redeemStaffInvite(
  tx: Queryable,
  p: { orgId: string; hash: string; lineUserId: string; fallbackName: string; now: Date },
): Promise<{ staffId: string; name: string; role: StaffRole } | null> {
  const [invite] = await tx
    .update(staffInvites)
    .set({ usedAt: p.now })
    .where(
      and(
        eq(staffInvites.orgId, p.orgId),
        eq(staffInvites.codeHash, p.hash),
        isNull(staffInvites.usedAt),
        gt(staffInvites.expiresAt, p.now),
      ),
    )
    .returning();
  if (!invite) return null;
  const [existing] = await tx
    .select()
    .from(staff)
    .where(and(eq(staff.orgId, p.orgId), eq(staff.lineUserId, p.lineUserId)));
  let person = existing;
  if (!person && invite.staffId) {
    [person] = await tx
      .update(staff)
      .set({ lineUserId: p.lineUserId, active: true })
      .where(and(eq(staff.id, invite.staffId), eq(staff.orgId, p.orgId)))
      .returning();
  }
  if (!person) {
    [person] = await tx
      .insert(staff)
      .values({
        orgId: p.orgId,
        name: invite.name || p.fallbackName,
        lineUserId: p.lineUserId,
        divisionId: invite.divisionId,
      })
      .returning();
  }
  await tx.insert(staffRoles).values({
    orgId: p.orgId,
    staffId: person!.id,
    role: invite.role,
    divisionId: invite.divisionId,
  });
  await tx
    .update(staffInvites)
    .set({ usedByStaffId: person!.id })
    .where(eq(staffInvites.id, invite.id));
  return { staffId: person!.id, name: person!.name, role: invite.role };
}

/** Gives a staff record a LINE id (the simulator's staff picker). */
export async function setStaffLineUser(db: Queryable, id: string, lineUserId: string) {
  await db.update(staff).set({ lineUserId }).where(eq(staff.id, id));
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
