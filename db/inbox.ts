import { and, asc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { sourceIdOf, type WebhookEvent } from '../shared/line/webhook';
import { asDate, asJson, rawRows } from './raw';
import { inboxEvents } from './schema';
import type { Queryable } from './types';

/** Webhook events as stored before the 200 (docs/decisions/002-ack-after-durable-insert.md). */
export type InboxRow = typeof inboxEvents.$inferSelect;

/**
 * Inserts events in one statement, skipping webhookEventIds already stored for the same
 * organisation (the id is unique per organisation, decision 022); returns the new rows.
 */
export async function insertInboxEvents(
  q: Queryable,
  items: { orgId: string; event: WebhookEvent; now: Date }[],
) {
  if (items.length === 0) return [];
  return q
    .insert(inboxEvents)
    .values(
      items.map(({ orgId, event: e, now }) => ({
        orgId,
        webhookEventId: e.webhookEventId,
        eventType: e.type,
        sourceId: sourceIdOf(e),
        isRedelivery: e.deliveryContext.isRedelivery,
        raw: e,
        eventTimestamp: e.timestamp,
        receivedAt: now,
        nextAttemptAt: now,
      })),
    )
    .onConflictDoNothing({ target: [inboxEvents.orgId, inboxEvents.webhookEventId] })
    .returning({
      id: inboxEvents.id,
      orgId: inboxEvents.orgId,
      webhookEventId: inboxEvents.webhookEventId,
      sourceId: inboxEvents.sourceId,
    });
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
 * A hot statement, written as SQL (db/raw.ts).
 */
export async function lockAndMarkHandled(
  q: Queryable,
  id: string,
  now: Date,
): Promise<{ orgId: string; raw: WebhookEvent } | undefined> {
  const [row] = await rawRows(
    q,
    sql`update inbox_events
        set processed_at = ${now.toISOString()}, attempts = attempts + 1, locked_until = null, last_error = null
        where id = (select id from inbox_events where id = ${id} and processed_at is null
                    for update skip locked)
        returning org_id as "orgId", raw`,
  );
  return row && { orgId: String(row.orgId), raw: asJson<WebhookEvent>(row.raw) };
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
