/**
 * The sent ledger (sent_ledger): one key per alert or digest that went out (or was held), so
 * a job or a retried event that comes back to the same key sends nothing. The corruption
 * alert ceiling (issue 12) counts and lists cases by their keys here.
 */
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { cases, sentLedger } from './schema';
import type { Queryable } from './types';

/** A condition: the sent_ledger holds `key`. */
export const ledgerHas = (key: SQL) =>
  sql`exists (select 1 from ${sentLedger} where ${sentLedger.key} = ${key})`;

/** Records `key`; false when it was there already (nothing more should be sent). */
export async function claimLedgerKey(
  db: Queryable,
  orgId: string,
  key: string,
  now: Date,
): Promise<boolean> {
  const [fresh] = await db
    .insert(sentLedger)
    .values({ key, orgId, createdAt: now })
    .onConflictDoNothing({ target: sentLedger.key })
    .returning({ key: sentLedger.key });
  return !!fresh;
}

/** Links a ledger key to the outbox row that carries its push. */
export async function setLedgerOutbox(db: Queryable, key: string, outboxId: string) {
  await db.update(sentLedger).set({ outboxId }).where(eq(sentLedger.key, key));
}

/** Whether the organisation has a ledger key starting with `prefix` written after `since`. */
export async function hasRecentLedgerKey(
  db: Queryable,
  orgId: string,
  prefix: string,
  since: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ key: sentLedger.key })
    .from(sentLedger)
    .where(
      and(
        eq(sentLedger.orgId, orgId),
        sql`${sentLedger.key} like ${`${prefix}%`}`,
        gt(sentLedger.createdAt, since),
      ),
    )
    .limit(1);
  return !!row;
}

/** How many of the organisation's corruption cases filed after `since` were alerted one by one. */
export async function corruptionAlertedSince(
  db: Queryable,
  orgId: string,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        eq(cases.kind, 'corruption'),
        gt(cases.createdAt, since),
        ledgerHas(sql`'corruption-alert:' || ${cases.id}`),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Corruption cases held for a digest and not yet listed in one, oldest first, every organisation. */
export async function heldCorruptionCases(
  db: Queryable,
): Promise<{ id: string; orgId: string; code: string; at: Date }[]> {
  return db
    .select({ id: cases.id, orgId: cases.orgId, code: cases.trackingCode, at: cases.createdAt })
    .from(cases)
    .where(
      and(
        eq(cases.kind, 'corruption'),
        ledgerHas(sql`'corruption-held:' || ${cases.id}`),
        sql`not ${ledgerHas(sql`'corruption-digested:' || ${cases.id}`)}`,
      ),
    )
    .orderBy(asc(cases.createdAt));
}
