import { and, like, lt, notLike, or } from 'drizzle-orm';
import { rateLimits } from './schema';
import type { Queryable } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long each kind of rate_limits row is worth keeping, by its key's prefix. */
export const RATE_LIMIT_RETENTION = {
  /** Fixed one-hour windows (web forms, PIN tries, invite tries): dead once the hour is over. */
  window: DAY,
  /** Used form tokens (`formtoken:`), keyed by issue time: dead after the 3-hour token life. */
  formToken: 4 * HOUR,
  /** Per-code PIN lockouts (`pinlock:`), keyed by the last wrong PIN: kept a month. */
  pinLock: 30 * DAY,
} as const;

/**
 * Deletes rate_limits rows that no longer limit anything (issue 12: every forged address
 * used to add a row forever). Returns how many rows went.
 */
export async function deleteOldRateLimits(db: Queryable, now: Date): Promise<number> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const gone = await db
    .delete(rateLimits)
    .where(
      or(
        and(
          like(rateLimits.key, 'pinlock:%'),
          lt(rateLimits.windowStart, before(RATE_LIMIT_RETENTION.pinLock)),
        ),
        and(
          like(rateLimits.key, 'formtoken:%'),
          lt(rateLimits.windowStart, before(RATE_LIMIT_RETENTION.formToken)),
        ),
        and(
          notLike(rateLimits.key, 'pinlock:%'),
          notLike(rateLimits.key, 'formtoken:%'),
          lt(rateLimits.windowStart, before(RATE_LIMIT_RETENTION.window)),
        ),
      ),
    )
    .returning({ key: rateLimits.key });
  return gone.length;
}
