import { and, asc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { sourceIdOf, type WebhookEvent } from '../shared/line/webhook';
import { residentStateColumns, residentStateFromRow, type ResidentState } from './conversations';
import { asDate, asJson, rawRows } from './raw';
import { inboxEvents } from './schema';
import type { Queryable } from './types';

/** Webhook events as stored before the 200 (docs/decisions/002-ack-after-durable-insert.md). */
export type InboxRow = typeof inboxEvents.$inferSelect;

/**
 * Inserts events in one statement, skipping webhookEventIds already stored for the same
 * organisation (the id is unique per organisation, decision 022); returns the new rows.
 * A hot statement (db/raw.ts): the whole batch travels as one JSON parameter, in arrival
 * order, so `seq` follows the order of `items`.
 */
export async function insertInboxEvents(
  q: Queryable,
  items: { orgId: string; event: WebhookEvent; now: Date }[],
): Promise<{ id: string; orgId: string; webhookEventId: string; sourceId: string | null }[]> {
  if (items.length === 0) return [];
  const batch = JSON.stringify(
    items.map(({ orgId, event, now }) => ({ o: orgId, s: sourceIdOf(event), at: now, e: event })),
  );
  const rows = await rawRows(
    q,
    sql`insert into inbox_events (org_id, webhook_event_id, event_type, source_id, is_redelivery,
          raw, event_timestamp, received_at, next_attempt_at)
        select (x->>'o')::uuid, x->'e'->>'webhookEventId', x->'e'->>'type', x->>'s',
               coalesce((x->'e'->'deliveryContext'->>'isRedelivery')::boolean, false),
               x->'e', (x->'e'->>'timestamp')::bigint, (x->>'at')::timestamptz, (x->>'at')::timestamptz
        from jsonb_array_elements(${batch}::jsonb) with ordinality as b(x, n)
        order by n
        on conflict (org_id, webhook_event_id) do nothing
        returning id, org_id as "orgId", webhook_event_id as "webhookEventId", source_id as "sourceId"`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    orgId: String(r.orgId),
    webhookEventId: String(r.webhookEventId),
    sourceId: r.sourceId === null ? null : String(r.sourceId),
  }));
}

/** An event's organisation, type, sender and whether it is handled; undefined when gone. */
export async function inboxEventHead(q: Queryable, id: string) {
  const [row] = await q
    .select({
      orgId: inboxEvents.orgId,
      eventType: inboxEvents.eventType,
      sourceId: inboxEvents.sourceId,
      processedAt: inboxEvents.processedAt,
      attempts: inboxEvents.attempts,
    })
    .from(inboxEvents)
    .where(eq(inboxEvents.id, id));
  return row;
}

/**
 * In the handling transaction: locks the unhandled row (`FOR UPDATE SKIP LOCKED`) and marks
 * it handled in one statement, so the mark commits with the handler's writes and its reply,
 * or rolls back with them. Undefined when it is handled already or another worker holds it.
 * The same statement reads what the conversation needs next: the resident behind the
 * event's LINE user with their saved state (null when they have never written), so a
 * message costs one round trip less. A hot statement, written as SQL (db/raw.ts).
 */
export async function lockAndMarkHandled(
  q: Queryable,
  id: string,
  now: Date,
): Promise<{ orgId: string; raw: WebhookEvent; residentState: ResidentState | null } | undefined> {
  const [row] = await rawRows(
    q,
    sql`with ev as (
          update inbox_events
          set processed_at = ${now.toISOString()}, attempts = attempts + 1, locked_until = null, last_error = null
          where id = (select id from inbox_events where id = ${id} and processed_at is null
                      for update skip locked)
          returning org_id, raw)
        select ev.org_id as "orgId", ev.raw, ${residentStateColumns}
        from ev
        left join residents r on r.org_id = ev.org_id and r.line_user_id = ev.raw->'source'->>'userId'
        left join conversation_states s on s.resident_id = r.id
        left join orgs o on o.id = r.org_id`,
  );
  if (!row) return undefined;
  const orgId = String(row.orgId);
  return {
    orgId,
    raw: asJson<WebhookEvent>(row.raw),
    residentState: residentStateFromRow(orgId, row),
  };
}

/** A failed attempt: counted, its error kept, due again at `retryAt`. */
export async function recordInboxFailure(
  q: Queryable,
  id: string,
  error: string,
  retryAt: Date,
): Promise<void> {
  await q
    .update(inboxEvents)
    .set({
      attempts: sql`${inboxEvents.attempts} + 1`,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
      nextAttemptAt: retryAt,
    })
    .where(and(eq(inboxEvents.id, id), isNull(inboxEvents.processedAt)));
}

/**
 * One sender's unhandled events, in the order they were sent (timestamp, then arrival).
 * A hot statement, written as SQL (db/raw.ts).
 */
export async function senderQueue(q: Queryable, orgId: string, sourceId: string, limit: number) {
  const rows = await rawRows(
    q,
    sql`select id, event_type as "eventType", received_at as "receivedAt",
               next_attempt_at as "nextAttemptAt", attempts
        from inbox_events
        where org_id = ${orgId} and source_id = ${sourceId} and processed_at is null
        order by event_timestamp, seq
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    eventType: String(r.eventType),
    receivedAt: asDate(r.receivedAt),
    nextAttemptAt: asDate(r.nextAttemptAt),
    attempts: Number(r.attempts),
  }));
}

/**
 * Senders with a due unhandled event received before `receivedBefore`, oldest first (the
 * sweeper's work list); `anyId` is one of the sender's events (the event itself when it has
 * no sender).
 */
export function dueSenders(
  q: Queryable,
  o: { now: Date; receivedBefore: Date; maxAttempts: number; limit: number },
) {
  const oldest = sql<number>`min(${inboxEvents.eventTimestamp})`;
  return q
    .select({
      orgId: inboxEvents.orgId,
      sourceId: inboxEvents.sourceId,
      anyId: sql<string>`min(${inboxEvents.id}::text)`,
      oldest,
    })
    .from(inboxEvents)
    .where(
      and(
        isNull(inboxEvents.processedAt),
        lte(inboxEvents.nextAttemptAt, o.now),
        lt(inboxEvents.receivedAt, o.receivedBefore),
        lt(inboxEvents.attempts, o.maxAttempts),
      ),
    )
    .groupBy(inboxEvents.orgId, inboxEvents.sourceId)
    .orderBy(asc(oldest))
    .limit(o.limit);
}
