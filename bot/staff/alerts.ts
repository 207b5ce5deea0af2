import { categoryByCode } from '../../db/admin-categories';
import { divisionById } from '../../db/admin-divisions';
import { updateCase } from '../../db/cases';
import { loadCalendar } from '../../db/holidays';
import { claimLedgerKey, corruptionAlertedSince, setLedgerOutbox } from '../../db/sent-ledger';
import { staffTargets } from '../../db/staff';
import type { Queryable } from '../../db/types';
import type { CaseKind } from '../../shared/cases';
import { bangkokDay, caseDeadlines } from '../../shared/staff/calendar';
import { newCaseAlert } from '../../shared/staff/render';
import { text } from '../../shared/line/messages';
import { th } from '../../shared/text/th';
import type { CaseRow } from '../../db/cases';
import type { LineClient } from '../line/client';
import type { OrgRow } from '../orgs';
import { enqueuePush } from '../pipeline/outbox';
import type { Services } from '../services';
import { orgSettings } from '../../shared/org-settings';

/** Kinds that alert staff when filed (questions handed off go to the clerk's queue only). */
const ALERTED: readonly CaseKind[] = ['service_request', 'complaint', 'corruption'];

export interface FiledContext {
  org: OrgRow;
  now: Date;
  /** The organisation's LINE client, for the quota check; null or absent: no check. */
  line?: LineClient | null;
  /** Console links and the quota cache of this process or isolate. */
  services: Pick<Services, 'links' | 'quota'>;
}

/**
 * Runs inside the filing transaction: sets the case's time limits (working days of its
 * category, else the organisation's defaults: accept 1, finish 15) and queues the alert
 * pushes, so they are sent if and only if the case commits.
 */
export async function onCaseFiled(
  tx: Queryable,
  ctx: FiledContext,
  row: CaseRow,
): Promise<CaseRow> {
  const settings = orgSettings(ctx.org.settings);
  const cat = await categoryByCode(tx, row.orgId, row.category);
  const cal = await loadCalendar(tx, row.orgId);
  const { dueAt, acceptDueAt } = caseDeadlines(cal, row.createdAt, cat, settings);
  const updated = await updateCase(tx, row.id, { dueAt, acceptDueAt });
  const c = updated ?? row;
  const name = cat?.name ?? th.staff.kinds[c.kind];
  if (ALERTED.includes(c.kind))
    await alertNewCase(tx, ctx, c, c.urgent ? `${th.conv.urgent.staffTag} ${name}` : name);
  return c;
}

/**
 * Who hears of a new case. Corruption: the integrity officers, one by one, never a group.
 * Otherwise the owning division's LINE group if it has one, else its officers and head;
 * cases of the clerk's office (and cases nobody in the division can take) go to the
 * clerk's office role.
 */
export async function alertTargets(db: Queryable, c: CaseRow): Promise<string[]> {
  if (c.kind === 'corruption') {
    return (await staffTargets(db, c.orgId, ['integrity_officer'])).map((t) => t.lineUserId);
  }
  const division = c.divisionId ? await divisionById(db, c.divisionId) : undefined;
  if (division?.lineGroupId) return [division.lineGroupId];
  const people = division
    ? await staffTargets(db, c.orgId, ['officer', 'division_head'], division.id)
    : [];
  if (!people.length || division?.code === 'clerk') {
    people.push(...(await staffTargets(db, c.orgId, ['clerk_office'])));
  }
  return [...new Set(people.map((p) => p.lineUserId))];
}

async function alertNewCase(tx: Queryable, ctx: FiledContext, c: CaseRow, categoryName: string) {
  const targets = await alertTargets(tx, c);
  if (!targets.length) return;
  const settings = orgSettings(ctx.org.settings);
  // Decided from what is known: the filing transaction never waits on LINE's quota API.
  const quota = ctx.services.quota.known(
    c.orgId,
    ctx.line ?? null,
    ctx.now,
    settings.alertQuotaThreshold,
  );
  // Urgent cases (shared/conversation/intake.ts) are alerted one by one even near the quota.
  if (quota.nearLimit && !c.urgent) {
    // One short notice per recipient per day instead of a Flex per case; the console shows the rest.
    const day = bangkokDay(ctx.now);
    for (const to of targets) {
      await sendOnce(tx, c.orgId, `alert-digest:${to}:${day}`, ctx.now, to, [
        text(`${th.staff.alert.digestInstead(1)}\n${ctx.services.links.console()}`),
      ]);
    }
    await sendOnce(tx, c.orgId, `alert-held:${c.id}`, ctx.now, null, []);
    return;
  }
  if (
    c.kind === 'corruption' &&
    !(await corruptionAlertAllowed(tx, c.orgId, c.id, ctx.now, settings.corruptionAlertsPerHour))
  )
    return; // listed in the next corruption digest (bot/staff/corruption-digest.ts)
  const message = newCaseAlert({ ...c, categoryName }, ctx.services.links.console(c.id));
  for (const to of targets)
    await sendOnce(tx, c.orgId, `alert:${c.id}:${to}`, ctx.now, to, [message]);
}

/**
 * Queues a push once per ledger key (sent_ledger): a job or a retried event that comes
 * back to the same key sends nothing. `to` null only records the key. True if queued.
 */
export async function sendOnce(
  tx: Queryable,
  orgId: string,
  key: string,
  now: Date,
  to: string | null,
  messages: Parameters<typeof enqueuePush>[1]['messages'],
): Promise<boolean> {
  if (!(await claimLedgerKey(tx, orgId, key, now))) return false;
  if (!to) return true;
  const outboxId = await enqueuePush(tx, { orgId, to, messages, now });
  await setLedgerOutbox(tx, key, outboxId);
  return true;
}

export const HOUR_MS = 3_600_000;

/**
 * The ceiling on corruption alerts (issue 12; the digest is bot/staff/corruption-digest.ts):
 * true if the case may be alerted one by one (and counts it), false if it is held for the
 * digest because `ceiling` cases of the organisation were alerted in the last hour.
 */
export async function corruptionAlertAllowed(
  tx: Queryable,
  orgId: string,
  caseId: string,
  now: Date,
  ceiling: number,
): Promise<boolean> {
  const allowed =
    (await corruptionAlertedSince(tx, orgId, new Date(now.getTime() - HOUR_MS))) < ceiling;
  await sendOnce(
    tx,
    orgId,
    `${allowed ? 'corruption-alert' : 'corruption-held'}:${caseId}`,
    now,
    null,
    [],
  );
  return allowed;
}
