/**
 * The resident's verdict on a finished case (issue 16): `outcome:v:<case>:fixed|not_fixed|partly`
 * and `outcome:r:<case>:<1–5>` from the before/after card. Only the resident the case belongs
 * to may answer; "not fixed" reopens the case (counted, within the window) and alerts the
 * people working it, the division head among them (bot/staff/reopen.ts).
 */
import { addCaseUpdate, caseById, caseInOrg, residentCaseForUpdate } from '../../db/cases';
import { saveState } from '../../db/conversations';
import { outcomeOfCase, updateOutcome } from '../../db/outcomes';
import { MAX_VERDICT_NOTE } from '../../shared/conversation/engine';
import { ask, SKIP } from '../../shared/conversation/render';
import { text, type Message } from '../../shared/line/messages';
import { orgSettings } from '../../shared/org-settings';
import { conv } from '../../shared/text/th-conversation';
import { alertTargets, sendOnce } from '../staff/alerts';
import { outcomes } from '../../shared/text/th-outcomes';
import type { HandlerContext } from '../events/types';
import { reopenPostback, residentReopen } from '../staff/reopen';
import { VERDICTS, type Verdict } from './flex';

const T = outcomes.resident;
const RE = /^outcome:(v|r):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\w+)$/i;

export async function outcomePostback(
  data: string,
  userId: string,
  ctx: HandlerContext,
): Promise<Message[]> {
  const m = RE.exec(data);
  if (!m) return [text(T.notYours)];
  const [, kind, caseId, value] = m;
  const row = await residentCaseForUpdate(ctx.tx, ctx.org.id, caseId!, userId);
  if (!row) return [text(T.notYours)];
  const { c, residentId } = row;
  const o = await outcomeOfCase(ctx.tx, c.id);
  if (!o || c.stateType !== 'finished') return [text(T.notFinished)];
  if (kind === 'r') {
    const n = Number(value);
    if (!/^[1-5]$/.test(value!)) return [text(T.badRating)];
    await updateOutcome(ctx.tx, c.id, { rating: n, updatedAt: ctx.now });
    return [text(T.rated(c.trackingCode, n))];
  }
  if (!(VERDICTS as readonly string[]).includes(value!)) return [text(T.notYours)];
  const verdict = value as Verdict;
  await updateOutcome(ctx.tx, c.id, {
    verdict,
    verdictAt: ctx.now,
    verdictNote: verdict === 'not_fixed' ? T.notFixedNote : '',
    updatedAt: ctx.now,
  });
  if (verdict === 'not_fixed') {
    const reopened = await residentReopen(reopenPostback(c.id), userId, ctx);
    const after = await caseById(ctx.tx, c.id);
    if (after?.stateType === 'finished') return reopened; // the window had closed
    // The pure conversation asks for the resident's own words next (flow 'verdict').
    const minutes = orgSettings(ctx.org.settings).flowTimeoutMinutes;
    await saveState(
      ctx.tx,
      ctx.org.id,
      residentId,
      {
        flow: 'verdict',
        step: 'note',
        data: { caseId: c.id, code: c.trackingCode },
        expiresAt: new Date(ctx.now.getTime() + minutes * 60_000).toISOString(),
      },
      ctx.now,
    );
    return [ask(conv.verdict.askNote(c.trackingCode), [SKIP])];
  }
  return [
    text(verdict === 'fixed' ? T.thanksFixed(c.trackingCode) : T.thanksPartly(c.trackingCode)),
  ];
}

/**
 * The resident's own words after "not fixed": kept on the reopened case's timeline and with
 * the verdict, and sent to the people working the case (the division head among them) once.
 * Only the resident's own case; anything else is ignored.
 */
export async function keepVerdictNote(
  ctx: HandlerContext,
  residentId: string,
  caseId: string,
  note: string,
): Promise<void> {
  const words = note.trim().slice(0, MAX_VERDICT_NOTE);
  const c = await caseInOrg(ctx.tx, ctx.org.id, caseId);
  if (!c || c.residentId !== residentId || !words) return;
  await addCaseUpdate(ctx.tx, {
    orgId: ctx.org.id,
    caseId: c.id,
    authorKind: 'resident',
    note: conv.verdict.timeline(words),
    createdAt: ctx.now,
  });
  await updateOutcome(ctx.tx, c.id, { verdictNote: words, updatedAt: ctx.now });
  for (const to of await alertTargets(ctx.tx, c)) {
    await sendOnce(ctx.tx, ctx.org.id, `verdict-note:${c.id}:${c.reopenCount}:${to}`, ctx.now, to, [
      text(`${conv.verdict.staff(c.trackingCode, words)}\n${ctx.services.links.console(c.id)}`),
    ]);
  }
}
