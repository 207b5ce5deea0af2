import { validAddress } from '../../shared/agencies/forward';

/**
 * Webhook rows of the outbox (decision 038): a JSON body POSTed to another agency's URL, with
 * the outbox's leases, retries with backoff and its attempt ledger (bot/pipeline/outbox.ts).
 * The row id goes as `Idempotency-Key`, so an agency can drop a resend after a crash.
 */

/** How long an agency may take to answer one delivery. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** An agency's answer that is not 2xx, as the outbox sender retries or gives up on it. */
export class WebhookError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter: string | null,
  ) {
    super(message);
  }
}

/**
 * Delivers one webhook row; throws WebhookError on a non-2xx answer. The address is checked
 * again here (a row saved before the check, or an agency edited since): one that is not an
 * https URL of a public host fails at once, without a call (`local`: simulator mode).
 */
export async function postWebhook(
  row: { id: string; target: string | null; payload: unknown },
  local: boolean,
): Promise<void> {
  if (!validAddress('webhook', row.target ?? '', local))
    throw new WebhookError(400, 'agency address refused: not an https URL of a public host', null);
  const res = await fetch(row.target ?? '', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotency-Key': row.id },
    body: JSON.stringify(row.payload ?? null),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: 'manual',
  });
  const body = await res.text().catch(() => '');
  if (res.status < 200 || res.status > 299)
    throw new WebhookError(
      res.status,
      `agency answered ${res.status}: ${body.slice(0, 200)}`,
      res.headers.get('retry-after'),
    );
}
