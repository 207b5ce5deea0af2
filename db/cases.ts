import { and, desc, eq } from 'drizzle-orm';
import { caseUpdates, caseWatchers, cases, residents } from './schema';
import type { Queryable } from './types';

/** A case as stored (a service request, complaint, question or corruption complaint). */
export type CaseRow = typeof cases.$inferSelect;

export type CaseUpdateRow = typeof caseUpdates.$inferSelect;
/** The columns a staff action, a job or the resident changes on a case. */
export type CaseChanges = Partial<typeof cases.$inferInsert>;

/** A case by id, whatever its organisation (jobs that start from another table's row). */
export async function caseById(db: Queryable, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row;
}

/**
 * A case of the organisation by id; `forUpdate` locks the row for the rest of the
 * transaction (staff actions, forwarding).
 */
export async function caseInOrg(
  db: Queryable,
  orgId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow | undefined> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, id), eq(cases.orgId, orgId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * The resident's own case, locked for the rest of the transaction: found only when `lineUserId`
 * is the resident the case belongs to (reopening, the verdict).
 */
export async function residentCaseForUpdate(
  db: Queryable,
  orgId: string,
  caseId: string,
  lineUserId: string,
): Promise<{ c: CaseRow; residentId: string } | undefined> {
  const [row] = await db
    .select({ c: cases, residentId: residents.id })
    .from(cases)
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .where(and(eq(cases.id, caseId), eq(cases.orgId, orgId), eq(residents.lineUserId, lineUserId)))
    .for('update', { of: cases });
  return row;
}

/** Changes a case; the row as it is now (undefined when there is no such case). */
export async function updateCase(
  db: Queryable,
  id: string,
  changes: CaseChanges,
): Promise<CaseRow | undefined> {
  const [row] = await db.update(cases).set(changes).where(eq(cases.id, id)).returning();
  return row;
}

/** Appends an entry to a case's timeline; its id. */
export async function addCaseUpdate(
  db: Queryable,
  u: typeof caseUpdates.$inferInsert,
): Promise<string> {
  const [row] = await db.insert(caseUpdates).values(u).returning({ id: caseUpdates.id });
  return row!.id;
}

/** The sealed LINE targets of the reporters who follow a (corruption) case. */
export async function caseWatcherTargets(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ targetEnc: caseWatchers.targetEnc })
    .from(caseWatchers)
    .where(eq(caseWatchers.caseId, caseId));
  return rows.map((w) => w.targetEnc);
}

/** A case of the organisation by its tracking code. */
export async function caseByTrackingCode(
  db: Queryable,
  orgId: string,
  code: string,
): Promise<CaseRow | null> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.orgId, orgId), eq(cases.trackingCode, code)));
  return row ?? null;
}

/** Inserts a new case; null when its tracking code is taken in the organisation (draw another). */
export async function insertCase(
  db: Queryable,
  values: typeof cases.$inferInsert,
): Promise<CaseRow | null> {
  const [row] = await db
    .insert(cases)
    .values(values)
    .onConflictDoNothing({ target: [cases.orgId, cases.trackingCode] })
    .returning();
  return row ?? null;
}

/** Seals an anonymous reporter's LINE id in its own row, to address progress messages. */
export async function addCaseWatcher(
  db: Queryable,
  w: typeof caseWatchers.$inferInsert,
): Promise<void> {
  await db.insert(caseWatchers).values(w);
}

/** The newest timeline note of a case the resident may see (never a staff-only one), if any. */
export async function lastPublicNote(db: Queryable, caseId: string): Promise<string | null> {
  const [last] = await db
    .select({ note: caseUpdates.note })
    .from(caseUpdates)
    .where(and(eq(caseUpdates.caseId, caseId), eq(caseUpdates.internal, false)))
    .orderBy(desc(caseUpdates.createdAt))
    .limit(1);
  return last?.note ?? null;
}
