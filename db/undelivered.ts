import { and, desc, eq, sql } from 'drizzle-orm';
import { cases, outbox, staff } from './schema';
import type { Queryable } from './types';

/**
 * Messages the outbox gave up on (state 'failed': a final refusal, or OUTBOX_MAX_ATTEMPTS
 * tries), for the staff console (issue 17, decision 045). Never the LINE id: only the kind of
 * recipient. The case is found by the tracking code the message carries, if any; a
 * corruption case's code is not shown (only integrity officers see those cases).
 */
export type RecipientKind = 'staff' | 'resident' | 'group' | 'many';

export interface UndeliveredRow {
  id: string;
  createdAt: Date;
  attempts: number;
  reason: string;
  recipient: RecipientKind;
  caseId: string | null;
  trackingCode: string | null;
}

/** A LINE user, group or room id, wherever a reason quotes one. */
const LINE_ID = /\b[UCR][0-9a-f]{32}\b/g;

/** The reason as people see it: LINE ids removed, at most 300 characters. */
export const reasonText = (lastError: string | null) =>
  (lastError ?? '').replace(LINE_ID, '…').slice(0, 300);

export async function listUndelivered(
  q: Queryable,
  orgId: string,
  limit = 100,
): Promise<UndeliveredRow[]> {
  const code = sql<
    string | null
  >`substring(${outbox.messages}::text from 'FS-[0-9]{4}-[A-Z0-9]{4}')`.as('code');
  const found = q
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      kind: outbox.kind,
      target: outbox.target,
      code,
    })
    .from(outbox)
    .where(and(eq(outbox.orgId, orgId), eq(outbox.state, 'failed')))
    .orderBy(desc(outbox.createdAt))
    .limit(limit)
    .as('found');
  const rows = await q
    .select({
      id: found.id,
      createdAt: found.createdAt,
      attempts: found.attempts,
      lastError: found.lastError,
      kind: found.kind,
      target: found.target,
      isStaff: sql<boolean>`${staff.id} is not null`,
      caseId: cases.id,
      caseKind: cases.kind,
      trackingCode: cases.trackingCode,
    })
    .from(found)
    .leftJoin(staff, and(eq(staff.orgId, orgId), eq(staff.lineUserId, found.target)))
    .leftJoin(cases, and(eq(cases.orgId, orgId), eq(cases.trackingCode, found.code)))
    .orderBy(desc(found.createdAt));
  return rows.map((r) => {
    const hidden = r.caseKind === 'corruption';
    return {
      id: r.id,
      createdAt: new Date(r.createdAt),
      attempts: r.attempts,
      reason: reasonText(r.lastError),
      recipient:
        r.kind === 'multicast'
          ? 'many'
          : r.target && !r.target.startsWith('U')
            ? 'group'
            : r.isStaff
              ? 'staff'
              : 'resident',
      caseId: hidden ? null : r.caseId,
      trackingCode: hidden ? null : r.trackingCode,
    };
  });
}

/**
 * Puts a given-up message back in the queue, due now: one more try (its attempts stay
 * counted, so a further failure gives it up again rather than starting a new series). The
 * row keeps its id, so a push LINE did take before keeps its retry key (LINE answers 409 for
 * 24 hours, which counts as sent). Null when the row is not this organisation's or not failed.
 */
export async function requeueUndelivered(
  q: Queryable,
  orgId: string,
  id: string,
  now: Date,
): Promise<{ id: string } | null> {
  const [row] = await q
    .update(outbox)
    .set({ state: 'pending', nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.orgId, orgId), eq(outbox.state, 'failed')))
    .returning({ id: outbox.id });
  return row ?? null;
}
