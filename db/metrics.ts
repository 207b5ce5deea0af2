/**
 * The report's figures, aggregated in SQL (GROUP BY over survey_answers and cases)
 * so a round of a million answers never leaves the database as rows. The results
 * are the same shapes the pure functions in shared/metrics take, so scoring has
 * one implementation.
 */
import { and, asc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { CaseKind } from '../shared/cases';
import type { QuestionAggregate } from '../shared/metrics/scoring';
import { cases, divisions, services, surveyAnswers, surveyResponses } from './schema';
import type { Queryable } from './types';
import { countedResponse } from './paper-batches';

export interface Period {
  from: Date;
  to: Date;
}

export interface SurveyFilter {
  divisionId?: string;
  serviceId?: string;
  channel?: string;
  respondentType?: string;
}

function responseWhere(orgId: string, p: Period, f: SurveyFilter): SQL {
  const parts: SQL[] = [
    eq(surveyResponses.orgId, orgId),
    gte(surveyResponses.submittedAt, p.from),
    lt(surveyResponses.submittedAt, p.to),
    // Paper forms count once a second person has confirmed their batch (issue 12).
    countedResponse,
  ];
  if (f.divisionId) parts.push(eq(surveyResponses.divisionId, f.divisionId));
  if (f.serviceId) parts.push(eq(surveyResponses.serviceId, f.serviceId));
  if (f.channel) parts.push(sql`${surveyResponses.channel} = ${f.channel}`);
  if (f.respondentType) parts.push(eq(surveyResponses.respondentType, f.respondentType));
  return and(...parts)!;
}

const num = (x: unknown) => (x === null || x === undefined ? 0 : Number(x));

/** Per (question, group) sum, count and top-two count of scored answers in a period. */
export async function answerAggregates(
  db: Queryable,
  orgId: string,
  p: Period,
  f: SurveyFilter = {},
  opts: { topTwoMinScore: number; groups: readonly string[] },
): Promise<{ aggregates: QuestionAggregate[]; respondents: number }> {
  const group = opts.groups.length ? surveyResponses.respondentType : sql<string>`''`;
  const rows = await db
    .select({
      questionCode: surveyAnswers.questionCode,
      indicator: surveyAnswers.indicator,
      group: sql<string>`${group}`,
      n: sql<number>`count(*)`,
      // float4 scores summed as float4 lose cents (74.075 → 74.07): sum them exactly.
      sum: sql<number>`sum(${surveyAnswers.score}::numeric)`,
      topTwo: sql<number>`count(*) filter (where ${surveyAnswers.score} >= ${opts.topTwoMinScore - 0.005})`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(
      and(
        responseWhere(orgId, p, f),
        sql`${surveyAnswers.score} is not null`,
        ne(surveyAnswers.indicator, 'profile'),
      ),
    )
    .groupBy(surveyAnswers.questionCode, surveyAnswers.indicator, sql`3`);
  const [cnt] = await db
    .select({ n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(responseWhere(orgId, p, f));
  return {
    aggregates: rows.map((r) => ({
      questionCode: r.questionCode,
      indicator: r.indicator,
      group: r.group ?? '',
      n: num(r.n),
      sum: num(r.sum),
      topTwo: num(r.topTwo),
    })),
    respondents: num(cnt?.n),
  };
}

export interface SatisfactionBy {
  id: string | null;
  name: string;
  respondents: number;
  n: number;
  mean: number;
  topTwo: number;
}

/** Satisfaction answers per service or per division (mean and top-two counts, unrounded). */
export async function satisfactionBy(
  db: Queryable,
  orgId: string,
  p: Period,
  by: 'service' | 'division',
  topTwoMinScore: number,
): Promise<SatisfactionBy[]> {
  const key = by === 'service' ? surveyResponses.serviceId : surveyResponses.divisionId;
  const nameTable = by === 'service' ? services : divisions;
  const rows = await db
    .select({
      id: key,
      name: sql<string>`coalesce(${nameTable.name}, '')`,
      respondents: sql<number>`count(distinct ${surveyResponses.id})`,
      n: sql<number>`count(*)`,
      mean: sql<number>`avg(${surveyAnswers.score}::numeric)`,
      topTwo: sql<number>`count(*) filter (where ${surveyAnswers.score} >= ${topTwoMinScore - 0.005})`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .leftJoin(nameTable, eq(nameTable.id, key))
    .where(
      and(
        responseWhere(orgId, p, {}),
        eq(surveyAnswers.indicator, 'satisfaction'),
        sql`${surveyAnswers.score} is not null`,
      ),
    )
    .groupBy(key, nameTable.name)
    .orderBy(asc(nameTable.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    respondents: num(r.respondents),
    n: num(r.n),
    mean: num(r.mean),
    topTwo: num(r.topTwo),
  }));
}

/** Respondent profile: counts per channel, respondent type and each profile answer. */
export async function respondentProfile(db: Queryable, orgId: string, p: Period) {
  const channels = await db
    .select({ key: surveyResponses.channel, n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(responseWhere(orgId, p, {}))
    .groupBy(surveyResponses.channel)
    .orderBy(sql`2 desc`, surveyResponses.channel);
  const sources = await db
    .select({ key: surveyResponses.source, n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(responseWhere(orgId, p, {}))
    .groupBy(surveyResponses.source)
    .orderBy(sql`2 desc`, surveyResponses.source);
  const types = await db
    .select({ key: surveyResponses.respondentType, n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(responseWhere(orgId, p, {}))
    .groupBy(surveyResponses.respondentType)
    .orderBy(sql`2 desc`, surveyResponses.respondentType);
  const profile = await db
    .select({
      question: surveyAnswers.questionCode,
      value: surveyAnswers.value,
      n: sql<number>`count(*)`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(and(responseWhere(orgId, p, {}), eq(surveyAnswers.indicator, 'profile')))
    .groupBy(surveyAnswers.questionCode, surveyAnswers.value)
    .orderBy(surveyAnswers.questionCode, sql`3 desc`, surveyAnswers.value);
  // Paper forms typed in but not yet confirmed by a second person: shown, never counted.
  const [pending] = await db
    .select({ n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.orgId, orgId),
        gte(surveyResponses.submittedAt, p.from),
        lt(surveyResponses.submittedAt, p.to),
        sql`not ${countedResponse}`,
      ),
    );
  const fix = <T extends { n: unknown }>(r: T[]) => r.map((x) => ({ ...x, n: num(x.n) }));
  const counted = fix(sources);
  return {
    channels: fix(channels),
    sources: counted,
    /** Paper forms: counted (confirmed batches, in `sources` too) and awaiting confirmation. */
    paper: { counted: counted.find((x) => x.key === 'paper')?.n ?? 0, pending: num(pending?.n) },
    respondentTypes: fix(types),
    profile: fix(profile),
  };
}

/** The round's free-text comments (the newest first, at most `limit`), unredacted: redact before use. */
export async function roundComments(db: Queryable, orgId: string, p: Period, limit = 500) {
  const rows = await db
    .select({ comment: surveyResponses.comment })
    .from(surveyResponses)
    .where(and(responseWhere(orgId, p, {}), ne(surveyResponses.comment, '')))
    .orderBy(sql`${surveyResponses.submittedAt} desc`)
    .limit(limit);
  return rows.map((r) => r.comment);
}

const hours = (col: typeof cases.acceptedAt | typeof cases.finishedAt) =>
  sql`extract(epoch from (${col} - ${cases.createdAt})) / 3600.0`;

/**
 * Case statistics for cases filed in a period, as shared/metrics/complaints.ts
 * caseStats computes them: counts by category/state/kind, percentile_cont of hours
 * to accept and to finish, closed on time and open overdue at `now`.
 */
export async function caseStatsSql(
  db: Queryable,
  orgId: string,
  p: Period,
  now: Date,
  kinds?: readonly string[],
) {
  const where = and(
    eq(cases.orgId, orgId),
    gte(cases.createdAt, p.from),
    lt(cases.createdAt, p.to),
    kinds ? inArray(cases.kind, kinds as CaseKind[]) : undefined,
  );
  const by = async (col: SQL | typeof cases.category) =>
    (
      await db
        .select({ key: sql<string>`${col}::text`, count: sql<number>`count(*)` })
        .from(cases)
        .where(where)
        .groupBy(sql`1`)
        .orderBy(sql`2 desc`, sql`1`)
    ).map((r) => ({ key: r.key, count: num(r.count) }));
  const [t] = await db
    .select({
      total: sql<number>`count(*)`,
      acceptMedian: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${hours(cases.acceptedAt)}) filter (where ${cases.acceptedAt} is not null)`,
      acceptP90: sql<
        number | null
      >`percentile_cont(0.9) within group (order by ${hours(cases.acceptedAt)}) filter (where ${cases.acceptedAt} is not null)`,
      acceptN: sql<number>`count(${cases.acceptedAt})`,
      finishMedian: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${hours(cases.finishedAt)}) filter (where ${cases.finishedAt} is not null and ${cases.stateType} = 'finished')`,
      finishP90: sql<
        number | null
      >`percentile_cont(0.9) within group (order by ${hours(cases.finishedAt)}) filter (where ${cases.finishedAt} is not null and ${cases.stateType} = 'finished')`,
      finishN: sql<number>`count(*) filter (where ${cases.finishedAt} is not null and ${cases.stateType} = 'finished')`,
      closed: sql<number>`count(*) filter (where ${cases.stateType} = 'finished')`,
      closedOnTime: sql<number>`count(*) filter (where ${cases.stateType} = 'finished' and (${cases.dueAt} is null or ${cases.finishedAt} <= ${cases.dueAt}))`,
      openOverdue: sql<number>`count(*) filter (where ${cases.stateType} not in ('finished', 'rejected') and ${cases.dueAt} < ${now.toISOString()}::timestamptz)`,
    })
    .from(cases)
    .where(where);
  const byCategory = await by(cases.category);
  const byState = await by(sql`${cases.stateType}`);
  const byKind = await by(sql`${cases.kind}`);
  const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return {
    total: num(t?.total),
    byCategory: byCategory.map((r) => ({ category: r.key, count: r.count })),
    byState: byState.map((r) => ({ stateType: r.key, count: r.count })),
    byKind: byKind.map((r) => ({ kind: r.key, count: r.count })),
    acceptHours: { median: n(t?.acceptMedian), p90: n(t?.acceptP90), n: num(t?.acceptN) },
    finishHours: { median: n(t?.finishMedian), p90: n(t?.finishP90), n: num(t?.finishN) },
    closed: num(t?.closed),
    closedOnTime: num(t?.closedOnTime),
    openOverdue: num(t?.openOverdue),
  };
}

/** Cases per category and Bangkok month in a period (service statistics). */
export async function casesByMonth(
  db: Queryable,
  orgId: string,
  p: Period,
  kinds: readonly string[],
) {
  const month = sql<string>`to_char(${cases.createdAt} at time zone 'Asia/Bangkok', 'YYYY-MM')`;
  const rows = await db
    .select({
      category: cases.category,
      month,
      total: sql<number>`count(*)`,
      finished: sql<number>`count(*) filter (where ${cases.stateType} = 'finished')`,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        gte(cases.createdAt, p.from),
        lt(cases.createdAt, p.to),
        inArray(cases.kind, kinds as CaseKind[]),
      ),
    )
    .groupBy(cases.category, sql`2`)
    .orderBy(sql`2`, cases.category);
  return rows.map((r) => ({
    category: r.category,
    month: r.month,
    total: num(r.total),
    finished: num(r.finished),
  }));
}

/** Per Bangkok month: the same per-question aggregates as answerAggregates, and respondents. */
export async function answerAggregatesByMonth(
  db: Queryable,
  orgId: string,
  p: Period,
  topTwoMinScore: number,
): Promise<{ month: string; aggregates: QuestionAggregate[]; respondents: number }[]> {
  const month = sql<string>`to_char(${surveyResponses.submittedAt} at time zone 'Asia/Bangkok', 'YYYY-MM')`;
  const rows = await db
    .select({
      month,
      questionCode: surveyAnswers.questionCode,
      indicator: surveyAnswers.indicator,
      n: sql<number>`count(*)`,
      // float4 scores summed as float4 lose cents (74.075 → 74.07): sum them exactly.
      sum: sql<number>`sum(${surveyAnswers.score}::numeric)`,
      topTwo: sql<number>`count(*) filter (where ${surveyAnswers.score} >= ${topTwoMinScore - 0.005})`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(
      and(
        responseWhere(orgId, p, {}),
        sql`${surveyAnswers.score} is not null`,
        ne(surveyAnswers.indicator, 'profile'),
      ),
    )
    .groupBy(sql`1`, surveyAnswers.questionCode, surveyAnswers.indicator)
    .orderBy(sql`1`);
  const byMonth = new Map<string, { aggregates: QuestionAggregate[]; respondents: number }>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? { aggregates: [], respondents: 0 };
    m.aggregates.push({
      questionCode: r.questionCode,
      indicator: r.indicator,
      group: '',
      n: num(r.n),
      sum: num(r.sum),
      topTwo: num(r.topTwo),
    });
    byMonth.set(r.month, m);
  }
  const counts = await db
    .select({ month, n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(responseWhere(orgId, p, {}))
    .groupBy(sql`1`);
  for (const c of counts) {
    const m = byMonth.get(c.month);
    if (m) m.respondents = num(c.n);
  }
  return [...byMonth.entries()].map(([month, v]) => ({ month, ...v }));
}

/** Open and overdue cases per division at `now` (all open cases, whenever filed). */
export async function openCasesByDivision(db: Queryable, orgId: string, now: Date) {
  const rows = await db
    .select({
      divisionId: cases.divisionId,
      name: sql<string>`coalesce(${divisions.name}, '')`,
      open: sql<number>`count(*)`,
      overdue: sql<number>`count(*) filter (where ${cases.dueAt} < ${now.toISOString()}::timestamptz)`,
    })
    .from(cases)
    .leftJoin(divisions, eq(divisions.id, cases.divisionId))
    .where(and(eq(cases.orgId, orgId), sql`${cases.stateType} not in ('finished', 'rejected')`))
    .groupBy(cases.divisionId, divisions.name)
    .orderBy(sql`4 desc`, sql`3 desc`);
  return rows.map((r) => ({
    divisionId: r.divisionId,
    name: r.name,
    open: num(r.open),
    overdue: num(r.overdue),
  }));
}
