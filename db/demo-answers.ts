/**
 * Demo survey answers (issue 15): so that a newcomer's `npm start` (simulator mode) shows a real
 * half-year report for the current round, with a previous round and the same round last year to
 * compare with. Deterministic (a fixed pseudo-random sequence), written once: nothing is added
 * when the organisation already has any answer. Every answer goes through the survey's own
 * validation and scoring, as a resident's would.
 */
import { and, eq, sql } from 'drizzle-orm';
import { services, surveyAnswers, surveyResponses, surveyRounds } from './schema';
import type { Queryable } from './types';
import { currentSurvey } from './survey-seed';
import { previousRound, roundInstants, roundOf, sameRoundLastYear } from '../shared/metrics/round';
import { surveyDefinitionSchema, type Answers } from '../shared/survey/definition';
import { optionsOf } from '../shared/survey/walk';
import { pruneHidden, scoreResponse, validateAnswers } from '../shared/survey/scoring';
import type { SurveySource } from '../shared/survey/source';

const COMMENTS = [
  'เจ้าหน้าที่บริการดี ยิ้มแย้มแจ่มใส',
  'อยากให้เพิ่มที่จอดรถหน้าสำนักงาน',
  'รอคิวนานไปหน่อยช่วงเช้า',
  'แจ้งไฟดับทาง LINE สะดวกมาก ซ่อมเร็ว',
  'ขอให้มีป้ายบอกขั้นตอนชัดเจนกว่านี้',
  'ห้องน้ำสะอาด มีที่นั่งรอเพียงพอ',
  'อยากให้เปิดบริการช่วงพักเที่ยง',
  'ได้รับเอกสารครบในวันเดียว ขอบคุณครับ',
];

/** A small fixed generator (mulberry32), so every fresh demo has the same figures. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `perRound` answers into the current round up to `now`, and fewer into the previous
 * round and the same round last year. Returns how many were written (0 when there were some).
 */
export async function seedDemoAnswers(
  db: Queryable,
  orgId: string,
  now: Date,
  perRound = 120,
): Promise<number> {
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.orgId, orgId));
  if (Number(n) > 0) return 0;
  const survey = await currentSurvey(db, orgId);
  if (!survey) return 0;
  const def = surveyDefinitionSchema.parse(survey.definition);
  const orgServices = await db
    .select({ id: services.id, code: services.code, divisionId: services.divisionId })
    .from(services)
    .where(eq(services.orgId, orgId));
  if (!orgServices.length) return 0;
  const codes = orgServices.map((s) => s.code);
  const rnd = generator(2569);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sources: SurveySource[] = [
    'chat_menu',
    'counter_qr',
    'counter_qr',
    'case_invitation',
    'paper',
  ];

  const current = roundOf(now);
  let written = 0;
  for (const [round, count, lean] of [
    [current, perRound, 0.1],
    [previousRound(current), Math.round(perRound * 0.8), 0],
    [sameRoundLastYear(current), Math.round(perRound * 0.7), -0.1],
  ] as const) {
    const span = roundInstants(round);
    const end = Math.min(span.to.getTime(), now.getTime());
    if (end <= span.from.getTime()) continue;
    const [roundRow] = await db
      .select({ id: surveyRounds.id })
      .from(surveyRounds)
      .where(and(eq(surveyRounds.orgId, orgId), eq(surveyRounds.label, round.label)));
    for (let i = 0; i < count; i++) {
      const answers: Answers = {};
      for (const section of def.sections)
        for (const q of section.questions) {
          if (q.code === 'p2') answers.p2 = pick(codes);
          else if (q.code === 'comment') {
            if (rnd() < 0.05) answers.comment = pick(COMMENTS);
          } else {
            const opts = optionsOf(def, q).map((o) => o.value);
            if (!opts.length) continue;
            // Scales lean to their top: most residents are satisfied, some are not.
            const r = Math.min(0.999, Math.max(0, 1 - (rnd() * rnd() * 1.3 - lean)));
            answers[q.code] = q.scale ? opts[Math.floor(r * opts.length)]! : pick(opts);
          }
        }
      const pruned = pruneHidden(def, answers);
      if (validateAnswers(def, pruned, codes).length) continue;
      const service = orgServices.find((s) => s.code === pruned.p2);
      const at = new Date(
        span.from.getTime() + ((i + rnd()) / count) * (end - span.from.getTime()),
      );
      const [row] = await db
        .insert(surveyResponses)
        .values({
          orgId,
          surveyId: survey.id,
          roundId: roundRow?.id ?? null,
          channel: pruned.p3 === 'counter' || pruned.p3 === 'online' ? pruned.p3 : 'line',
          respondentType: typeof pruned.p1 === 'string' ? pruned.p1 : '',
          serviceId: service?.id ?? null,
          divisionId: service?.divisionId ?? null,
          comment: typeof pruned.comment === 'string' ? pruned.comment : '',
          submittedAt: at,
          source: pick(sources),
        })
        .returning({ id: surveyResponses.id });
      const rows = scoreResponse(def, pruned).filter((a) => a.code !== 'comment');
      if (rows.length)
        await db.insert(surveyAnswers).values(
          rows.map((a) => ({
            responseId: row!.id,
            orgId,
            questionCode: a.code,
            indicator: a.indicator,
            value: a.value,
            score: a.score,
          })),
        );
      written++;
    }
  }
  return written;
}
