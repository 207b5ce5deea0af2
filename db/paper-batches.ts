import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditLog, paperBatches, staff, surveyResponses } from './schema';
import type { Queryable } from './types';

/**
 * Paper survey batches (issue 12): numbered per organisation, typed in by one staff member,
 * counted in the figures only once another has confirmed them.
 */
export type PaperBatch = typeof paperBatches.$inferSelect;

/** The condition db/metrics.ts adds to every figure: online answers, and confirmed paper. */
export const countedResponse = sql`(${surveyResponses.paperBatchId} is null or exists (select 1 from ${paperBatches} where ${paperBatches.id} = ${surveyResponses.paperBatchId} and ${paperBatches.confirmedAt} is not null))`;

/** Forms the staff member typed in since `since` (the start of their Bangkok day). */
export async function paperEnteredSince(db: Queryable, staffId: string, since: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.enteredByStaffId, staffId),
        eq(surveyResponses.channel, 'paper'),
        gte(surveyResponses.submittedAt, since),
      ),
    );
  return Number(row?.n ?? 0);
}

/** The staff member's newest unconfirmed batch, or a new one with the next number. */
export async function openPaperBatch(
  db: Queryable,
  orgId: string,
  staffId: string,
  now: Date,
  fresh = false,
): Promise<{ batch: PaperBatch; created: boolean }> {
  if (!fresh) {
    const [mine] = await db
      .select()
      .from(paperBatches)
      .where(
        and(
          eq(paperBatches.orgId, orgId),
          eq(paperBatches.enteredByStaffId, staffId),
          isNull(paperBatches.confirmedAt),
        ),
      )
      .orderBy(desc(paperBatches.number))
      .limit(1);
    if (mine) return { batch: mine, created: false };
  }
  // The unique (org, number) index settles two at once: the loser takes the next number.
  for (let attempt = 0; ; attempt++) {
    const [batch] = await db
      .insert(paperBatches)
      .values({
        orgId,
        enteredByStaffId: staffId,
        createdAt: now,
        number: sql`(select coalesce(max(${paperBatches.number}), 0) + 1 from ${paperBatches} where ${paperBatches.orgId} = ${orgId})`,
      })
      .onConflictDoNothing()
      .returning();
    if (batch) return { batch, created: true };
    if (attempt > 5) throw new Error('could not number a paper batch');
  }
}

export async function paperBatchByNumber(db: Queryable, orgId: string, n: number) {
  const [row] = await db
    .select()
    .from(paperBatches)
    .where(and(eq(paperBatches.orgId, orgId), eq(paperBatches.number, n)));
  return row ?? null;
}

export async function paperBatchCount(db: Queryable, batchId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.paperBatchId, batchId));
  return Number(row?.n ?? 0);
}

/** Confirms an unconfirmed batch; null if it was confirmed meanwhile. */
export async function confirmPaperBatch(db: Queryable, batchId: string, by: string, now: Date) {
  const [row] = await db
    .update(paperBatches)
    .set({ confirmedByStaffId: by, confirmedAt: now })
    .where(and(eq(paperBatches.id, batchId), isNull(paperBatches.confirmedAt)))
    .returning();
  return row ?? null;
}

/** The organisation's batches, newest first, with their counts and who entered and confirmed. */
export async function listPaperBatches(db: Queryable, orgId: string, limit = 100) {
  const confirmer = alias(staff, 'confirmer');
  const rows = await db
    .select({
      id: paperBatches.id,
      number: paperBatches.number,
      createdAt: paperBatches.createdAt,
      enteredByStaffId: paperBatches.enteredByStaffId,
      enteredBy: staff.name,
      confirmedAt: paperBatches.confirmedAt,
      confirmedBy: confirmer.name,
      count: sql<number>`(select count(*)::int from ${surveyResponses} where ${surveyResponses.paperBatchId} = ${paperBatches.id})`,
    })
    .from(paperBatches)
    .innerJoin(staff, eq(staff.id, paperBatches.enteredByStaffId))
    .leftJoin(confirmer, eq(confirmer.id, paperBatches.confirmedByStaffId))
    .where(eq(paperBatches.orgId, orgId))
    .orderBy(desc(paperBatches.number))
    .limit(limit);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** One audit row for a paper-entry step. */
export async function auditPaper(
  db: Queryable,
  e: { orgId: string; staffId: string; action: string; detail: Record<string, unknown>; at: Date },
) {
  await db.insert(auditLog).values(e);
}
