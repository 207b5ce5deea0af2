import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Message } from '../shared/line/messages';
import { asDate, asDateOrNull, asJson, rawRows } from './raw';
import { outbox, outboxAttempts } from './schema';
import type { Queryable } from './types';

/** The outbox's rows: LINE replies, pushes, multicasts and agency webhooks (bot/pipeline/outbox.ts). */
export type OutboxRow = typeof outbox.$inferSelect;
type NewOutboxRow = typeof outbox.$inferInsert;

const OUTBOX_COLUMNS = sql.raw(`id, org_id as "orgId", kind, target, recipients,
  reply_token as "replyToken", messages, payload, state, attempts,
  next_attempt_at as "nextAttemptAt", locked_until as "lockedUntil", last_error as "lastError",
  source_inbox_id as "sourceInboxId", created_at as "createdAt", sent_at as "sentAt"`);

function outboxRowOf(r: Record<string, unknown>): OutboxRow {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    orgId: String(r.orgId),
    kind: String(r.kind) as OutboxRow['kind'],
    target: text(r.target),
    recipients: r.recipients === null ? null : asJson<string[]>(r.recipients),
    replyToken: text(r.replyToken),
    messages: asJson<Message[]>(r.messages),
    payload: r.payload === null ? null : asJson<unknown>(r.payload),
    state: String(r.state) as OutboxRow['state'],
    attempts: Number(r.attempts),
    nextAttemptAt: asDate(r.nextAttemptAt),
    lockedUntil: asDateOrNull(r.lockedUntil),
    lastError: text(r.lastError),
    sourceInboxId: text(r.sourceInboxId),
    createdAt: asDate(r.createdAt),
    sentAt: asDateOrNull(r.sentAt),
  };
}

/**
 * A reply (or push) to a resident's event, claimed by the process that makes it (state
 * "sending", attempt 1, lease until `lockedUntil`): sent right after the commit. A hot
 * statement, written as SQL (db/raw.ts).
 */
export async function insertClaimedReply(
  q: Queryable,
  r: {
    orgId: string;
    kind: 'reply' | 'push';
    replyToken: string | null;
    target: string | null;
    messages: Message[];
    sourceInboxId: string;
    now: Date;
    lockedUntil: Date;
  },
): Promise<OutboxRow> {
  const [row] = await rawRows(
    q,
    sql`insert into outbox (org_id, kind, reply_token, target, messages, next_attempt_at,
                            source_inbox_id, state, attempts, locked_until, created_at)
        values (${r.orgId}, ${r.kind}, ${r.replyToken}, ${r.target},
                ${JSON.stringify(r.messages)}::text::jsonb, ${r.now.toISOString()},
                ${r.sourceInboxId}, 'sending', 1, ${r.lockedUntil.toISOString()},
                ${r.now.toISOString()})
        returning ${OUTBOX_COLUMNS}`,
  );
  return outboxRowOf(row!);
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

/** A delivered row: its attempt recorded and the row marked sent, in one statement (hot: SQL). */
export async function markOutboxSent(
  q: Queryable,
  row: Pick<OutboxRow, 'id' | 'attempts' | 'orgId' | 'kind'>,
  at: Date,
  /** LINE's answer: 200, or 409 for a retry key it had already accepted. */
  status: number,
): Promise<void> {
  const when = at.toISOString();
  await rawRows(
    q,
    sql`with attempt as (
          insert into outbox_attempts (outbox_id, attempt, org_id, kind, status, error, at)
          values (${row.id}, ${row.attempts}, ${row.orgId}, ${row.kind}, ${status}, null, ${when})
          returning outbox_id)
        update outbox set state = 'sent', sent_at = ${when}, locked_until = null, last_error = null
        where id = ${row.id}`,
  );
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
