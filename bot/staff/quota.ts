import type { LineClient } from '../line/client';

/**
 * The month's push quota, checked before alerts: when it is nearly used, alerts fall back
 * to a digest (GET /v2/bot/message/quota and /quota/consumption). Answers are cached a
 * few minutes per organisation; if LINE does not answer, alerts go out as usual. The filing
 * transaction decides from what is known (`known`) and never waits on LINE: a stale or missing
 * answer is refreshed in the background for the next case.
 */
const TTL_MS = 5 * 60_000;
const ANSWER_MS = 1_500;

export interface QuotaState {
  limit: number | null;
  used: number;
  nearLimit: boolean;
}

/** One per process or isolate (bot/services.ts). */
export class QuotaCache {
  readonly #cache = new Map<string, { at: number; value: QuotaState }>();

  readonly #refreshing = new Map<string, Promise<unknown>>();

  /**
   * The quota state as known now, without waiting: the cached answer (a fresh one, else the
   * last one, else "not near the limit"), and a background refresh when it is stale.
   */
  known(orgId: string, line: LineClient | null, now: Date, threshold = 0.9): QuotaState {
    const hit = this.#cache.get(orgId);
    if (line && (!hit || now.getTime() - hit.at >= TTL_MS) && !this.#refreshing.has(orgId)) {
      const p = quotaState(this.#cache, orgId, line, now, threshold).finally(() =>
        this.#refreshing.delete(orgId),
      );
      this.#refreshing.set(orgId, p);
    }
    return hit?.value ?? { limit: null, used: 0, nearLimit: false };
  }

  /** Resolves when background refreshes have finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all(this.#refreshing.values());
  }

  /** The last known quota state (for the console's notice), without calling LINE. */
  last(orgId: string): QuotaState | null {
    return this.#cache.get(orgId)?.value ?? null;
  }

  forget(orgId?: string): void {
    if (orgId) this.#cache.delete(orgId);
    else this.#cache.clear();
  }
}

async function quotaState(
  cache: Map<string, { at: number; value: QuotaState }>,
  orgId: string,
  line: LineClient | null,
  now: Date,
  threshold: number,
): Promise<QuotaState> {
  const hit = cache.get(orgId);
  if (hit && now.getTime() - hit.at < TTL_MS) return hit.value;
  let value: QuotaState = { limit: null, used: 0, nearLimit: false };
  if (line) {
    try {
      // Never wait long for a slow answer.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const [quota, usage] = await Promise.race([
        Promise.all([line.getQuota(), line.getQuotaConsumption()]),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('quota check timed out')), ANSWER_MS);
        }),
      ]).finally(() => {
        if (timer !== undefined) clearTimeout(timer);
      });
      const limit = quota.type === 'limited' ? (quota.value ?? null) : null;
      const used = usage.totalUsage ?? 0;
      value = { limit, used, nearLimit: limit !== null && used >= limit * threshold };
    } catch {
      // No answer: better to alert than to stay silent.
    }
  }
  cache.set(orgId, { at: now.getTime(), value });
  return value;
}
