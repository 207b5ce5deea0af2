/**
 * EIT-style scores and satisfaction from survey answers. Pure: the
 * same functions score rows held in memory (tests, small sets) and the per-question
 * aggregates that PostgreSQL computes with GROUP BY (db/metrics.ts) at scale.
 *
 * Scores are 0–100. Means are computed unrounded and rounded to two decimals only
 * when shown (round2), so a chain of means does not accumulate rounding error.
 */

/** Half away from zero to two decimals, robust to binary representation (84.995 → 85). */
export function round2(x: number): number {
  return Math.round((x + Math.sign(x) * 1e-9) * 100) / 100;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** One answered question with the response's dimensions, as stored in survey_answers ⋈ survey_responses. */
export interface AnswerRow {
  responseId: string;
  questionCode: string;
  /** '6' | '7' | '8' | 'satisfaction' | 'profile' */
  indicator: string;
  score: number | null;
  value?: string;
  roundId?: string | null;
  divisionId?: string | null;
  serviceId?: string | null;
  channel?: string;
  respondentType?: string;
}

export interface AnswerFilter {
  roundId?: string;
  divisionId?: string;
  serviceId?: string;
  channel?: string;
  respondentType?: string;
}

export function filterAnswers(rows: readonly AnswerRow[], f: AnswerFilter): AnswerRow[] {
  return rows.filter(
    (r) =>
      (f.roundId === undefined || r.roundId === f.roundId) &&
      (f.divisionId === undefined || r.divisionId === f.divisionId) &&
      (f.serviceId === undefined || r.serviceId === f.serviceId) &&
      (f.channel === undefined || r.channel === f.channel) &&
      (f.respondentType === undefined || r.respondentType === f.respondentType),
  );
}

/** Sum, count and top-two count of one question's scored answers within one respondent group. */
export interface QuestionAggregate {
  questionCode: string;
  indicator: string;
  /** The respondent group ('' when not modelled). */
  group: string;
  n: number;
  sum: number;
  /** Answers at the top two levels of the scale. */
  topTwo: number;
}

export interface ScoringConfig {
  /** Below this many respondents a figure is flagged as too small a sample to trust. */
  minSample: number;
  /** An answer is in the top two levels when its score is at least this (5-level scale: 75). */
  topTwoMinScore: number;
  /** Respondent groups modelled as separate parts; an indicator is then the mean of the group means. */
  groups: readonly string[];
  /** Indicators that make the EIT. */
  eitIndicators: readonly string[];
}

export const DEFAULT_SCORING: ScoringConfig = {
  minSample: 30,
  topTwoMinScore: 75,
  groups: [],
  eitIndicators: ['6', '7', '8'],
};

/** The lowest score of the top two levels of a k-level scale scored evenly 0–100 (4 → 66.67, 5 → 75). */
export function topTwoThreshold(levels: number): number {
  return round2((100 * (levels - 2)) / (levels - 1));
}

/** Groups scored rows per (question, group): what the SQL GROUP BY returns. Unscored rows are skipped. */
export function aggregateAnswers(
  rows: readonly AnswerRow[],
  cfg: Pick<ScoringConfig, 'topTwoMinScore' | 'groups'> = DEFAULT_SCORING,
): QuestionAggregate[] {
  const byKey = new Map<string, QuestionAggregate>();
  for (const r of rows) {
    if (r.score === null || r.score === undefined) continue;
    const group = cfg.groups.length ? (r.respondentType ?? '') : '';
    const key = `${r.questionCode}\u0000${group}`;
    let a = byKey.get(key);
    if (!a) {
      a = { questionCode: r.questionCode, indicator: r.indicator, group, n: 0, sum: 0, topTwo: 0 };
      byKey.set(key, a);
    }
    a.n++;
    a.sum += r.score;
    if (r.score >= cfg.topTwoMinScore - 0.005) a.topTwo++;
  }
  return [...byKey.values()];
}

export interface QuestionScore {
  questionCode: string;
  indicator: string;
  n: number;
  /** Mean score, two decimals. */
  score: number;
  /** Per respondent group, when groups are modelled. */
  groups: { group: string; n: number; score: number }[];
  smallSample: boolean;
}

export interface IndicatorScore {
  indicator: string;
  score: number;
  /** Answers counted (not respondents). */
  n: number;
  groups: { group: string; score: number }[];
  questions: string[];
}

export interface SatisfactionScore {
  n: number;
  /** Percent of answers at the top two levels, two decimals. */
  topTwoShare: number;
  mean: number;
}

export interface Scorecard {
  respondents: number;
  smallSample: boolean;
  questions: QuestionScore[];
  indicators: IndicatorScore[];
  /** Mean of the EIT indicators present; null when none was answered. */
  eit: number | null;
  satisfaction: SatisfactionScore | null;
  warnings: string[];
}

const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Scores question aggregates: per question the mean, per indicator the mean of its
 * question means (with groups: the mean of the group means, each the mean of that
 * group's question means), EIT the mean of indicators 6–8, satisfaction the top-two
 * share and the mean over every 'satisfaction' answer.
 */
export function scoreAggregates(
  aggs: readonly QuestionAggregate[],
  respondents: number,
  config: Partial<ScoringConfig> = {},
): Scorecard {
  const cfg = { ...DEFAULT_SCORING, ...config };
  const warnings: string[] = [];
  const qMap = new Map<string, QuestionAggregate[]>();
  for (const a of aggs) {
    if (a.indicator === 'profile') continue;
    const list = qMap.get(a.questionCode) ?? [];
    list.push(a);
    qMap.set(a.questionCode, list);
  }
  const questions: QuestionScore[] = [...qMap.entries()]
    .sort(([a], [b]) => byCode(a, b))
    .map(([code, parts]) => {
      const n = parts.reduce((s, p) => s + p.n, 0);
      const sum = parts.reduce((s, p) => s + p.sum, 0);
      return {
        questionCode: code,
        indicator: parts[0]!.indicator,
        n,
        score: round2(sum / n),
        groups: cfg.groups.length
          ? parts
              .filter((p) => p.group)
              .map((p) => ({ group: p.group, n: p.n, score: round2(p.sum / p.n) }))
          : [],
        smallSample: n < cfg.minSample,
      };
    });

  const indicatorCodes = [...new Set(questions.map((q) => q.indicator))]
    .filter((i) => i !== 'satisfaction')
    .sort(byCode);
  const raw = new Map<string, number>();
  const indicators: IndicatorScore[] = indicatorCodes.map((ind) => {
    const parts = aggs.filter((a) => a.indicator === ind);
    const codes = [...new Set(parts.map((p) => p.questionCode))].sort(byCode);
    const n = parts.reduce((s, p) => s + p.n, 0);
    const groupNames = cfg.groups.filter((g) => parts.some((p) => p.group === g));
    let value: number;
    let groups: { group: string; score: number }[] = [];
    if (groupNames.length > 1) {
      const gm = groupNames.map((g) => {
        const qs = parts.filter((p) => p.group === g).map((p) => p.sum / p.n);
        return { group: g, value: mean(qs)! };
      });
      value = mean(gm.map((g) => g.value))!;
      groups = gm.map((g) => ({ group: g.group, score: round2(g.value) }));
    } else {
      const qs = codes.map((c) => {
        const ps = parts.filter((p) => p.questionCode === c);
        return ps.reduce((s, p) => s + p.sum, 0) / ps.reduce((s, p) => s + p.n, 0);
      });
      value = mean(qs)!;
    }
    raw.set(ind, value);
    return { indicator: ind, score: round2(value), n, groups, questions: codes };
  });

  const eitParts = cfg.eitIndicators.filter((i) => raw.has(i)).map((i) => raw.get(i)!);
  const eit = eitParts.length ? round2(mean(eitParts)!) : null;
  if (eitParts.length && eitParts.length < cfg.eitIndicators.length) warnings.push('eitIncomplete');

  const sat = aggs.filter((a) => a.indicator === 'satisfaction');
  const satN = sat.reduce((s, a) => s + a.n, 0);
  const satisfaction = satN
    ? {
        n: satN,
        topTwoShare: round2((100 * sat.reduce((s, a) => s + a.topTwo, 0)) / satN),
        mean: round2(sat.reduce((s, a) => s + a.sum, 0) / satN),
      }
    : null;

  const smallSample = respondents < cfg.minSample;
  if (smallSample) warnings.push('smallSample');
  return { respondents, smallSample, questions, indicators, eit, satisfaction, warnings };
}

/** Scores rows in memory: filter, aggregate, score, with distinct respondents counted. */
export function scoreAnswers(
  rows: readonly AnswerRow[],
  filter: AnswerFilter = {},
  config: Partial<ScoringConfig> = {},
): Scorecard {
  const cfg = { ...DEFAULT_SCORING, ...config };
  const picked = filterAnswers(rows, filter);
  const respondents = new Set(picked.map((r) => r.responseId)).size;
  return scoreAggregates(aggregateAnswers(picked, cfg), respondents, cfg);
}

/** The lowest-scoring questions, lowest first (ties by code). */
export function lowestQuestions(card: Scorecard, count = 3): QuestionScore[] {
  return [...card.questions]
    .filter((q) => q.indicator !== 'satisfaction')
    .sort((a, b) => a.score - b.score || byCode(a.questionCode, b.questionCode))
    .slice(0, count);
}
