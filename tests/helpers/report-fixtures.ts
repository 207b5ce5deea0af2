/**
 * Seeds a round of survey answers and cases for the metrics and report tests, with
 * fresh slugs (nothing to truncate). Returns the rows it wrote in the shapes the pure
 * functions take, so a test checks SQL figures against shared/metrics directly.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/types';
import {
  cases,
  divisions,
  orgs,
  serviceCategories,
  services,
  surveyAnswers,
  surveyResponses,
  surveyRounds,
  surveys,
} from '../../db/schema';
import { surveyDefinitionSchema, type SurveyDefinition } from '../../shared/survey/definition';
import type { CaseRow } from '../../shared/metrics/complaints';
import { parseRound, roundInstants } from '../../shared/metrics/round';
import type { AnswerRow } from '../../shared/metrics/scoring';

const A4 = [0, 33.33, 66.67, 100];
const S5 = [0, 25, 50, 75, 100];
export const QUESTIONS: { code: string; indicator: string; scale: 'a4' | 's5' }[] = [
  ...['e1', 'e2', 'e3'].map((code) => ({ code, indicator: '6', scale: 'a4' as const })),
  ...['e4', 'e5', 'e6'].map((code) => ({ code, indicator: '7', scale: 'a4' as const })),
  ...['e7', 'e8', 'e9'].map((code) => ({ code, indicator: '8', scale: 'a4' as const })),
  { code: 's1', indicator: 'satisfaction', scale: 's5' },
  { code: 's2', indicator: 'satisfaction', scale: 's5' },
];

export const DEFINITION: SurveyDefinition = surveyDefinitionSchema.parse({
  code: 'eit',
  version: 1,
  assessmentYear: 2569,
  title: 'แบบวัดความพึงพอใจ',
  scales: {
    a4: {
      options: ['none', 'low', 'high', 'highest'].map((v, i) => ({
        value: v,
        label: ['น้อยที่สุดหรือไม่มีเลย', 'น้อย', 'มาก', 'มากที่สุด'][i]!,
        score: A4[i],
      })),
    },
    s5: {
      options: ['1', '2', '3', '4', '5'].map((v, i) => ({
        value: v,
        label: ['น้อยที่สุด', 'น้อย', 'ปานกลาง', 'มาก', 'มากที่สุด'][i]!,
        score: S5[i],
      })),
    },
  },
  sections: [
    {
      id: 'profile',
      title: 'ข้อมูลทั่วไป',
      questions: [
        {
          code: 'gender',
          indicator: 'profile',
          text: 'เพศ',
          kind: 'single',
          options: [
            { value: 'm', label: 'ชาย' },
            { value: 'f', label: 'หญิง' },
          ],
        },
      ],
    },
    {
      id: 'eit',
      title: 'การประเมิน',
      questions: QUESTIONS.map((q, i) => ({
        code: q.code,
        indicator: q.indicator,
        // Worded as a survey is: no codes in the text a person reads.
        text: `ข้อคำถามที่ ${i + 1} เจ้าหน้าที่ให้บริการ`,
        kind: 'single',
        scale: q.scale,
      })),
    },
  ],
});

/** A small deterministic generator (the tests recompute from the rows, never from the seed). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface ReportFixture {
  org: { id: string; slug: string; name: string };
  divisionIds: string[];
  serviceIds: string[];
  answers: AnswerRow[];
  previousAnswers: AnswerRow[];
  cases: CaseRow[];
  comments: string[];
}

export const COMMENTS = [
  'เจ้าหน้าที่สุภาพมาก ขอบคุณค่ะ โทร 081-234-5678',
  'รอคิวนานเกินไป เลขบัตร 1101700230708',
  'ที่จอดรถไม่พอ',
  'อยากให้มีบริการออนไลน์ผ่านไลน์',
  'นายสมชาย ใจดี ช่วยเหลือดีมาก',
];

export async function seedReportRound(
  db: Db,
  opts: {
    round?: string;
    respondents?: number;
    previous?: number;
    cases?: number;
    seed?: number;
  } = {},
): Promise<ReportFixture> {
  const round = parseRound(opts.round ?? '2569-1')!;
  const rnd = lcg(opts.seed ?? 42);
  const slug = `rpt-${randomUUID().slice(0, 8)}`;
  const [org] = await db
    .insert(orgs)
    .values({ slug, name: 'เทศบาลตำบลทดสอบรายงาน' })
    .returning({ id: orgs.id, slug: orgs.slug, name: orgs.name });
  const divs = await db
    .insert(divisions)
    .values([
      { orgId: org!.id, code: 'palad', name: 'สำนักปลัด' },
      { orgId: org!.id, code: 'chang', name: 'กองช่าง' },
    ])
    .returning({ id: divisions.id });
  const svcs = await db
    .insert(services)
    .values([
      {
        orgId: org!.id,
        code: 'permit',
        name: 'ขออนุญาตก่อสร้างอาคาร',
        divisionId: divs[1]!.id,
        steps: ['ยื่นคำขอ', 'ตรวจสอบ', 'ออกใบอนุญาต'],
        timeFrame: '45 วัน',
        documents: ['สำเนาบัตรประชาชน', 'แบบแปลน'],
        fees: 'ตามกฎกระทรวง',
        channels: ['counter', 'online'],
      },
      { orgId: org!.id, code: 'tax', name: 'ชำระภาษีที่ดินและสิ่งปลูกสร้าง', divisionId: divs[0]!.id },
    ])
    .returning({ id: services.id, divisionId: services.divisionId });
  await db.insert(serviceCategories).values([
    { orgId: org!.id, code: 'road', name: 'ถนน/ทางเท้า', kind: 'complaint' },
    { orgId: org!.id, code: 'light', name: 'ไฟฟ้าส่องสว่าง', kind: 'service_request' },
    { orgId: org!.id, code: 'bribe', name: 'เรียกรับสินบน', kind: 'corruption' },
  ]);
  const [survey] = await db
    .insert(surveys)
    .values({
      orgId: org!.id,
      code: 'eit',
      version: 1,
      assessmentYear: round.fiscalYear,
      title: DEFINITION.title,
      definition: DEFINITION,
      publishedAt: new Date(),
    })
    .returning({ id: surveys.id });
  const [roundRow] = await db
    .insert(surveyRounds)
    .values({
      orgId: org!.id,
      label: round.label,
      startsOn: round.startsOn,
      endsOn: round.endsOn,
      targetSample: 100,
    })
    .returning({ id: surveyRounds.id });

  const channels = ['line', 'counter', 'online'] as const;
  const types = ['public', 'contact'];
  async function respond(count: number, from: Date, to: Date, withComments: boolean) {
    const rows: AnswerRow[] = [];
    const comments: string[] = [];
    for (let i = 0; i < count; i++) {
      const svc = svcs[i % svcs.length]!;
      const ch = channels[i % channels.length]!;
      const type = types[i % 2]!;
      const comment = withComments && i < COMMENTS.length ? COMMENTS[i]! : '';
      if (comment) comments.push(comment);
      const submittedAt = new Date(
        from.getTime() + ((to.getTime() - from.getTime()) * (i + 0.5)) / count,
      );
      const [resp] = await db
        .insert(surveyResponses)
        .values({
          orgId: org!.id,
          surveyId: survey!.id,
          roundId: roundRow!.id,
          channel: ch,
          respondentType: type,
          serviceId: svc.id,
          divisionId: svc.divisionId,
          comment,
          submittedAt,
        })
        .returning({ id: surveyResponses.id });
      const answers = QUESTIONS.map((q) => {
        const levels = q.scale === 'a4' ? A4 : S5;
        // Skewed towards the top, as real answers are.
        const idx = Math.min(levels.length - 1, Math.floor(Math.sqrt(rnd()) * levels.length));
        return { code: q.code, indicator: q.indicator, value: String(idx), score: levels[idx]! };
      });
      await db.insert(surveyAnswers).values([
        ...answers.map((a) => ({
          responseId: resp!.id,
          orgId: org!.id,
          questionCode: a.code,
          indicator: a.indicator,
          value: a.value,
          score: a.score,
        })),
        {
          responseId: resp!.id,
          orgId: org!.id,
          questionCode: 'gender',
          indicator: 'profile',
          value: i % 3 ? 'f' : 'm',
          score: null,
        },
      ]);
      for (const a of answers)
        rows.push({
          responseId: resp!.id,
          questionCode: a.code,
          indicator: a.indicator,
          score: a.score,
          channel: ch,
          respondentType: type,
          serviceId: svc.id,
          divisionId: svc.divisionId,
        });
    }
    return { rows, comments };
  }
  const span = roundInstants(round);
  const cur = await respond(opts.respondents ?? 40, span.from, span.to, true);
  const prevSpan = roundInstants(
    parseRound(round.half === 1 ? `${round.fiscalYear - 1}-2` : `${round.fiscalYear}-1`)!,
  );
  const prev = await respond(opts.previous ?? 12, prevSpan.from, prevSpan.to, false);

  // Cases across the round: finished on time, finished late, open overdue, open, rejected.
  const caseRows: CaseRow[] = [];
  const H = 3600_000;
  const n = opts.cases ?? 30;
  const values = [];
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(span.from.getTime() + i * 5 * 24 * H + 9 * H);
    const kind = (['complaint', 'service_request', 'corruption'] as const)[i % 3]!;
    const category = kind === 'corruption' ? 'bribe' : kind === 'complaint' ? 'road' : 'light';
    const mode = i % 5;
    const stateType = (['finished', 'finished', 'in_progress', 'waiting', 'rejected'] as const)[
      mode
    ]!;
    const acceptedAt = mode === 3 ? null : new Date(createdAt.getTime() + (1 + (i % 7) * 3) * H);
    const dueAt = new Date(createdAt.getTime() + (mode === 3 ? 10_000 : 15 * 24) * H);
    const finishedAt =
      mode === 0
        ? new Date(createdAt.getTime() + (48 + i * 5) * H)
        : mode === 1
          ? new Date(dueAt.getTime() + (i + 1) * 10 * H)
          : null;
    values.push({
      orgId: org!.id,
      trackingCode: `FS-T${i}-${slug.slice(4, 8)}`,
      kind,
      category,
      subject: 'เรื่องทดสอบ',
      stateType,
      stateLabel: stateType,
      divisionId: divs[i % 2]!.id,
      createdAt,
      acceptedAt,
      finishedAt,
      dueAt,
    });
    caseRows.push({ kind, category, stateType, createdAt, acceptedAt, finishedAt, dueAt });
  }
  if (values.length) await db.insert(cases).values(values);
  return {
    org: org!,
    divisionIds: divs.map((d) => d.id),
    serviceIds: svcs.map((s) => s.id),
    answers: cur.rows,
    previousAnswers: prev.rows,
    cases: caseRows,
    comments: cur.comments,
  };
}
