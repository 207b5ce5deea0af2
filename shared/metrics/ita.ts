/**
 * The ITA roll-up: IIT = mean of indicators 1–5, EIT = mean of 6–8,
 * OIT = mean of 9–10, overall = 0.3·IIT + 0.3·EIT + 0.4·OIT; grade bands, the ≥ 85
 * target, weak points, year-over-year change and what-if. Bands and weights are data.
 *
 * Arithmetic as published (decision 039): each tool score is rounded half-up to two
 * decimals BEFORE the weighting, the overall is rounded to two decimals, and the change
 * between years is taken from the rounded figures. A year's rules may set a threshold
 * per tool (85 by default, null for none): a tool below it caps the rating.
 */
import { itaRules } from '../text/th-ita-rules';
import { metrics } from '../text/th-metrics';
import { round2 } from './scoring';

const B = metrics.bands;

export type Tool = 'iit' | 'eit' | 'oit';

export interface Band {
  grade: string;
  /** Lowest score (inclusive) in the band; bands are checked from the highest min down. */
  min: number;
  /** Thai description, e.g. ผ่านดีเยี่ยม. */
  label: string;
}

export interface ItaConfig {
  tools: Record<Tool, readonly number[]>;
  weights: Record<Tool, number>;
  bands: readonly Band[];
  /** The pass mark, overall and for each tool. */
  target: number;
  /**
   * The year's per-tool threshold: a tool scoring below it caps the rating at `capGrade`.
   * null when the year's rules have none.
   */
  toolThreshold: number | null;
  /** The highest grade a capped year gets; by default the best band below the threshold. */
  capGrade?: string;
}

/** Per assessment year (พ.ศ.) overrides of the rules, e.g. `{ "2566": { toolThreshold: null } }`. */
export type ItaYearRules = Record<string, Partial<Pick<ItaConfig, 'toolThreshold' | 'capGrade'>>>;

export const DEFAULT_BANDS: readonly Band[] = [
  { grade: 'AA', min: 95, label: B.excellent },
  { grade: 'A', min: 85, label: B.good },
  { grade: 'B', min: 75, label: B.fail },
  { grade: 'C', min: 65, label: B.fail },
  { grade: 'D', min: 55, label: B.fail },
  { grade: 'E', min: 50, label: B.fail },
  { grade: 'F', min: 0, label: B.fail },
];

export const DEFAULT_ITA: ItaConfig = {
  tools: { iit: [1, 2, 3, 4, 5], eit: [6, 7, 8], oit: [9, 10] },
  weights: { iit: 0.3, eit: 0.3, oit: 0.4 },
  bands: DEFAULT_BANDS,
  target: 85,
  toolThreshold: 85,
};

export const TOOLS: readonly Tool[] = ['iit', 'eit', 'oit'];

/** Indicator number → score (0–100). */
export type IndicatorScores = Record<number, number>;

/** The band of a score shown to two decimals (so 84.995 shows 85.00 and is an A). */
export function gradeOf(score: number, bands: readonly Band[] = DEFAULT_BANDS): Band {
  const s = round2(score);
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => s >= b.min) ?? sorted[sorted.length - 1]!;
}

export interface ToolScore {
  tool: Tool;
  score: number;
  grade: string;
  meetsTarget: boolean;
  indicators: number[];
}

export interface Rollup {
  year: string;
  indicators: { indicator: number; score: number; meetsTarget: boolean }[];
  tools: ToolScore[];
  overall: number;
  grade: string;
  gradeLabel: string;
  /** The band of the overall score before any cap. */
  uncappedGrade: string;
  /** Set when a tool below the year's threshold capped the rating; `reason` is Thai. */
  cap: { tools: Tool[]; threshold: number; grade: string; reason: string } | null;
  meetsTarget: boolean;
  /** Indicators below the target, lowest first. */
  weakPoints: { indicator: number; score: number; gap: number }[];
  missing: number[];
}

export type ItaError = { code: 'missing_indicators'; indicators: number[] };

function toolMeans(scores: IndicatorScores, cfg: ItaConfig) {
  const out = {} as Record<Tool, number>;
  for (const t of TOOLS) {
    const xs = cfg.tools[t].map((i) => scores[i]!);
    out[t] = xs.reduce((a, b) => a + b, 0) / xs.length;
  }
  return out;
}

/** The weighted sum of the tool scores AS PUBLISHED (two decimals), rounded to two decimals. */
function overallOf(tools: Record<Tool, number>, cfg: ItaConfig): number {
  return round2(TOOLS.reduce((s, t) => s + cfg.weights[t] * tools[t], 0));
}

/** The grade a year is capped at: configured, or the best band whose minimum is below the threshold. */
function capBand(threshold: number, cfg: ItaConfig): Band {
  const sorted = [...cfg.bands].sort((a, b) => b.min - a.min);
  if (cfg.capGrade) {
    const b = sorted.find((x) => x.grade === cfg.capGrade);
    if (b) return b;
  }
  return sorted.find((b) => b.min < threshold) ?? sorted[sorted.length - 1]!;
}

const rank = (grade: string, bands: readonly Band[]) =>
  [...bands].sort((a, b) => b.min - a.min).findIndex((b) => b.grade === grade);

/** Rolls up one year's ten indicator scores; every indicator the tools name must be present. */
export function rollup(
  year: string,
  scores: IndicatorScores,
  config: Partial<ItaConfig> = {},
): { ok: true; value: Rollup } | { ok: false; error: ItaError } {
  const cfg = { ...DEFAULT_ITA, ...config };
  const all = TOOLS.flatMap((t) => cfg.tools[t]);
  const missing = all.filter((i) => typeof scores[i] !== 'number' || !Number.isFinite(scores[i]));
  if (missing.length)
    return { ok: false, error: { code: 'missing_indicators', indicators: missing } };
  const means = toolMeans(scores, cfg);
  const tools = {} as Record<Tool, number>;
  for (const t of TOOLS) tools[t] = round2(means[t]);
  const overall = overallOf(tools, cfg);
  const uncapped = gradeOf(overall, cfg.bands);
  let band = uncapped;
  let cap: Rollup['cap'] = null;
  const th = cfg.toolThreshold;
  if (th !== null) {
    const below = TOOLS.filter((t) => tools[t] < th);
    const capped = below.length ? capBand(th, cfg) : null;
    if (capped && rank(capped.grade, cfg.bands) > rank(uncapped.grade, cfg.bands)) {
      band = capped;
      cap = {
        tools: below,
        threshold: th,
        grade: capped.grade,
        reason: itaRules.capReason(
          below.map((t) => t.toUpperCase()),
          th,
          capped.grade,
        ),
      };
    }
  }
  const indicators = all
    .sort((a, b) => a - b)
    .map((i) => ({
      indicator: i,
      score: round2(scores[i]!),
      meetsTarget: round2(scores[i]!) >= cfg.target,
    }));
  return {
    ok: true,
    value: {
      year,
      indicators,
      tools: TOOLS.map((t) => ({
        tool: t,
        score: tools[t],
        grade: gradeOf(tools[t], cfg.bands).grade,
        meetsTarget: tools[t] >= (cfg.toolThreshold ?? cfg.target),
        indicators: [...cfg.tools[t]],
      })),
      overall,
      grade: band.grade,
      gradeLabel: band.label,
      uncappedGrade: uncapped.grade,
      cap,
      meetsTarget: overall >= cfg.target,
      weakPoints: indicators
        .filter((i) => !i.meetsTarget)
        .sort((a, b) => a.score - b.score || a.indicator - b.indicator)
        .map((i) => ({
          indicator: i.indicator,
          score: i.score,
          gap: round2(cfg.target - i.score),
        })),
      missing: [],
    },
  };
}

/** What the overall score would be with some indicators changed ("if indicator 9 were 100 …"). */
export function whatIf(
  scores: IndicatorScores,
  changes: IndicatorScores,
  config: Partial<ItaConfig> = {},
): { overall: number; grade: string; delta: number } | null {
  const cfg = { ...DEFAULT_ITA, ...config };
  const before = rollup('', scores, cfg);
  const after = rollup('', { ...scores, ...changes }, cfg);
  if (!before.ok || !after.ok) return null;
  return {
    overall: after.value.overall,
    grade: after.value.grade,
    delta: round2(after.value.overall - before.value.overall),
  };
}

export type Trend = 'up' | 'down' | 'same';

export interface Change {
  previous: number;
  current: number;
  /** Points, two decimals. */
  points: number;
  /** Change as a percent of last year, two decimals; null when last year was 0. */
  percent: number | null;
  trend: Trend;
}

/** Year-over-year change of two scores shown to two decimals; equal when they show the same. */
export function change(previous: number, current: number): Change {
  const p = round2(previous);
  const c = round2(current);
  const points = round2(c - p);
  return {
    previous: p,
    current: c,
    points,
    percent: p === 0 ? null : round2((points / p) * 100),
    trend: points > 0 ? 'up' : points < 0 ? 'down' : 'same',
  };
}

export interface YearOverYearRow {
  /** 'overall', 'iit' | 'eit' | 'oit', or an indicator number as text. */
  item: string;
  change: Change;
}

/** Rows for each consecutive pair of years present in both roll-ups: indicators, tools, overall. */
export function yearOverYear(previous: Rollup, current: Rollup): YearOverYearRow[] {
  const rows: YearOverYearRow[] = [];
  for (const ci of current.indicators) {
    const pi = previous.indicators.find((x) => x.indicator === ci.indicator);
    if (pi) rows.push({ item: String(ci.indicator), change: change(pi.score, ci.score) });
  }
  for (const ct of current.tools) {
    const pt = previous.tools.find((x) => x.tool === ct.tool)!;
    rows.push({ item: ct.tool, change: change(pt.score, ct.score) });
  }
  rows.push({ item: 'overall', change: change(previous.overall, current.overall) });
  return rows;
}

export interface ItaReport {
  years: Rollup[];
  /** Keyed "2567→2568". */
  yearOverYear: { from: string; to: string; rows: YearOverYearRow[] }[];
  errors: { year: string; error: ItaError }[];
}

/**
 * The whole `ita score` input: `{ years: { "2567": { "1": 99.07, … } } }`, years in order;
 * `rules` overrides the threshold (or the cap grade) for named years.
 */
export function scoreYears(
  years: Record<string, Record<string, number>>,
  config: Partial<ItaConfig> = {},
  rules: ItaYearRules = {},
): ItaReport {
  const out: ItaReport = { years: [], yearOverYear: [], errors: [] };
  for (const y of Object.keys(years).sort()) {
    const scores: IndicatorScores = {};
    for (const [k, v] of Object.entries(years[y]!)) scores[Number(k)] = v;
    const r = rollup(y, scores, { ...config, ...rules[y] });
    if (r.ok) out.years.push(r.value);
    else out.errors.push({ year: y, error: r.error });
  }
  for (let i = 1; i < out.years.length; i++) {
    const a = out.years[i - 1]!;
    const b = out.years[i]!;
    out.yearOverYear.push({ from: a.year, to: b.year, rows: yearOverYear(a, b) });
  }
  return out;
}
