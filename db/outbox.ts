import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Message } from '../shared/line/messages';
import { outbox, outboxAttempts } from './schema';
import type { Queryable } from './types';

/** The outbox's rows: LINE replies, pushes, multicasts and agency webhooks (bot/pipeline/outbox.ts). */
export type OutboxRow = typeof outbox.$inferSelect;
type NewOutboxRow = typeof outbox.$inferInsert;

/** Inserts one row and returns it whole. */
export async function insertOutboxRow(q: Queryable, row: NewOutboxRow): Promise<OutboxRow> {
  const [out] = await q.insert(outbox).values(row).returning();
  return out!;
}

/** A push to one user, group or room, due now; returns its id (the push's retry key). */
export async function insertPush(
  q: Queryable,
  push: { orgId: string; to: string; messages: Message[]; now: Date },
): Promise<string> {
  const [row] = await q
    .insert(outbox)
    .values({
      orgId: push.orgId,
      kind: 'push',
      target: push.to,
      messages: push.messages,
      nextAttemptAt: push.now,
    })
    .returning({ id: outbox.id });
  return row!.id;
}

/** A POST of `payload` to an agency's `url`, due now; returns its id (the Idempotency-Key). */
export async function insertWebhook(
  q: Queryable,
  hook: { orgId: string; url: string; payload: unknown; now: Date },
): Promise<string> {
  const [row] = await q
    .insert(outbox)
    .values({
      orgId: hook.orgId,
      kind: 'webhook',
      target: hook.url,
      messages: [],
      payload: hook.payload,
      nextAttemptAt: hook.now,
    })
    .returning({ id: outbox.id });
  return row!.id;
}

/** Every row still "sending" goes back to pending (its sender is known to be gone). */
export async function releaseSendingRows(q: Queryable): Promise<void> {
  await q
    .update(outbox)
    .set({ state: 'pending', lockedUntil: null })
    .where(eq(outbox.state, 'sending'));
}

/**
 * Claims due rows (or the given ones) for `leaseMs`: pending and due, or "sending" with a
 * lapsed lease; `FOR UPDATE SKIP LOCKED`, so no two senders claim the same row.
 */
export function claimDueRows(
  q: Queryable,
  o: { now: Date; ids?: string[]; limit: number; leaseMs: number },
): Promise<OutboxRow[]> {
  const due = or(
    and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, o.now)),
    and(eq(outbox.state, 'sending'), lt(outbox.lockedUntil, o.now)),
  );
  const pick = q
    .select({ id: outbox.id })
    .from(outbox)
    .where(o.ids ? and(due, inArray(outbox.id, o.ids)) : due)
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(o.limit)
    .for('update', { skipLocked: true });
  return q
    .update(outbox)
    .set({
      state: 'sending',
      attempts: sql`${outbox.attempts} + 1`,
      lockedUntil: new Date(o.now.getTime() + o.leaseMs),
    })
    .where(inArray(outbox.id, pick))
    .returning();
}

/** Records one attempt in outbox_attempts and moves the row on, in one statement. */
export async function settleOutboxRow(
  q: Queryable,
  row: Pick<OutboxRow, 'id' | 'attempts' | 'orgId' | 'kind'>,
  attempt: { status: number | null; error: string | null; at: Date },
  changes: Partial<OutboxRow>,
): Promise<void> {
  const recorded = q.$with('attempt', { outboxId: sql<string>`outbox_id` }).as(
    sql`insert into ${outboxAttempts} (outbox_id, attempt, org_id, kind, status, error, at)
        values (${row.id}, ${row.attempts}, ${row.orgId}, ${row.kind}, ${attempt.status || null}, ${attempt.error}, ${attempt.at.toISOString()})
        returning outbox_id`,
  );
  await q.with(recorded).update(outbox).set(changes).where(eq(outbox.id, row.id));
}
