import { addCaseUpdate, residentCaseForUpdate, updateCase } from '../../db/cases';
import { text, type Message } from '../../shared/line/messages';
import { transition } from '../../shared/staff/transitions';
import { th } from '../../shared/text/th';
import { stateLabel } from '../cases/file';
import type { HandlerContext } from '../events/types';
import { alertTargets, sendOnce } from './alerts';
import { orgSettings } from '../../shared/org-settings';

const UUID = /^resident:reopen:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The postback a resident taps under "finished" to say it is not done yet. */
export function reopenPostback(caseId: string): string {
  return `resident:reopen:${caseId}`;
}

/**
 * A resident reopens their finished case (within the organisation's window, default 30
 * days): the case goes back to in progress, the reopening is counted, the timeline says
 * the resident did it, and the people working the case hear of it. Only the resident the
 * case belongs to can do it; anyone else reads "not found".
 */
export async function residentReopen(
  data: string,
  userId: string,
  ctx: HandlerContext,
): Promise<Message[]> {
  const R = th.staff.reopen;
  const m = UUID.exec(data);
  if (!m) return [text(th.staff.api.notFound)];
  const row = await residentCaseForUpdate(ctx.tx, ctx.org.id, m[1]!, userId);
  if (!row) return [text(th.staff.api.notFound)];
  const c = row.c;
  const settings = orgSettings(ctx.org.settings);
  const t = transition(
    c,
    { type: 'reopen', by: 'resident' },
    {
      now: ctx.now,
      note: R.note,
      actorStaffId: null,
      reopenWindowDays: settings.reopenWindowDays,
    },
  );
  if (!t.ok) {
    return [text(t.error === 'reopen_window_closed' ? R.windowClosed : R.notFinished)];
  }
  const updated = await updateCase(ctx.tx, c.id, {
    ...t.changes,
    stateLabel: stateLabel(ctx.org.settings, t.changes.stateType!),
    updatedAt: ctx.now,
  });
  await addCaseUpdate(ctx.tx, {
    orgId: ctx.org.id,
    caseId: c.id,
    authorKind: 'resident',
    note: t.update.note,
    fromState: t.update.fromState,
    toState: t.update.toState,
    createdAt: ctx.now,
  });
  const targets = await alertTargets(ctx.tx, updated!);
  for (const to of targets) {
    await sendOnce(
      ctx.tx,
      ctx.org.id,
      `reopen:${c.id}:${updated!.reopenCount}:${to}`,
      ctx.now,
      to,
      [
        text(
          `${R.staffNotice(c.trackingCode, updated!.reopenCount)}\n${ctx.services.links.console(c.id)}`,
        ),
      ],
    );
  }
  return [text(R.done(c.trackingCode))];
}
