import {
  dueSenders,
  inboxEventHead,
  insertInboxEvents,
  lockAndMarkHandled,
  recordInboxFailure,
  senderQueue,
} from '../../db/inbox';
import { insertClaimedReply, type OutboxRow } from '../../db/outbox';
import type { Db } from '../../db/types';
import { sourceIdOf, type WebhookEvent } from '../../shared/line/webhook';
import { backoffMs } from '../../shared/retry';
import type { JobDeps } from '../deps';
import { handlers } from '../events';
import { reportFormUrl } from '../report-form/url';
import { surveyUrl } from '../survey/invite';
import { GroupCommit } from './group-commit';
import { enqueuedCount, leaseEnd, sendClaimed, sendOutbox } from './outbox';

/** Attempts before an event is left for a person to look at (attempts, last_error). */
export const INBOX_MAX_ATTEMPTS = 10;

export interface StoredEvent {
  id: string;
  sourceId: string | null;
}

interface PendingStore {
  orgId: string;
  events: WebhookEvent[];
  now: Date;
}

/**
 * Group commit for the webhook (bot/pipeline/group-commit.ts): while one INSERT is in flight,
 * the requests that arrive are stored together by the next one, at most `maxEvents` events
 * per statement. Each request still gets its 200 only after its own events are durable, and
 * each request's events are in one statement. A lone request waits for nothing.
 */
export class InboxWriter {
  #commit: GroupCommit<PendingStore, StoredEvent[]>;

  constructor(db: Db, maxEvents = 500) {
    this.#commit = new GroupCommit(
      async (batch) => {
        const rows = await insertInboxEvents(
          db,
          batch.flatMap((b) => b.events.map((event) => ({ orgId: b.orgId, event, now: b.now }))),
        );
        // A webhookEventId sent twice at once to one organisation is stored once and handed
        // to the first request only; the same id for another organisation is its own event.
        const key = (orgId: string, webhookEventId: string) => `${orgId} ${webhookEventId}`;
        const byEventId = new Map(rows.map((r) => [key(r.orgId, r.webhookEventId), r]));
        return batch.map((b) => {
          const mine: StoredEvent[] = [];
          for (const e of b.events) {
            const row = byEventId.get(key(b.orgId, e.webhookEventId));
            if (row) {
              byEventId.delete(key(b.orgId, e.webhookEventId));
              mine.push({ id: row.id, sourceId: row.sourceId });
            }
          }
          return mine;
        });
      },
      maxEvents,
      (b) => b.events.length,
    );
  }

  store(orgId: string, events: WebhookEvent[], now: Date): Promise<StoredEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    return this.#commit.add({ orgId, events, now });
  }
}

/**
 * How long an event waits behind an older unhandled event of the same sender (a failed
 * event waiting for its retry, or one given up) before it goes on; the gap is logged.
 */
export const ORDER_WAIT_MS = 60_000;

type Outcome = 'done' | 'gone' | 'busy' | 'failed';

/**
 * Handles stored events of one organisation exactly once, in the order given, in one
 * transaction: each row is locked (`FOR UPDATE SKIP LOCKED`) and marked handled, its handler
 * runs, and its reply becomes an outbox row, all committed together; then the replies are
 * sent in order. The lock, not a lease, keeps two workers apart: when a process dies its
 * locks go with its connection, so nothing waits for a lease to run out after a crash
 * (docs/decisions/024-per-sender-order.md). Stops at the first event someone else holds or
 * has handled; returns how many it handled. A handler that throws rolls back them all.
 */
async function handleEvents(
  deps: JobDeps,
  orgId: string,
  events: readonly { id: string; eventType: string }[],
): Promise<number> {
  const { db, logger } = deps;
  const channel = await deps.orgs.byId(orgId);
  if (!channel) throw new Error(`organisation ${orgId} not found`);
  // Read before the transaction: PGlite has one connection, held by an open transaction.
  const faq = events.some((e) => handlers[e.eventType])
    ? await deps.services.faq.lookup(db, channel.org)
    : null;
  const queuedBefore = enqueuedCount();
  const replies = await db.transaction(async (tx) => {
    const out: OutboxRow[][] = [];
    for (const { id } of events) {
      const now = deps.clock();
      // Locked and marked handled in one statement: the mark commits with what follows.
      const row = await lockAndMarkHandled(tx, id, now);
      if (!row) break;
      const event = row.raw;
      const handler = handlers[event.type];
      const rows: OutboxRow[] = [];
      out.push(rows);
      if (!handler) {
        logger.info('unhandled LINE event type', { type: event.type, inboxId: id });
        continue;
      }
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
        surveyUrl: surveyUrl(deps.env, channel.org.slug, { src: 'menu' }),
        reportFormUrl: reportFormUrl(deps.env, channel.org.slug),
        services: deps.services,
        residentState: row.residentState,
      });
      const target = sourceIdOf(event);
      if (result?.reply?.length && (event.replyToken || target)) {
        // Claimed at birth: sent right after the commit below, or by the sender job
        // once the lease runs out if this process dies first.
        rows.push(
          await insertClaimedReply(tx, {
            orgId: row.orgId,
            kind: event.replyToken ? 'reply' : 'push',
            replyToken: event.replyToken ?? null,
            target,
            messages: result.reply,
            sourceInboxId: id,
            now,
            lockedUntil: leaseEnd(now),
          }),
        );
      }
    }
    return out;
  });
  // One event's replies after the other's, so the resident reads them in order.
  for (const [i, rows] of replies.entries()) {
    if (!rows.length) continue;
    await sendClaimed(deps, rows).catch((e) =>
      // Committed: the outbox sender delivers it when the lease runs out.
      logger.warn('reply not sent after commit; the outbox sender retries', {
        inboxId: events[i]!.id,
        error: String(e),
      }),
    );
  }
  // A staff alert (or another push) queued by these events leaves now, not on the
  // sender's next tick; the timer (the cron on Workers) stays the safety net.
  if (enqueuedCount() !== queuedBefore) {
    await sendOutbox(deps).catch((e) =>
      logger.warn('outbox kick after commit failed; the timer retries', { error: String(e) }),
    );
  }
  return replies.length;
}

/** Handles one stored event exactly once (handleEvents); a failure is recorded for its retry. */
async function handleOne(
  deps: JobDeps,
  id: string,
  known?: { orgId: string; eventType: string },
): Promise<Outcome> {
  const { db, logger } = deps;
  const peek = known ?? (await inboxEventHead(db, id));
  if (!peek) return 'gone';
  try {
    if ((await handleEvents(deps, peek.orgId, [{ id, eventType: peek.eventType }])) === 1)
      return 'done';
    const r = await inboxEventHead(db, id);
    return !r || r.processedAt ? 'gone' : 'busy';
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const row = await inboxEventHead(db, id).catch(() => undefined);
    const attempt = (row?.attempts ?? 0) + 1;
    const now = deps.clock();
    logger.error('inbox event failed', { inboxId: id, type: peek.eventType, attempt, error });
    const retryAt = new Date(now.getTime() + backoffMs(attempt, deps.random, { baseMs: 5_000 }));
    await recordInboxFailure(db, id, error, retryAt).catch((e2) =>
      // The database itself is away: the sweeper finds the event unprocessed later.
      logger.error('could not record the failure of an inbox event', {
        inboxId: id,
        error: String(e2),
      }),
    );
    return 'failed';
  }
}

/**
 * At most this many of a sender's waiting events share one transaction (a backlog, in a
 * surge): one BEGIN and COMMIT instead of one each.
 */
export const RUN_MAX = 8;

/** The events from `queue[i]` on that are due and never failed, at most RUN_MAX. */
function freshRun<E extends { nextAttemptAt: Date; attempts: number }>(
  queue: readonly E[],
  i: number,
  now: Date,
): E[] {
  let end = i;
  while (
    end < queue.length &&
    end - i < RUN_MAX &&
    queue[end]!.attempts === 0 &&
    queue[end]!.nextAttemptAt <= now
  )
    end++;
  return queue.slice(i, end);
}

/**
 * Handles one sender's stored events (one organisation + LINE user, group or room) in
 * the order they were sent: by the event's timestamp, then arrival (`seq`). An event
 * waits while an older one of the same sender is unhandled, unless it has waited
 * ORDER_WAIT_MS; then it goes on and the gap is logged. Whoever holds the sender's
 * oldest event handles the rest after it, so a worker that finds it busy just leaves.
 * Returns how many events this call handled. `rescan: false` (the webhook's task on Node,
 * where a later event of the sender always gets a task of its own after this one) handles
 * what it found and leaves without looking again.
 */
export async function processSender(
  deps: JobDeps,
  orgId: string,
  sourceId: string,
  { rescan = true }: { rescan?: boolean } = {},
): Promise<number> {
  const { db, logger } = deps;
  const BATCH = 50;
  let done = 0;
  /** Until a run fails: then this call goes one by one. */
  let together = true;
  for (let round = 0; round < 10_000; round++) {
    const now = deps.clock();
    const queue = await senderQueue(db, orgId, sourceId, BATCH);
    let blocker: (typeof queue)[number] | null = null;
    let progressed = false;
    for (let i = 0; i < queue.length; i++) {
      const ev = queue[i]!;
      const waited = now.getTime() - ev.receivedAt.getTime();
      // Its turn has not come: an older event of this sender is still unhandled.
      if (blocker && waited < ORDER_WAIT_MS) return done;
      if (ev.nextAttemptAt > now || ev.attempts >= INBOX_MAX_ATTEMPTS) {
        blocker ??= ev;
        continue;
      }
      if (blocker) {
        logger.warn('inbox event handled out of order: an older event of its sender is unhandled', {
          inboxId: ev.id,
          waitingFor: blocker.id,
          waitedMs: waited,
        });
      } else if (together) {
        // A backlog: this event and the fresh ones behind it share one transaction. If that
        // fails, nothing of it stays, and the events go one by one from here, where a failure
        // is recorded against its own event.
        const run = freshRun(queue, i, now);
        if (run.length > 1) {
          const n = await handleEvents(deps, orgId, run).catch((e: unknown) => {
            together = false;
            logger.warn("a sender's events could not be handled together; one by one instead", {
              inboxIds: run.map((r) => r.id),
              error: String(e),
            });
            return 0;
          });
          if (n > 0) {
            done += n;
            progressed = true;
            i += n - 1;
            continue;
          }
        }
      }
      const outcome = await handleOne(deps, ev.id, { orgId, eventType: ev.eventType });
      if (outcome === 'busy') return done;
      if (outcome === 'failed') {
        blocker ??= ev;
        continue;
      }
      if (outcome === 'done') done++;
      progressed = true;
    }
    if (!progressed || (!rescan && queue.length < BATCH)) return done;
  }
  return done;
}

/**
 * Handles a stored event, in its sender's order (see processSender): the events of the
 * same sender stored before it are handled first, and those after it too.
 * Returns false when the row was not there to handle.
 */
export async function processInboxEvent(deps: JobDeps, id: string): Promise<boolean> {
  const row = await inboxEventHead(deps.db, id);
  if (!row || row.processedAt) return false;
  if (row.sourceId === null) return (await handleOne(deps, id)) === 'done';
  return (await processSender(deps, row.orgId, row.sourceId)) > 0;
}

/** What the webhook hands on for a stored event: its sender's events, or itself without a sender. */
export interface InboxJob {
  orgId: string;
  sourceId: string | null;
  inboxId: string;
}

/** Jobs with the same key (one organisation's LINE user, group or room) run in order. */
export const inboxJobKey = (job: InboxJob) => `${job.orgId}:${job.sourceId ?? job.inboxId}`;

/**
 * Runs a job here. `rescan: false` where a later job of the same key always runs after this
 * one (an in-process queue), so this one need not look for newcomers.
 */
export async function runInboxJob(deps: JobDeps, job: InboxJob, rescan: boolean): Promise<void> {
  if (job.sourceId === null) await processInboxEvent(deps, job.inboxId);
  else await processSender(deps, job.orgId, job.sourceId, { rescan });
}

/**
 * Picks up events nobody finished: the process died after the 200, a handler failed,
 * or a Worker was evicted. It takes senders with a due event, oldest first, and
 * handles each sender's events in order (an event in someone's hands is skipped by its
 * row lock); `graceMs` leaves fresh events to the after-ack path.
 */
export async function sweepInbox(
  deps: JobDeps,
  opts: { graceMs?: number; limit?: number } = {},
): Promise<number> {
  const now = deps.clock();
  const rows = await dueSenders(deps.db, {
    now,
    receivedBefore: new Date(now.getTime() - (opts.graceMs ?? 30_000)),
    maxAttempts: INBOX_MAX_ATTEMPTS,
    limit: opts.limit ?? 100,
  });
  let done = 0;
  for (const r of rows) {
    if (r.sourceId !== null) done += await processSender(deps, r.orgId, r.sourceId);
    else if ((await handleOne(deps, r.anyId)) === 'done') done++;
  }
  return done;
}
