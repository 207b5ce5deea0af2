import { and, asc, count, eq } from 'drizzle-orm';
import { divisions, staff } from './schema';
import type { Queryable as Db } from './types';

/** The organisation's divisions (กอง / สำนัก) with how many active staff each has. */
export async function listDivisions(db: Db, orgId: string) {
  const rows = await db
    .select({ code: divisions.code, name: divisions.name, id: divisions.id })
    .from(divisions)
    .where(eq(divisions.orgId, orgId))
    .orderBy(asc(divisions.code));
  const counts = await db
    .select({ divisionId: staff.divisionId, n: count() })
    .from(staff)
    .where(and(eq(staff.orgId, orgId), eq(staff.active, true)))
    .groupBy(staff.divisionId);
  return rows.map(({ id, ...d }) => ({
    ...d,
    staff: counts.find((c) => c.divisionId === id)?.n ?? 0,
  }));
}

/** Adds a division; false when the code is taken in this organisation. */
export async function createDivision(db: Db, orgId: string, code: string, name: string) {
  const rows = await db
    .insert(divisions)
    .values({ orgId, code, name })
    .onConflictDoNothing({ target: [divisions.orgId, divisions.code] })
    .returning({ id: divisions.id });
  return rows.length > 0;
}

/** Renames a division (its code stays: cases, roles and imports refer to it). The old name, or null. */
export async function renameDivision(db: Db, orgId: string, code: string, name: string) {
  return db.transaction(async (tx) => {
    const [d] = await tx
      .select({ name: divisions.name })
      .from(divisions)
      .where(and(eq(divisions.orgId, orgId), eq(divisions.code, code)));
    if (!d) return null;
    await tx
      .update(divisions)
      .set({ name })
      .where(and(eq(divisions.orgId, orgId), eq(divisions.code, code)));
    return d.name;
  });
}

export type DivisionRow = typeof divisions.$inferSelect;

/** A division by id; with `orgId`, only if it is that organisation's. */
export async function divisionById(
  db: Db,
  id: string,
  orgId?: string,
): Promise<DivisionRow | undefined> {
  const [row] = await db
    .select()
    .from(divisions)
    .where(orgId ? and(eq(divisions.id, id), eq(divisions.orgId, orgId)) : eq(divisions.id, id));
  return row;
}

export async function divisionByCode(
  db: Db,
  orgId: string,
  code: string,
): Promise<DivisionRow | undefined> {
  const [row] = await db
    .select()
    .from(divisions)
    .where(and(eq(divisions.orgId, orgId), eq(divisions.code, code)));
  return row;
}

/** The organisation's divisions as stored, in the database's order. */
export async function divisionsOfOrg(db: Db, orgId: string): Promise<DivisionRow[]> {
  return db.select().from(divisions).where(eq(divisions.orgId, orgId));
}
