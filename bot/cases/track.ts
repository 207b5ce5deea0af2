import { and, desc, eq, sql } from 'drizzle-orm';
import { caseUpdates, cases, rateLimits } from '../../db/schema';
import type { Tx } from '../../db/types';
import type { OrgRow, SecretBox } from '../orgs';
import { pinHashOf, type CaseRow } from './file';

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
  { ok: true; case: CaseRow } | { ok: false; reason: 'not_found' | 'too_many' };

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
  const c = await findCase(tx, ctx.org.id, code);
  if (!c || c.anonymity !== 'anonymous' || !(await pinMatches(ctx, c, pin))) {
    return { ok: false, reason: 'not_found' };
  }
  return { ok: true, case: c };
}

/** A fixed one-hour window counter in rate_limits; false once `limit` is passed. */
export async function allowTry(
  tx: Tx,
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
