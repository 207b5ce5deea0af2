import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { OPEN_STATES } from '../shared/cases';
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

/**
 * Open cases, every organisation, that may need an SLA step: past a time limit, or old
 * enough (15 calendar days) to be past the explanation limit. At most `limit`.
 */
export async function lateCaseCandidates(
  db: Queryable,
  now: Date,
  limit = 2000,
): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.stateType, [...OPEN_STATES]),
        or(
          lt(cases.dueAt, now),
          and(eq(cases.stateType, 'waiting'), lt(cases.acceptDueAt, now)),
          // 15 working days are at least 15 calendar days: a cheap first cut.
          and(
            isNull(cases.explanationRequestedAt),
            lt(cases.createdAt, new Date(now.getTime() - 15 * 86_400_000)),
          ),
        ),
      ),
    )
    .limit(limit);
}

/**
 * A division's morning digest: its cases filed since `since`, overdue, and due by `endToday`
 * (open ones); corruption cases never counted.
 */
export async function divisionDigestCounts(
  db: Queryable,
  orgId: string,
  divisionId: string,
  t: { since: Date; now: Date; endToday: Date },
): Promise<{ new: number; overdue: number; dueToday: number }> {
  const open = inArray(cases.stateType, [...OPEN_STATES]);
  const [n] = await db
    .select({
      new: sql<number>`count(*) filter (where ${cases.createdAt} >= ${t.since.toISOString()})`,
      overdue: sql<number>`count(*) filter (where ${cases.dueAt} < ${t.now.toISOString()} and ${open})`,
      dueToday: sql<number>`count(*) filter (where ${cases.dueAt} >= ${t.now.toISOString()} and ${cases.dueAt} <= ${t.endToday.toISOString()} and ${open})`,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        eq(cases.divisionId, divisionId),
        sql`${cases.kind} <> 'corruption'`,
      ),
    );
  return {
    new: Number(n?.new ?? 0),
    overdue: Number(n?.overdue ?? 0),
    dueToday: Number(n?.dueToday ?? 0),
  };
}

/** The executives' weekly figures: filed and finished since `from`, open, and overdue now. */
export async function weeklyCaseCounts(
  db: Queryable,
  orgId: string,
  t: { from: Date; now: Date },
): Promise<{ filed: number; finished: number; open: number; overdue: number }> {
  const [n] = await db
    .select({
      filed: sql<number>`count(*) filter (where ${cases.createdAt} >= ${t.from.toISOString()})`,
      finished: sql<number>`count(*) filter (where ${cases.finishedAt} >= ${t.from.toISOString()})`,
      open: sql<number>`count(*) filter (where ${inArray(cases.stateType, [...OPEN_STATES])})`,
      overdue: sql<number>`count(*) filter (where ${inArray(cases.stateType, [...OPEN_STATES])} and ${cases.dueAt} < ${t.now.toISOString()})`,
    })
    .from(cases)
    .where(eq(cases.orgId, orgId));
  return {
    filed: Number(n?.filed ?? 0),
    finished: Number(n?.finished ?? 0),
    open: Number(n?.open ?? 0),
    overdue: Number(n?.overdue ?? 0),
  };
}
