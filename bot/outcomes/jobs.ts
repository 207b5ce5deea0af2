/**
 * One reminder to answer "แก้ไขแล้วจริงไหม?" 7 days after a finish without an answer, then
 * nothing. Run-twice-sends-once: the reminder is claimed (`reminder_sent_at` set where it was
 * null) in the same transaction that queues the push, so a second run finds nothing.
 */
import { caseById } from '../../db/cases';
import { claimVerdictReminders } from '../../db/outcomes';
import { ask } from '../../shared/conversation/render';
import { outcomes } from '../../shared/text/th-outcomes';
import type { JobDeps } from '../deps';
import { enqueuePush, sendOutbox } from '../pipeline/outbox';
import { residentTargets } from '../staff/actions';
import { verdictPostback } from './flex';

export const VERDICT_REMINDER_DAYS = 7;
const T = outcomes.resident;

export async function remindVerdicts(deps: JobDeps): Promise<number> {
  const now = deps.clock();
  const cutoff = new Date(now.getTime() - VERDICT_REMINDER_DAYS * 86_400_000);
  const ids = await deps.db.transaction(async (tx) => {
    const claimed = await claimVerdictReminders(tx, cutoff, now);
    const out: string[] = [];
    for (const { caseId } of claimed) {
      const c = await caseById(tx, caseId);
      if (!c || c.stateType !== 'finished' || !c.residentId) continue;
      const [to] = await residentTargets({ tx, secrets: deps.orgs.secrets }, c);
      if (!to) continue;
      const message = ask(
        T.reminder(c.trackingCode),
        (['fixed', 'partly', 'not_fixed'] as const).map((v) => ({
          label: v === 'fixed' ? T.fixed : v === 'partly' ? T.partly : T.notFixed,
          data: verdictPostback(c.id, v),
          displayText: v === 'fixed' ? T.fixed : v === 'partly' ? T.partly : T.notFixed,
        })),
      );
      out.push(await enqueuePush(tx, { orgId: c.orgId, to, messages: [message], now }));
    }
    return out;
  });
  if (ids.length) await sendOutbox(deps, { ids });
  return ids.length;
}
