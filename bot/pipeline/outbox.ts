import {
  claimDueRows,
  insertPush,
  markOutboxSent,
  settleOutboxRow,
  type OutboxRow,
} from '../../db/outbox';
import type { Queryable } from '../../db/types';
import type { Message } from '../../shared/line/messages';
import { backoffMs, isRetryableStatus, retryAfterMs } from '../../shared/retry';
import type { JobDeps } from '../deps';
import { isSimulatorMode } from '../env';
import { LineApiError } from '../line/client';
import { postWebhook, WebhookError } from './outbox-webhook';

/** How long a sender holds a row; a row still "sending" after this is taken over. */
const LEASE_MS = 60_000;

/**
 * Queues a push to one user, group or room. Call it inside the transaction that makes
 * the change it reports, so the message is sent if and only if the change commits.
 */
export async function enqueuePush(
  q: Queryable,
  push: { orgId: string; to: string; messages: Message[]; now: Date },
): Promise<string> {
  enqueued++;
  return insertPush(q, push);
}

/** Pushes queued by this process so far: lets a worker see that its transaction queued one. */
let enqueued = 0;
export const enqueuedCount = () => enqueued;

/**
 * The outbox sender: delivers due rows through the organisation's LINE client.
 * - A push carries X-Line-Retry-Key = the row id, so a resend after a crash is
 *   accepted once (LINE answers 409 to a key it already accepted; that counts as sent).
 * - 429 and 5xx are retried with exponential backoff and jitter (or Retry-After),
 *   up to OUTBOX_MAX_ATTEMPTS; other 4xx are final and the reason is kept.
 * - A reply whose token has expired or was used becomes a push to the same user, sent at
 *   once even when that refusal was the last of OUTBOX_MAX_ATTEMPTS (so one try more).
 * - A `webhook` row POSTs its payload to an agency's URL (outbox-webhook.ts): 2xx is sent,
 *   429/5xx/network are retried the same way, other answers are final.
 * Every call is recorded in outbox_attempts.
 */
export async function sendOutbox(
  deps: JobDeps,
  opts: { ids?: string[]; limit?: number } = {},
): Promise<SendStats> {
  const rows = await claimDueRows(deps.db, {
    now: deps.clock(),
    ids: opts.ids,
    limit: opts.limit ?? 50,
    leaseMs: LEASE_MS,
  });
  return sendClaimed(deps, rows);
}

type SendStats = { sent: number; retried: number; failed: number };

/** Sends rows this process has claimed (state 'sending', attempts counted, lease held). */
export async function sendClaimed(deps: JobDeps, rows: OutboxRow[]): Promise<SendStats> {
  const stats = { sent: 0, retried: 0, failed: 0 };
  await Promise.all(rows.map((row) => sendRow(deps, row, stats)));
  return stats;
}

/** When the lease of a row claimed now runs out (a row its creator sends right after commit). */
export const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_MS);

async function sendRow(deps: JobDeps, row: OutboxRow, stats: SendStats): Promise<void> {
  let status: number | null = null;
  let error: string | null = null;
  let retryAfter: string | null = null;
  try {
    if (row.kind === 'webhook') await postWebhook(row, isSimulatorMode(deps.env));
    else await sendLine(deps, row);
    status = 200;
  } catch (e) {
    // Anything that is not an answer (a network fault, a database hiccup) is retried.
    const answered = e instanceof LineApiError || e instanceof WebhookError;
    status = answered ? e.status : 0;
    error = e instanceof Error ? e.message : String(e);
    retryAfter = answered ? e.retryAfter : null;
    // The retry key was accepted before (we crashed after LINE took it): it is sent.
    if (status === 409 && row.kind !== 'reply' && row.kind !== 'webhook') error = null;
  }
  await settleRow(deps, row, stats, { status, error, retryAfter });
}

async function sendLine(deps: JobDeps, row: OutboxRow): Promise<void> {
  const channel = await deps.orgs.byId(row.orgId);
  if (!channel?.line) throw new LineApiError(401, 'organisation has no LINE access token');
  const messages = row.messages;
  if (row.kind === 'reply') await channel.line.reply(row.replyToken!, messages);
  else if (row.kind === 'push') await channel.line.push(row.target!, messages, row.id);
  else await channel.line.multicast(row.recipients ?? [], messages, row.id);
}

async function settleRow(
  deps: JobDeps,
  row: OutboxRow,
  stats: SendStats,
  result: { status: number | null; error: string | null; retryAfter: string | null },
): Promise<void> {
  const { db, logger } = deps;
  const { status, error, retryAfter } = result;
  const now = deps.clock();
  /** Records this attempt and moves the row on, in one statement. */
  const settle = (changes: Partial<OutboxRow>) =>
    settleOutboxRow(db, row, { status, error, at: now }, changes);

  if (!error) {
    stats.sent++;
    await markOutboxSent(db, row, now, status ?? 200);
    return;
  }

  if (row.kind === 'reply' && status === 400 && row.target) {
    // Reply tokens are single-use and short-lived; the message still has to reach the resident.
    stats.retried++;
    await settle({
      kind: 'push',
      replyToken: null,
      state: 'pending',
      nextAttemptAt: now,
      lockedUntil: null,
      lastError: error,
    });
    await sendOutbox(deps, { ids: [row.id] });
    return;
  }

  const retryable = status === 0 || isRetryableStatus(status ?? 0);
  if (retryable && row.attempts < deps.env.OUTBOX_MAX_ATTEMPTS) {
    stats.retried++;
    const wait = Math.max(backoffMs(row.attempts, deps.random), retryAfterMs(retryAfter, now) ?? 0);
    await settle({
      state: 'pending',
      nextAttemptAt: new Date(now.getTime() + wait),
      lockedUntil: null,
      lastError: error,
    });
    return;
  }

  stats.failed++;
  const reason = retryable ? `gave up after ${row.attempts} attempts: ${error}` : error;
  logger.warn('outbox message not delivered', { outboxId: row.id, status, error: reason });
  await settle({ state: 'failed', lockedUntil: null, lastError: reason });
}
