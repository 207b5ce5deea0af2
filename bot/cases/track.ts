import { caseByTrackingCode, lastPublicNote, type CaseRow } from '../../db/cases';
import { countTry, lockCounter, setCounter } from '../../db/rate-limits';
import type { Queryable, Tx } from '../../db/types';
import { PIN_FREE_FAILURES, pinLockMs } from '../../shared/security/pin';
import type { OrgRow, SecretBox } from '../orgs';
import { pinHashOf } from './file';

/** Tracking-code lookups with a PIN allowed per key (resident, or hashed IP) per hour. */
export const PIN_TRIES_PER_HOUR = 5;

export interface TrackContext {
  org: OrgRow;
  now: Date;
  secrets: SecretBox;
}

/** A case of the organisation by its tracking code. */
export function findCase(tx: Tx, orgId: string, code: string): Promise<CaseRow | null> {
  return caseByTrackingCode(tx, orgId, code);
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
  const row = await lockCounter(tx, key);
  const until = new Date(row.windowStart.getTime() + pinLockMs(row.count));
  if (row.count >= PIN_FREE_FAILURES && until > now) return { locked: until };
  const ok = await attempt();
  await setCounter(tx, key, ok ? 0 : row.count + 1, now);
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
  return (await countTry(tx, key, windowStart)) <= limit;
}

/** The newest timeline note of a case the resident may see, if any. */
export function lastNote(tx: Tx, caseId: string): Promise<string | null> {
  return lastPublicNote(tx, caseId);
}
