/**
 * Exponential backoff with jitter: a random delay in [base, min(max, base·2^(attempt-1))].
 * `attempt` counts from 1 (the attempt that just failed); `random` yields [0, 1).
 */
export function backoffMs(
  attempt: number,
  random: () => number,
  opts: { baseMs?: number; maxMs?: number } = {},
): number {
  const base = opts.baseMs ?? 1000;
  const max = opts.maxMs ?? 15 * 60_000;
  const cap = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(base + random() * (cap - base));
}

/**
 * Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined.
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** HTTP statuses worth retrying: rate limits and server faults. Other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
