/**
 * Outcome figures (issue 16, decision 041): each case of a period with its verdict, reason
 * and closing note, counted by the pure `countOutcomes` (shared/outcomes/count.ts). The
 * dashboard, the public statistics and the satisfaction report call `outcomeFigures`.
 * Corruption complaints are left out (they are counted on their own, confidentially).
 */
import { and, eq, gte, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import {
  countOutcomes,
  isOnTime,
  outcomeOf,
  type OutcomeCase,
  type OutcomeCounts,
} from '../shared/outcomes/count';
import { caseOutcomes, caseProofPhotos, cases } from './schema';
import type { Queryable } from './types';

export async function outcomeCases(
  db: Queryable,
  orgId: string,
  range: { from: Date; to: Date } | { caseId: string },
): Promise<(OutcomeCase & { rating: number | null; verdictNote: string })[]> {
  const rows = await db
    .select({
      stateType: cases.stateType,
      finishedAt: cases.finishedAt,
      dueAt: cases.dueAt,
      verdict: caseOutcomes.verdict,
      rating: caseOutcomes.rating,
      verdictNote: caseOutcomes.verdictNote,
      waiver: caseOutcomes.waiver,
      // Forwarded to another agency (decision 038) and not taken back since.
      forwardedOut: sql<boolean>`(${cases.stateType} in ('forwarded', 'rejected') and exists (
        select 1 from case_forwards f where f.case_id = ${cases.id}))`,
      rejectNote: sql<string | null>`(
        select u.note from case_updates u
        where u.case_id = ${cases.id} and u.to_state = 'rejected'
        order by u.created_at desc limit 1)`,
    })
    .from(cases)
    .leftJoin(caseOutcomes, eq(caseOutcomes.caseId, cases.id))
    .where(
      'caseId' in range
        ? and(eq(cases.orgId, orgId), eq(cases.id, range.caseId))
        : and(
            eq(cases.orgId, orgId),
            ne(cases.kind, 'corruption'),
            gte(cases.createdAt, range.from),
            lt(cases.createdAt, range.to),
          ),
    );
  return rows.map((r) => ({
    stateType: r.stateType,
    verdict: r.verdict ?? null,
    waiver: r.waiver ?? null,
    forwardedOut: r.forwardedOut === true,
    rejectNote: r.rejectNote,
    finishedAt: r.finishedAt,
    dueAt: r.dueAt,
    reopenedByVerdict: r.verdict === 'not_fixed',
    rating: r.rating ?? null,
    verdictNote: r.verdictNote ?? '',
  }));
}

/** The period's outcomes, every case counted once (shared/outcomes/count.ts). */
export async function outcomeFigures(
  db: Queryable,
  orgId: string,
  range: { from: Date; to: Date },
): Promise<OutcomeCounts> {
  return countOutcomes(await outcomeCases(db, orgId, range));
}

/** One case's outcome, verdict and rating, for the console's case screen. */
export async function caseOutcome(db: Queryable, orgId: string, caseId: string) {
  const [c] = await outcomeCases(db, orgId, { caseId });
  if (!c) return null;
  return {
    outcome: outcomeOf(c),
    verdict: c.verdict,
    rating: c.rating,
    verdictNote: c.verdictNote,
    waiver: c.waiver,
    onTime: isOnTime(c),
  };
}

export type CaseProofPhotoRow = typeof caseProofPhotos.$inferSelect;

/** One proof-of-fix photo of the organisation, by its id (`/proof/:org/:id`). */
export async function proofPhotoById(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<CaseProofPhotoRow | undefined> {
  const [row] = await db
    .select()
    .from(caseProofPhotos)
    .where(and(eq(caseProofPhotos.id, id), eq(caseProofPhotos.orgId, orgId)));
  return row;
}

export type CaseOutcomeRow = typeof caseOutcomes.$inferSelect;

/**
 * Claims the verdict reminders that are due (finished before `cutoff`, no verdict, never
 * reminded): marks them sent at `now` and returns their cases. Run twice, the second finds none.
 */
export async function claimVerdictReminders(
  db: Queryable,
  cutoff: Date,
  now: Date,
): Promise<{ caseId: string }[]> {
  return db
    .update(caseOutcomes)
    .set({ reminderSentAt: now, updatedAt: now })
    .where(
      and(
        isNull(caseOutcomes.verdict),
        isNull(caseOutcomes.reminderSentAt),
        lte(caseOutcomes.finishedAt, cutoff),
      ),
    )
    .returning({ caseId: caseOutcomes.caseId });
}

/** A case's outcome row (written when staff finish it), if any. */
export async function outcomeOfCase(
  db: Queryable,
  caseId: string,
): Promise<CaseOutcomeRow | undefined> {
  const [row] = await db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, caseId));
  return row;
}

/** The resident's verdict, rating or words on a case's outcome. */
export async function updateOutcome(
  db: Queryable,
  caseId: string,
  changes: Partial<
    Pick<CaseOutcomeRow, 'verdict' | 'verdictAt' | 'verdictNote' | 'rating' | 'updatedAt'>
  >,
): Promise<void> {
  await db.update(caseOutcomes).set(changes).where(eq(caseOutcomes.caseId, caseId));
}

/**
 * The fingerprints of proof photos a new "after" photo must not match: every photo on the
 * organisation's other cases, and the case's own "before" photo.
 */
export async function earlierProofPhotos(
  db: Queryable,
  orgId: string,
  caseId: string,
): Promise<{ fp: string; code: string; caseId: string; role: 'before' | 'after' }[]> {
  return db
    .select({
      fp: caseProofPhotos.fingerprint,
      code: cases.trackingCode,
      caseId: cases.id,
      role: caseProofPhotos.role,
    })
    .from(caseProofPhotos)
    .innerJoin(cases, eq(cases.id, caseProofPhotos.caseId))
    .where(
      and(
        eq(caseProofPhotos.orgId, orgId),
        sql`(${caseProofPhotos.caseId} <> ${caseId} OR ${caseProofPhotos.role} = 'before')`,
      ),
    );
}

/** The id of the case's "before" photo (the resident's first photo), if one was kept. */
export async function beforePhotoId(db: Queryable, caseId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: caseProofPhotos.id })
    .from(caseProofPhotos)
    .where(and(eq(caseProofPhotos.caseId, caseId), eq(caseProofPhotos.role, 'before')));
  return row?.id;
}

/**
 * Writes a finish's proof photos and the case's outcome; a re-finish clears the previous
 * verdict, rating and reminder.
 */
export async function recordFinishOutcome(
  db: Queryable,
  o: {
    orgId: string;
    caseId: string;
    now: Date;
    waiver: string | null;
    photos: Omit<typeof caseProofPhotos.$inferInsert, 'orgId' | 'caseId' | 'createdAt'>[];
  },
): Promise<void> {
  if (o.photos.length)
    await db
      .insert(caseProofPhotos)
      .values(o.photos.map((r) => ({ ...r, orgId: o.orgId, caseId: o.caseId, createdAt: o.now })));
  await db
    .insert(caseOutcomes)
    .values({
      caseId: o.caseId,
      orgId: o.orgId,
      waiver: o.waiver,
      finishedAt: o.now,
      updatedAt: o.now,
    })
    .onConflictDoUpdate({
      target: caseOutcomes.caseId,
      set: {
        waiver: o.waiver,
        finishedAt: o.now,
        verdict: null,
        rating: null,
        verdictNote: '',
        verdictAt: null,
        reminderSentAt: null,
        updatedAt: o.now,
      },
    });
}
