import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { inboxEvents, outbox } from '../../db/schema';
import type { Db } from '../../db/types';
import { sourceIdOf, type WebhookEvent } from '../../shared/line/webhook';
import { backoffMs } from '../../shared/retry';
import type { JobDeps } from '../deps';
import { handlers } from '../events';
import { surveyUrl } from '../survey/invite';
import { claimedByCreator, sendClaimed } from './outbox';

/** How long a worker holds an inbox row before another may take it over. */
const LEASE_MS = 60_000;
/** Attempts before an event is left for a person to look at (attempts, last_error). */
export const INBOX_MAX_ATTEMPTS = 10;

export interface StoredEvent {
  id: string;
  sourceId: string | null;
}

/** Inserts events in one statement, skipping webhookEventIds already stored; returns the new rows. */
async function insertEvents(db: Db, items: { orgId: string; event: WebhookEvent; now: Date }[]) {
  if (items.length === 0) return [];
  return db
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
    .onConflictDoNothing({ target: inboxEvents.webhookEventId })
    .returning({
      id: inboxEvents.id,
      orgId: inboxEvents.orgId,
      webhookEventId: inboxEvents.webhookEventId,
      sourceId: inboxEvents.sourceId,
    });
}

interface PendingStore {
  orgId: string;
  events: WebhookEvent[];
  now: Date;
  resolve(rows: StoredEvent[]): void;
  reject(e: unknown): void;
}

/**
 * Group commit for the webhook: while one INSERT is in flight, the requests that
 * arrive queue up and are stored together by the next one. Each request still gets
 * its 200 only after its own events are durable, and each request's events are in
 * one statement. Under load this turns many round trips into a few (see the webhook
 * benchmark); a lone request waits for nothing.
 */
export class InboxWriter {
  #queue: PendingStore[] = [];
  #busy = false;

  constructor(
    private readonly db: Db,
    private readonly maxEvents = 500,
  ) {}

  store(orgId: string, events: WebhookEvent[], now: Date): Promise<StoredEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#queue.push({ orgId, events, now, resolve, reject });
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (this.#queue.length) {
        const batch: PendingStore[] = [];
        let size = 0;
        while (
          this.#queue.length &&
          (batch.length === 0 || size + this.#queue[0]!.events.length <= this.maxEvents)
        ) {
          const next = this.#queue.shift()!;
          batch.push(next);
          size += next.events.length;
        }
        try {
          const rows = await insertEvents(
            this.db,
            batch.flatMap((b) => b.events.map((event) => ({ orgId: b.orgId, event, now: b.now }))),
          );
          // A webhookEventId sent twice at once is stored once and handed to the first request only.
          const byEventId = new Map(rows.map((r) => [r.webhookEventId, r]));
          for (const b of batch) {
            const mine: StoredEvent[] = [];
            for (const e of b.events) {
              const row = byEventId.get(e.webhookEventId);
              if (row && row.orgId === b.orgId) {
                byEventId.delete(e.webhookEventId);
                mine.push({ id: row.id, sourceId: row.sourceId });
              }
            }
            b.resolve(mine);
          }
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.#busy = false;
    }
  }
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
    .set({
      attempts: sql`${inboxEvents.attempts} + 1`,
      lockedUntil: new Date(now.getTime() + LEASE_MS),
    })
    .where(
      and(
        eq(inboxEvents.id, id),
        isNull(inboxEvents.processedAt),
        or(isNull(inboxEvents.lockedUntil), lt(inboxEvents.lockedUntil, now)),
      ),
    )
    .returning();
  if (!row) return false;

  const event = row.raw;
  try {
    const channel = await deps.orgs.byId(row.orgId);
    if (!channel) throw new Error(`organisation ${row.orgId} not found`);
    const handler = handlers[event.type];
    // Read before the transaction: PGlite has one connection, held by an open transaction.
    const faq = handler ? await deps.services.faq.lookup(db, channel.org) : null;
    const replies = await db.transaction(async (tx) => {
      const rows: (typeof outbox.$inferSelect)[] = [];
      if (!handler) {
        logger.info('unhandled LINE event type', { type: event.type, inboxId: id });
      } else {
        const result = await handler(event, {
          tx,
          org: channel.org,
          now,
          logger,
          line: channel.line,
          photos: deps.photos,
          secrets: deps.orgs.secrets,
          random: deps.random,
          faq: faq!,
          surveyUrl: surveyUrl(deps.env, channel.org.slug),
          services: deps.services,
        });
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
              // Claimed at birth: sent right after the commit below, or by the sender job
              // once the lease runs out if this process dies first.
              ...claimedByCreator(now),
            })
            .returning();
          rows.push(out!);
        }
      }
      await tx
        .update(inboxEvents)
        .set({ processedAt: now, lockedUntil: null, lastError: null })
        .where(eq(inboxEvents.id, id));
      return rows;
    });
    if (replies.length) await sendClaimed(deps, replies);
    return true;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    logger.error('inbox event failed', {
      inboxId: id,
      type: event.type,
      attempt: row.attempts,
      error,
    });
    await db
      .update(inboxEvents)
      .set({
        lockedUntil: null,
        lastError: error.slice(0, 2000),
        nextAttemptAt: new Date(
          now.getTime() + backoffMs(row.attempts, deps.random, { baseMs: 5_000 }),
        ),
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
