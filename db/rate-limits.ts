import { and, eq, like, lt, notLike, or, sql } from 'drizzle-orm';
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

/**
 * Counts one try in a fixed window: the key's count goes up by one within `windowStart`'s
 * window, or starts again at 1 in a new one. Returns the count now.
 */
export async function countTry(db: Queryable, key: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = ${windowStart.toISOString()}::timestamptz then ${rateLimits.count} + 1 else 1 end`,
        windowStart,
      },
    })
    .returning();
  return row!.count;
}

/**
 * A counter row (made at zero if missing) locked `for update` for the rest of the transaction,
 * so parallel attempts on one key queue behind each other (per-code PIN lockouts).
 */
export async function lockCounter(
  tx: Queryable,
  key: string,
): Promise<{ count: number; windowStart: Date }> {
  await tx
    .insert(rateLimits)
    .values({ key, windowStart: new Date(0), count: 0 })
    .onConflictDoNothing({ target: rateLimits.key });
  const [row] = await tx.select().from(rateLimits).where(eq(rateLimits.key, key)).for('update');
  return { count: row!.count, windowStart: row!.windowStart };
}

/** Sets a counter row's count and window start. */
export async function setCounter(
  tx: Queryable,
  key: string,
  count: number,
  windowStart: Date,
): Promise<void> {
  await tx.update(rateLimits).set({ count, windowStart }).where(eq(rateLimits.key, key));
}

/** Stores a one-time key (a used form token) from `windowStart`; false when it was stored already. */
export async function claimOnce(db: Queryable, key: string, windowStart: Date): Promise<boolean> {
  const fresh = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoNothing({ target: rateLimits.key })
    .returning();
  return fresh.length > 0;
}
