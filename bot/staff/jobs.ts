import { divisionById, divisionsOfOrg } from '../../db/admin-divisions';
import {
  addCaseUpdate,
  divisionDigestCounts,
  lateCaseCandidates,
  updateCase,
  weeklyCaseCounts,
  type CaseRow,
} from '../../db/cases';
import { loadCalendar } from '../../db/holidays';
import { allOrgs, findOrgById } from '../../db/orgs';
import { staffById, staffTargets } from '../../db/staff';
import type { Queryable } from '../../db/types';
import { formatThaiDate, formatThaiDateTime } from '../../shared/dates';
import { text } from '../../shared/line/messages';
import {
  bangkokDay,
  deadline,
  endOfBangkokDay,
  isWorkingDay,
  workingDaysBetween,
} from '../../shared/staff/calendar';
import { th } from '../../shared/text/th';
import type { JobDeps } from '../deps';
import { sendOnce } from './alerts';
import { orgSettings } from '../../shared/org-settings';

const T = th.staff;
const BANGKOK_OFFSET_MS = 7 * 3600_000;

type Counts = { queued: number };

function bangkokHour(now: Date): number {
  return new Date(now.getTime() + BANGKOK_OFFSET_MS).getUTCHours();
}

/**
 * How far a late case has escalated, by working days since its deadline day: the first
 * working day late reminds the assignee, the second the division head, the third and
 * later the clerk's office.
 */
export function escalationLevelFor(workingDaysLate: number): 1 | 2 | 3 {
  return workingDaysLate >= 3 ? 3 : workingDaysLate >= 2 ? 2 : 1;
}

/**
 * SLA escalation (every few minutes; idempotent through sent_ledger):
 * - a case past its time limit (accept limit while waiting, finish limit otherwise) reminds
 *   its assignee (or, unassigned, the division's officers); a working day later its division
 *   head; two working days later the clerk's office. Corruption cases stay with the integrity
 *   officers at every level.
 * - a case unfinished after the organisation's explanation limit (15 working days unless set)
 *   is marked: the console asks the officer to send the resident an explanation.
 */
export async function runSlaEscalation(deps: JobDeps): Promise<Counts> {
  const now = deps.clock();
  const counts = { queued: 0 };
  const late = await lateCaseCandidates(deps.db, now);
  const byOrg = new Map<string, CaseRow[]>();
  for (const c of late) byOrg.set(c.orgId, [...(byOrg.get(c.orgId) ?? []), c]);
  for (const [orgId, list] of byOrg) {
    const org = await findOrgById(deps.db, orgId);
    if (!org) continue;
    const cal = await loadCalendar(deps.db, orgId);
    const explainDays = orgSettings(org.settings).explanationDays;
    for (const c of list) {
      await deps.db.transaction(async (tx) => {
        // Explanation request: 15 working days from filing and still open.
        if (!c.explanationRequestedAt && c.kind !== 'question') {
          const limit = deadline(cal, c.createdAt, explainDays);
          if (now > limit) {
            await updateCase(tx, c.id, { explanationRequestedAt: now });
            await addCaseUpdate(tx, {
              orgId,
              caseId: c.id,
              authorKind: 'system',
              note: T.notes.explanationRequested,
              createdAt: now,
            });
            const to = await firstLine(tx, c);
            for (const target of to) {
              if (
                await sendOnce(tx, orgId, `explain:${c.id}:${target}`, now, target, [
                  text(
                    `${T.sla.explainRequest(c.trackingCode)}\n${deps.services.links.console(c.id)}`,
                  ),
                ])
              )
                counts.queued++;
            }
          }
        }
        const due = c.stateType === 'waiting' && c.acceptDueAt ? c.acceptDueAt : c.dueAt;
        if (!due || due >= now) return;
        const level = escalationLevelFor(workingDaysBetween(cal, due, now));
        if (level <= c.escalationLevel) return;
        const dueText = formatThaiDateTime(due);
        for (let l = c.escalationLevel + 1; l <= level; l++) {
          const { targets, message } = await escalationFor(tx, c, l, dueText);
          for (const target of targets) {
            if (
              await sendOnce(tx, orgId, `sla:${c.id}:${l}:${target}`, now, target, [
                text(`${message}\n${deps.services.links.console(c.id)}`),
              ])
            )
              counts.queued++;
          }
        }
        await updateCase(tx, c.id, { escalationLevel: level });
        await addCaseUpdate(tx, {
          orgId,
          caseId: c.id,
          authorKind: 'system',
          note: T.notes.escalated(level),
          createdAt: now,
        });
      });
    }
  }
  return counts;
}

/** The people who work a case first: its assignee, else the division's officers and head. */
async function firstLine(db: Queryable, c: CaseRow): Promise<string[]> {
  if (c.kind === 'corruption') {
    return (await staffTargets(db, c.orgId, ['integrity_officer'])).map((t) => t.lineUserId);
  }
  if (c.assigneeId) {
    const a = await staffById(db, c.assigneeId);
    if (a?.lineUserId && a.active) return [a.lineUserId];
  }
  const people = await staffTargets(db, c.orgId, ['officer', 'division_head'], c.divisionId);
  if (people.length) return people.map((p) => p.lineUserId);
  return (await staffTargets(db, c.orgId, ['clerk_office'])).map((p) => p.lineUserId);
}

async function escalationFor(
  db: Queryable,
  c: CaseRow,
  level: number,
  due: string,
): Promise<{ targets: string[]; message: string }> {
  if (level === 1 || c.kind === 'corruption')
    return { targets: await firstLine(db, c), message: T.sla.reminder(c.trackingCode, due) };
  if (level === 2) {
    const a = c.assigneeId ? await staffById(db, c.assigneeId) : undefined;
    let heads = (await staffTargets(db, c.orgId, ['division_head'], c.divisionId)).map(
      (t) => t.lineUserId,
    );
    if (!heads.length)
      heads = (await staffTargets(db, c.orgId, ['clerk_office'])).map((t) => t.lineUserId);
    return {
      targets: heads,
      message: T.sla.toHead(c.trackingCode, due, a?.name ?? T.sla.unassigned),
    };
  }
  const d = c.divisionId ? await divisionById(db, c.divisionId) : undefined;
  return {
    targets: (await staffTargets(db, c.orgId, ['clerk_office'])).map((t) => t.lineUserId),
    message: T.sla.toClerk(c.trackingCode, due, d?.name ?? ''),
  };
}

/**
 * The morning digest (from 08:00 Thai time on working days, once a day per division):
 * new cases since yesterday morning, overdue and due today, to the division's LINE group
 * or, without one, its heads and officers. Corruption cases are never in a division digest.
 */
export async function runDailyDigests(deps: JobDeps): Promise<Counts> {
  const now = deps.clock();
  const counts = { queued: 0 };
  if (bangkokHour(now) < 8) return counts;
  const today = bangkokDay(now);
  const endToday = endOfBangkokDay(today);
  const since = new Date(now.getTime() - 86_400_000);
  for (const org of await allOrgs(deps.db)) {
    const cal = await loadCalendar(deps.db, org.id);
    if (!isWorkingDay(cal, today)) continue;
    for (const d of await divisionsOfOrg(deps.db, org.id)) {
      const figures = await divisionDigestCounts(deps.db, org.id, d.id, { since, now, endToday });
      if (!figures.new && !figures.overdue && !figures.dueToday) continue;
      const targets = d.lineGroupId
        ? [d.lineGroupId]
        : (await staffTargets(deps.db, org.id, ['division_head', 'officer'], d.id)).map(
            (t) => t.lineUserId,
          );
      const message = text(
        `${T.digest.daily(d.name, formatThaiDate(now), figures)}\n${deps.services.links.console()}`,
      );
      for (const to of targets) {
        await deps.db.transaction(async (tx) => {
          if (await sendOnce(tx, org.id, `digest:${d.id}:${today}:${to}`, now, to, [message]))
            counts.queued++;
        });
      }
    }
  }
  return counts;
}

/**
 * The weekly summary to executives (Mondays from 08:00 Thai time, once a week): filed,
 * finished, open and overdue for the past seven days. Corruption cases are counted in the
 * totals only (no details), as the published statistics do.
 */
export async function runWeeklySummaries(deps: JobDeps): Promise<Counts> {
  const now = deps.clock();
  const counts = { queued: 0 };
  const local = new Date(now.getTime() + BANGKOK_OFFSET_MS);
  if (local.getUTCDay() !== 1 || local.getUTCHours() < 8) return counts;
  const today = bangkokDay(now);
  const from = new Date(now.getTime() - 7 * 86_400_000);
  for (const org of await allOrgs(deps.db)) {
    const figures = await weeklyCaseCounts(deps.db, org.id, { from, now });
    const execs = await staffTargets(deps.db, org.id, ['executive']);
    const message = text(
      T.digest.weekly(org.name, formatThaiDate(from), formatThaiDate(now), figures),
    );
    for (const e of execs) {
      await deps.db.transaction(async (tx) => {
        if (
          await sendOnce(
            tx,
            org.id,
            `weekly:${org.id}:${today}:${e.lineUserId}`,
            now,
            e.lineUserId,
            [message],
          )
        )
          counts.queued++;
      });
    }
  }
  return counts;
}

/** Both digests: the job the scheduler runs. */
export async function runDigests(deps: JobDeps): Promise<Counts> {
  const a = await runDailyDigests(deps);
  const b = await runWeeklySummaries(deps);
  return { queued: a.queued + b.queued };
}
