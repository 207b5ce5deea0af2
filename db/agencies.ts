/**
 * Other agencies and the cases forwarded to them (decision 038): the organisation's directory
 * and each forward, with the state of its delivery (the outbox row of a webhook).
 */
import { and, asc, desc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { AgencyChannel } from '../shared/agencies/forward';
import type { CaseRow } from './cases';
import { agencies, caseForwards, cases, outbox } from './schema';
import type { Queryable } from './types';

export type AgencyRow = typeof agencies.$inferSelect;
export type ForwardRow = typeof caseForwards.$inferSelect;

export async function listAgencies(
  db: Queryable,
  orgId: string,
  opts: { activeOnly?: boolean } = {},
): Promise<AgencyRow[]> {
  const where = opts.activeOnly
    ? and(eq(agencies.orgId, orgId), eq(agencies.active, true))
    : eq(agencies.orgId, orgId);
  return db.select().from(agencies).where(where).orderBy(asc(agencies.name));
}

export async function agencyById(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<AgencyRow | undefined> {
  const [row] = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.id, id), eq(agencies.orgId, orgId)));
  return row;
}

/** Adds an agency; undefined when the organisation already has one of that name. */
export async function addAgency(
  db: Queryable,
  a: { orgId: string; name: string; contact: string; channel: AgencyChannel; address: string },
): Promise<AgencyRow | undefined> {
  const [row] = await db
    .insert(agencies)
    .values(a)
    .onConflictDoNothing({ target: [agencies.orgId, agencies.name] })
    .returning();
  return row;
}

export async function setAgencyActive(
  db: Queryable,
  orgId: string,
  id: string,
  active: boolean,
): Promise<AgencyRow | undefined> {
  const [row] = await db
    .update(agencies)
    .set({ active })
    .where(and(eq(agencies.id, id), eq(agencies.orgId, orgId)))
    .returning();
  return row;
}

/** The agencies a case went to, oldest first (loops are judged on this). */
export async function forwardedAgencyIds(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ agencyId: caseForwards.agencyId })
    .from(caseForwards)
    .where(eq(caseForwards.caseId, caseId))
    .orderBy(asc(caseForwards.createdAt));
  return rows.map((r) => r.agencyId);
}

export async function recordForward(
  db: Queryable,
  f: typeof caseForwards.$inferInsert,
): Promise<ForwardRow> {
  const [row] = await db.insert(caseForwards).values(f).returning();
  return row!;
}

/** A case's forwards with their agency and delivery state ('clerk' when sent by hand). */
export async function forwardsOfCase(db: Queryable, orgId: string, caseId: string) {
  const rows = await db
    .select({ f: caseForwards, agencyName: agencies.name, agencyAddress: agencies.address })
    .from(caseForwards)
    .innerJoin(agencies, eq(agencies.id, caseForwards.agencyId))
    .where(and(eq(caseForwards.caseId, caseId), eq(caseForwards.orgId, orgId)))
    .orderBy(asc(caseForwards.createdAt));
  const ids = rows.map((r) => r.f.outboxId).filter((x): x is string => !!x);
  const states = ids.length
    ? await db
        .select({ id: outbox.id, state: outbox.state, attempts: outbox.attempts })
        .from(outbox)
        .where(inArray(outbox.id, ids))
    : [];
  const byId = new Map(states.map((s) => [s.id, s]));
  return rows.map((r) => {
    const o = r.f.outboxId ? byId.get(r.f.outboxId) : undefined;
    return {
      ...r.f,
      agencyName: r.agencyName,
      agencyAddress: r.agencyAddress,
      // A sent row may be gone after retention: counted as sent.
      deliveryState:
        r.f.delivery === 'clerk' ? ('clerk' as const) : (o?.state ?? ('sent' as const)),
      attempts: o?.attempts ?? null,
    };
  });
}

/**
 * Forwards whose follow-up date has passed (after `since`) while their case is still
 * "forwarded", newest first, with the case and the agency's name (bot/agencies/jobs.ts).
 */
export async function dueForwardFollowUps(
  db: Queryable,
  now: Date,
  since: Date,
): Promise<{ f: ForwardRow; c: CaseRow; agency: string }[]> {
  return db
    .select({ f: caseForwards, c: cases, agency: agencies.name })
    .from(caseForwards)
    .innerJoin(cases, eq(cases.id, caseForwards.caseId))
    .innerJoin(agencies, eq(agencies.id, caseForwards.agencyId))
    .where(
      and(
        eq(cases.stateType, 'forwarded'),
        lte(caseForwards.followUpAt, now),
        gt(caseForwards.followUpAt, since),
      ),
    )
    .orderBy(desc(caseForwards.createdAt));
}
