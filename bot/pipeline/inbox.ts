import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { inboxEvents, outbox } from '../../db/schema';
import type { Db } from '../../db/types';
import { sourceIdOf, type WebhookEvent } from '../../shared/line/webhook';
import { backoffMs } from '../../shared/retry';
import type { JobDeps } from '../deps';
import { handlers } from '../events';
import { sendOutbox } from './outbox';

/** How long a worker holds an inbox row before another may take it over. */
const LEASE_MS = 60_000;
/** Attempts before an event is left for a person to look at (attempts, last_error). */
export const INBOX_MAX_ATTEMPTS = 10;

export interface StoredEvent {
  id: string;
  sourceId: string | null;
}

/**
 * Stores the events in one statement, ignoring webhookEventIds already stored, and
 * returns the new rows: only these are processed, so a redelivery is handled once.
 */
export async function storeEvents(
  db: Db,
  orgId: string,
  events: WebhookEvent[],
  now: Date,
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  return db
    .insert(inboxEvents)
    .values(
      events.map((e) => ({
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
    .onConflictDoNothing({ target: inboxEvents.webhookEventId })
    .returning({ id: inboxEvents.id, sourceId: inboxEvents.sourceId });
}

/**
 * Handles one stored event exactly once: claims it, runs its handler, and commits the
 * handler's writes, the reply (as an outbox row) and "processed" in one transaction.
 * Then it sends the reply. Returns false when the row was not there to claim.
 */
export async function processInboxEvent(deps: JobDeps, id: string): Promise<boolean> {
  const { db, logger } = deps;
  const now = deps.clock();
  const [row] = await db
    .update(inboxEvents)
    .set({ attempts: sql`${inboxEvents.attempts} + 1`, lockedUntil: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        eq(inboxEvents.id, id),
        isNull(inboxEvents.processedAt),
        or(isNull(inboxEvents.lockedUntil), lt(inboxEvents.lockedUntil, now)),
      ),
    )
    .returning();
  if (!row) return false;

  const event = row.raw as WebhookEvent;
  try {
    const channel = await deps.orgs.byId(row.orgId);
    if (!channel) throw new Error(`organisation ${row.orgId} not found`);
    const handler = handlers[event.type];
    const outboxIds = await db.transaction(async (tx) => {
      const ids: string[] = [];
      if (!handler) {
        logger.info('unhandled LINE event type', { type: event.type, inboxId: id });
      } else {
        const result = await handler(event, { tx, org: channel.org, now, logger });
        const target = sourceIdOf(event);
        if (result?.reply?.length && (event.replyToken || target)) {
          const [out] = await tx
            .insert(outbox)
            .values({
              orgId: row.orgId,
              kind: event.replyToken ? 'reply' : 'push',
              replyToken: event.replyToken ?? null,
              target,
              messages: result.reply,
              nextAttemptAt: now,
              sourceInboxId: id,
            })
            .returning({ id: outbox.id });
          ids.push(out!.id);
        }
      }
      await tx
        .update(inboxEvents)
        .set({ processedAt: now, lockedUntil: null, lastError: null })
        .where(eq(inboxEvents.id, id));
      return ids;
    });
    if (outboxIds.length) await sendOutbox(deps, { ids: outboxIds });
    return true;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    logger.error('inbox event failed', { inboxId: id, type: event.type, attempt: row.attempts, error });
    await db
      .update(inboxEvents)
      .set({
        lockedUntil: null,
        lastError: error.slice(0, 2000),
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts, deps.random, { baseMs: 5_000 })),
      })
      .where(eq(inboxEvents.id, id));
    return true;
  }
}

/**
 * Picks up events nobody finished: the process died after the 200, a handler failed,
 * or a Worker was evicted. Events are taken oldest first; one that is in someone's
 * hands (a live lease) is left alone, and `graceMs` leaves fresh events to the
 * after-ack path.
 */
export async function sweepInbox(
  deps: JobDeps,
  opts: { graceMs?: number; limit?: number } = {},
): Promise<number> {
  const now = deps.clock();
  const rows = await deps.db
    .select({ id: inboxEvents.id })
    .from(inboxEvents)
    .where(
      and(
        isNull(inboxEvents.processedAt),
        lte(inboxEvents.nextAttemptAt, now),
        lt(inboxEvents.receivedAt, new Date(now.getTime() - (opts.graceMs ?? 30_000))),
        lt(inboxEvents.attempts, INBOX_MAX_ATTEMPTS),
        or(isNull(inboxEvents.lockedUntil), lt(inboxEvents.lockedUntil, now)),
      ),
    )
    .orderBy(asc(inboxEvents.eventTimestamp))
    .limit(opts.limit ?? 100);
  let done = 0;
  for (const { id } of rows) if (await processInboxEvent(deps, id)) done++;
  return done;
}
