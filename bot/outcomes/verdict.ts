/**
 * The resident's verdict on a finished case (issue 16): `outcome:v:<case>:fixed|not_fixed|partly`
 * and `outcome:r:<case>:<1–5>` from the before/after card. Only the resident the case belongs
 * to may answer; "not fixed" reopens the case (counted, within the window) and alerts the
 * people working it, the division head among them (bot/staff/reopen.ts).
 */
import { and, eq } from 'drizzle-orm';
import { caseOutcomes, cases, residents } from '../../db/schema';
import { text, type Message } from '../../shared/line/messages';
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
  const [row] = await ctx.tx
    .select({ c: cases, o: caseOutcomes })
    .from(cases)
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .leftJoin(caseOutcomes, eq(caseOutcomes.caseId, cases.id))
    .where(
      and(eq(cases.id, caseId!), eq(cases.orgId, ctx.org.id), eq(residents.lineUserId, userId)),
    )
    .for('update', { of: cases });
  if (!row) return [text(T.notYours)];
  const { c, o } = row;
  if (!o || c.stateType !== 'finished') return [text(T.notFinished)];
  if (kind === 'r') {
    const n = Number(value);
    if (!/^[1-5]$/.test(value!)) return [text(T.badRating)];
    await ctx.tx
      .update(caseOutcomes)
      .set({ rating: n, updatedAt: ctx.now })
      .where(eq(caseOutcomes.caseId, c.id));
    return [text(T.rated(c.trackingCode, n))];
  }
  if (!(VERDICTS as readonly string[]).includes(value!)) return [text(T.notYours)];
  const verdict = value as Verdict;
  await ctx.tx
    .update(caseOutcomes)
    .set({
      verdict,
      verdictAt: ctx.now,
      verdictNote: verdict === 'not_fixed' ? T.notFixedNote : '',
      updatedAt: ctx.now,
    })
    .where(eq(caseOutcomes.caseId, c.id));
  if (verdict === 'not_fixed') return residentReopen(reopenPostback(c.id), userId, ctx);
  return [
    text(verdict === 'fixed' ? T.thanksFixed(c.trackingCode) : T.thanksPartly(c.trackingCode)),
  ];
}
