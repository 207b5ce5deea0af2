import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES, type StateType } from '../shared/cases';
import type { QueueScope } from '../shared/staff/permissions';
import { caseUpdates, caseWatchers, cases, residents, serviceCategories, staff } from './schema';
import { ledgerHas } from './sent-ledger';
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

/** A case's timeline, oldest first, with the staff author's name (the console's case screen). */
export async function caseTimeline(db: Queryable, caseId: string) {
  return db
    .select({
      id: caseUpdates.id,
      authorKind: caseUpdates.authorKind,
      authorName: staff.name,
      note: caseUpdates.note,
      fromState: caseUpdates.fromState,
      toState: caseUpdates.toState,
      photos: caseUpdates.photos,
      internal: caseUpdates.internal,
      createdAt: caseUpdates.createdAt,
    })
    .from(caseUpdates)
    .leftJoin(staff, eq(staff.id, caseUpdates.authorStaffId))
    .where(eq(caseUpdates.caseId, caseId))
    .orderBy(asc(caseUpdates.createdAt), asc(caseUpdates.id));
}

/** The photos of one timeline entry of a case (none when the entry is not the case's). */
export async function caseUpdatePhotos(
  db: Queryable,
  caseId: string,
  updateId: string,
): Promise<CaseUpdateRow['photos'] | undefined> {
  const [u] = await db
    .select({ photos: caseUpdates.photos })
    .from(caseUpdates)
    .where(and(eq(caseUpdates.id, updateId), eq(caseUpdates.caseId, caseId)));
  return u?.photos;
}

/** The console queue's filters, already checked (bot/staff/api/queue.ts). */
export interface QueueFilter {
  /** What the member of staff may see at all (shared/staff/permissions.ts queueScope). */
  scope: QueueScope;
  staffId: string;
  /** Only cases assigned to the member of staff. */
  mine?: boolean;
  /** Only cases of this division (the member of staff's own, "my division"). */
  ownDivisionId?: string;
  state?: StateType | 'open';
  category?: string;
  divisionId?: string;
  /** Only open cases past their time limit at `now`. */
  overdue?: boolean;
  from?: Date;
  to?: Date;
  now: Date;
}

/**
 * The console's queue: the cases a member of staff may see, filtered, soonest due first, at
 * most 200, with the category's name and whether the case's alert was held for the quota.
 */
export async function staffQueue(db: Queryable, orgId: string, f: QueueFilter) {
  const visible: SQL[] = [];
  if (f.scope.corruption) visible.push(eq(cases.kind, 'corruption'));
  const others = sql`${cases.kind} <> 'corruption'`;
  if (f.scope.allOthers) visible.push(others);
  else {
    if (f.scope.divisions.length)
      visible.push(and(others, inArray(cases.divisionId, f.scope.divisions))!);
    visible.push(and(others, eq(cases.assigneeId, f.staffId))!);
  }
  const where: SQL[] = [eq(cases.orgId, orgId), or(...visible)!];
  if (f.mine) where.push(eq(cases.assigneeId, f.staffId));
  if (f.ownDivisionId) where.push(eq(cases.divisionId, f.ownDivisionId));
  if (f.state === 'open') where.push(inArray(cases.stateType, [...OPEN_STATES]));
  else if (f.state) where.push(eq(cases.stateType, f.state));
  if (f.category) where.push(eq(cases.category, f.category));
  if (f.divisionId) where.push(eq(cases.divisionId, f.divisionId));
  if (f.overdue) where.push(lt(cases.dueAt, f.now), inArray(cases.stateType, [...OPEN_STATES]));
  if (f.from) where.push(gte(cases.createdAt, f.from));
  if (f.to) where.push(lte(cases.createdAt, f.to));
  return db
    .select({
      id: cases.id,
      trackingCode: cases.trackingCode,
      kind: cases.kind,
      category: cases.category,
      categoryName: serviceCategories.name,
      hasPhoto: sql<boolean>`jsonb_array_length(${cases.photos}) > 0`,
      subject: cases.subject,
      description: cases.description,
      stateType: cases.stateType,
      stateLabel: cases.stateLabel,
      divisionId: cases.divisionId,
      assigneeId: cases.assigneeId,
      createdAt: cases.createdAt,
      dueAt: cases.dueAt,
      explanationRequestedAt: cases.explanationRequestedAt,
      explanationSentAt: cases.explanationSentAt,
      /** Residents affected (the reporter and each "+1" at intake) and urgency. */
      affectedCount: cases.affectedCount,
      urgent: cases.urgent,
      /** Its alert was held back for the quota (a digest went instead): flag it in the queue. */
      alertHeld: sql<boolean>`${ledgerHas(sql`'alert-held:' || ${cases.id}`)}`,
    })
    .from(cases)
    .leftJoin(
      serviceCategories,
      and(eq(serviceCategories.orgId, cases.orgId), eq(serviceCategories.code, cases.category)),
    )
    .where(and(...where))
    .orderBy(asc(cases.dueAt), desc(cases.createdAt))
    .limit(200);
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

/** A resident's own cases in the organisation, newest first (at most `limit`). */
export function residentCases(
  db: Queryable,
  orgId: string,
  residentId: string,
  limit?: number,
): Promise<CaseRow[]> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.orgId, orgId), eq(cases.residentId, residentId)))
    .orderBy(desc(cases.createdAt));
  return limit ? q.limit(limit) : q;
}

/** Every watcher row of the organisation (sealed LINE ids of anonymous reporters). */
export function orgCaseWatchers(db: Queryable, orgId: string) {
  return db.select().from(caseWatchers).where(eq(caseWatchers.orgId, orgId));
}

export async function deleteCaseWatcher(db: Queryable, id: string): Promise<void> {
  await db.delete(caseWatchers).where(eq(caseWatchers.id, id));
}
