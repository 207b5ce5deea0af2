import { and, desc, eq, sql } from 'drizzle-orm';
import { caseUpdates, cases, rateLimits } from '../../db/schema';
import type { Queryable, Tx } from '../../db/types';
import { PIN_FREE_FAILURES, pinLockMs } from '../../shared/security/pin';
import type { OrgRow, SecretBox } from '../orgs';
import type { CaseRow } from '../../db/cases';
import { pinHashOf } from './file';

/** Tracking-code lookups with a PIN allowed per key (resident, or hashed IP) per hour. */
export const PIN_TRIES_PER_HOUR = 5;

export interface TrackContext {
  org: OrgRow;
  now: Date;
  secrets: SecretBox;
}

/** A case of the organisation by its tracking code. */
export async function findCase(tx: Tx, orgId: string, code: string): Promise<CaseRow | null> {
  const [c] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.orgId, orgId), eq(cases.trackingCode, code)));
  return c ?? null;
}

/** Whether `pin` is the PIN of the anonymous case `c`. */
export async function pinMatches(ctx: TrackContext, c: CaseRow, pin: string): Promise<boolean> {
  if (!c.pinHash) return false;
  return (await pinHashOf(ctx.secrets, ctx.org.id, c.trackingCode, pin)) === c.pinHash;
}

export type PinLookup =
  | { ok: true; case: CaseRow }
  | { ok: false; reason: 'not_found' | 'too_many' }
  | { ok: false; reason: 'locked'; until: Date };

const lockKey = (orgId: string, code: string) => `pinlock:${orgId}:${code}`;

/**
 * The per-code guard (issue 12): wrong PINs for one tracking code, from any address or chat,
 * lock the code for a growing time (shared/security/pin.ts). The row is locked `for update`
 * so parallel guesses queue behind each other. Unknown codes count the same as known ones.
 * A right PIN clears the count.
 */
export async function withCodeLock(
  tx: Tx,
  orgId: string,
  code: string,
  now: Date,
  attempt: () => Promise<boolean>,
): Promise<{ ok: boolean } | { locked: Date }> {
  const key = lockKey(orgId, code);
  await tx
    .insert(rateLimits)
    .values({ key, windowStart: new Date(0), count: 0 })
    .onConflictDoNothing({ target: rateLimits.key });
  const [row] = await tx.select().from(rateLimits).where(eq(rateLimits.key, key)).for('update');
  const until = new Date(row!.windowStart.getTime() + pinLockMs(row!.count));
  if (row!.count >= PIN_FREE_FAILURES && until > now) return { locked: until };
  const ok = await attempt();
  await tx
    .update(rateLimits)
    .set(ok ? { count: 0, windowStart: now } : { count: row!.count + 1, windowStart: now })
    .where(eq(rateLimits.key, key));
  return { ok };
}

/**
 * An anonymous case by code and PIN. Every attempt counts against `rateKey`, found or
 * not, and an unknown code, a case without a PIN and a wrong PIN all answer `not_found`,
 * so the answer tells a guesser nothing.
 */
export async function lookupByCodeAndPin(
  tx: Tx,
  ctx: TrackContext,
  code: string,
  pin: string,
  rateKey: string,
): Promise<PinLookup> {
  if (!(await allowTry(tx, ctx.now, rateKey))) return { ok: false, reason: 'too_many' };
  let found: CaseRow | null = null;
  const r = await withCodeLock(tx, ctx.org.id, code, ctx.now, async () => {
    const c = await findCase(tx, ctx.org.id, code);
    if (!c || c.anonymity !== 'anonymous' || !(await pinMatches(ctx, c, pin))) return false;
    found = c;
    return true;
  });
  if ('locked' in r) return { ok: false, reason: 'locked', until: r.locked };
  return found ? { ok: true, case: found } : { ok: false, reason: 'not_found' };
}

/** A fixed one-hour window counter in rate_limits; false once `limit` is passed. */
export async function allowTry(
  tx: Queryable,
  now: Date,
  key: string,
  limit = PIN_TRIES_PER_HOUR,
  windowMs = 3_600_000,
): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await tx
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
  return row!.count <= limit;
}

/** The newest timeline note of a case, if any. */
export async function lastNote(tx: Tx, caseId: string): Promise<string | null> {
  const [last] = await tx
    .select({ note: caseUpdates.note })
    .from(caseUpdates)
    // A staff-only note is never shown to the resident.
    .where(and(eq(caseUpdates.caseId, caseId), eq(caseUpdates.internal, false)))
    .orderBy(desc(caseUpdates.createdAt))
    .limit(1);
  return last?.note ?? null;
}
