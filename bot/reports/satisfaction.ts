/**
 * The twice-yearly satisfaction report (รายงานผลการสำรวจความพึงพอใจ รอบ 6 เดือน): every
 * figure for a round, computed in SQL (db/metrics.ts) and scored by shared/metrics, as
 * one JSON-safe object that the HTML, CSV and XLSX outputs render and that is frozen
 * into `reports.figures` when published.
 */
import {
  answerAggregates,
  answerAggregatesByMonth,
  caseStatsSql,
  respondentProfile,
  roundComments,
  satisfactionBy,
  type Period,
} from '../../db/metrics';
import { outcomeFigures } from '../../db/outcomes';
import { categoryNames } from '../../db/admin-categories';
import { findOrgById } from '../../db/orgs';
import {
  insertReportVersion,
  publishedReportRows,
  reportVersionRows,
  updateReportVersion,
} from '../../db/reports';
import { recentSurveyDefinitions, surveyRoundByLabel, surveyServices } from '../../db/surveys';
import { orgSettings, type OrgSettings } from '../../shared/org-settings';
import type { OutcomeCounts } from '../../shared/outcomes/count';
import type { Queryable } from '../../db/types';
import { metrics } from '../../shared/text/th-metrics';
import type { FrozenFigures } from '../../shared/report-figures';
import { groupComments, type CommentGroup } from '../../shared/metrics/comments';
import {
  describeRound,
  parseRound,
  previousRound,
  roundInstants,
  roundOf,
  sameRoundLastYear,
  type Round,
} from '../../shared/metrics/round';
import {
  DEFAULT_SCORING,
  lowestQuestions,
  scoreAggregates,
  round2,
  type QuestionScore,
  type Scorecard,
  type ScoringConfig,
} from '../../shared/metrics/scoring';

export const REPORT_KIND = 'satisfaction';
/** The layout of SatisfactionReport as frozen into reports.figures. */
export const FIGURES_VERSION = 1;

/** A published report's frozen figures, if they are a satisfaction report of this layout. */
export function frozenSatisfactionReport(f: FrozenFigures | null): SatisfactionReport | null {
  return f && isSatisfactionReport(f) ? f : null;
}

function isSatisfactionReport(f: FrozenFigures): f is SatisfactionReport {
  return f.kind === REPORT_KIND && (f.figuresVersion ?? 1) === FIGURES_VERSION;
}

export interface GroupScore {
  id: string | null;
  name: string;
  respondents: number;
  mean: number;
  topTwoShare: number;
  smallSample: boolean;
}

export interface RoundSummary {
  label: string;
  title: string;
  respondents: number;
  eit: number | null;
  satisfaction: Scorecard['satisfaction'];
  indicators: { indicator: string; score: number }[];
}

/** The survey's question "ท่านติดต่อผ่านช่องทางใด" (how the respondent contacted the office). */
const CONTACT_QUESTION = 'p3';
/** "ท่านติดต่อหน่วยงานในฐานะใด": the respondent type. */
const RESPONDENT_TYPE_QUESTION = 'p1';

export interface SatisfactionReport {
  kind: typeof REPORT_KIND;
  org: { name: string; slug: string };
  round: { label: string; title: string; span: string; startsOn: string; endsOn: string };
  generatedAt: string;
  method: {
    respondents: number;
    targetSample: number | null;
    minSample: number;
    topTwoMinScore: number;
    /** How the survey was collected: the link or form each answer came through. */
    sources: { key: string; n: number }[];
    /** Paper forms typed in by staff: counted (confirmed batches) and awaiting confirmation (issue 12). */
    paper?: { counted: number; pending: number };
    /** How the respondents say they contacted the office (question p3), with its labels. */
    contact: { value: string; label: string; n: number }[];
  };
  profile: {
    respondentTypes: { key: string; label: string; n: number }[];
    answers: { question: string; text: string; value: string; label: string; n: number }[];
  };
  card: Scorecard;
  questionTexts: Record<string, string>;
  previous: RoundSummary | null;
  lastYear: RoundSummary | null;
  byService: GroupScore[];
  byDivision: GroupScore[];
  lowest: QuestionScore[];
  comments: CommentGroup[];
  cases: Awaited<ReturnType<typeof caseStatsSql>> & { onTimeShare: number | null };
  /** Category code → the organisation's name for it. */
  categoryNames: Record<string, string>;
  recommendations: string;
  publishedAt: string | null;
  /** The report's version for its round (decision 025); a draft carries the next one. */
  version?: number;
  /** Satisfaction by Bangkok month of the round (absent in reports frozen before issue 15). */
  monthly?: MonthPoint[];
  /** What became of the round's cases (shared/outcomes/count.ts). */
  outcomes?: OutcomeCounts;
  /** Who signs the report, from the organisation's settings at the time. */
  signatories?: OrgSettings['signatories'];
}

export interface MonthPoint {
  /** YYYY-MM (Gregorian; printed in พ.ศ.). */
  month: string;
  respondents: number;
  eit: number | null;
  topTwoShare: number | null;
}

export class ReportError extends Error {
  override name = 'ReportError';
  constructor(
    readonly code: 'bad_round' | 'no_org' | 'not_started',
    message: string,
  ) {
    super(message);
  }
}

interface DefinitionInfo {
  texts: Record<string, string>;
  labels: Record<string, Record<string, string>>;
  topTwoMinScore: number | null;
}

/** Question wording and option labels from the organisation's survey definitions (newest first wins). */
async function definitionInfo(db: Queryable, orgId: string): Promise<DefinitionInfo> {
  const definitions = await recentSurveyDefinitions(db, orgId, 10);
  const info: DefinitionInfo = { texts: {}, labels: {}, topTwoMinScore: null };
  for (const definition of definitions) {
    const d = definition as {
      scales?: Record<
        string,
        { options?: { value: string; label: string; score?: number | null }[] }
      >;
      sections?: {
        questions?: {
          code: string;
          text: string;
          indicator: string;
          scale?: string;
          options?: { value: string; label: string }[];
        }[];
      }[];
    };
    for (const s of d.sections ?? [])
      for (const q of s.questions ?? []) {
        info.texts[q.code] ??= q.text;
        const opts = q.options ?? (q.scale ? d.scales?.[q.scale]?.options : undefined) ?? [];
        info.labels[q.code] ??= Object.fromEntries(opts.map((o) => [o.value, o.label]));
        if (info.topTwoMinScore === null && q.indicator === 'satisfaction' && q.scale) {
          const scores = [
            ...new Set(
              (d.scales?.[q.scale]?.options ?? [])
                .map((o) => o.score)
                .filter((x): x is number => typeof x === 'number'),
            ),
          ].sort((a, b) => b - a);
          if (scores.length >= 2) info.topTwoMinScore = scores[1]!;
        }
      }
  }
  return info;
}

async function scoreRound(
  db: Queryable,
  orgId: string,
  r: Round,
  cfg: ScoringConfig,
): Promise<Scorecard> {
  const { aggregates, respondents } = await answerAggregates(db, orgId, roundInstants(r), {}, cfg);
  return scoreAggregates(aggregates, respondents, cfg);
}

function summary(r: Round, card: Scorecard): RoundSummary | null {
  if (!card.respondents) return null;
  return {
    label: r.label,
    title: describeRound(r).label,
    respondents: card.respondents,
    eit: card.eit,
    satisfaction: card.satisfaction,
    indicators: card.indicators.map((i) => ({ indicator: i.indicator, score: i.score })),
  };
}

const groupScores = (rows: Awaited<ReturnType<typeof satisfactionBy>>, minSample: number) =>
  rows.map((r) => ({
    id: r.id,
    name: r.name,
    respondents: r.respondents,
    mean: round2(r.mean),
    topTwoShare: r.n ? round2((100 * r.topTwo) / r.n) : 0,
    smallSample: r.respondents < minSample,
  }));

/** Every figure of the round's report. `now` decides which open cases are overdue. */
export async function buildSatisfactionReport(
  db: Queryable,
  org: { id: string; name: string; slug: string },
  roundLabel: string,
  now: Date,
  config: Partial<ScoringConfig> = {},
): Promise<SatisfactionReport> {
  const round = parseRound(roundLabel);
  if (!round)
    throw new ReportError(
      'bad_round',
      `round must look like 2569-1 or 2569-2, not "${roundLabel}"`,
    );
  if (roundInstants(round).from.getTime() > now.getTime())
    throw new ReportError(
      'not_started',
      metrics.report.notStarted(describeRound(round).label, describeRound(roundOf(now)).label),
    );
  const info = await definitionInfo(db, org.id);
  const cfg: ScoringConfig = {
    ...DEFAULT_SCORING,
    ...(info.topTwoMinScore !== null ? { topTwoMinScore: info.topTwoMinScore } : {}),
    ...config,
  };
  const period: Period = roundInstants(round);
  const [
    card,
    prev,
    last,
    profile,
    svc,
    div,
    rawComments,
    caseStats,
    roundRow,
    saved,
    cats,
    months,
    outcomes,
    orgRow,
  ] = await Promise.all([
    scoreRound(db, org.id, round, cfg),
    scoreRound(db, org.id, previousRound(round), cfg),
    scoreRound(db, org.id, sameRoundLastYear(round), cfg),
    respondentProfile(db, org.id, period),
    satisfactionBy(db, org.id, period, 'service', cfg.topTwoMinScore),
    satisfactionBy(db, org.id, period, 'division', cfg.topTwoMinScore),
    roundComments(db, org.id, period),
    caseStatsSql(db, org.id, period, now),
    surveyRoundByLabel(db, org.id, round.label),
    latestReport(db, org.id, round.label),
    categoryNames(db, org.id),
    answerAggregatesByMonth(db, org.id, period, cfg.topTwoMinScore),
    outcomeFigures(db, org.id, period),
    findOrgById(db, org.id),
  ]);
  const d = describeRound(round);
  const serviceNames: Record<string, string> = Object.fromEntries(
    (await surveyServices(db, org.id)).map((s) => [s.code, s.name]),
  );
  const denom = caseStats.closed + caseStats.openOverdue;
  const rh = (x: { median: number | null; p90: number | null; n: number }) => ({
    median: x.median === null ? null : round2(x.median),
    p90: x.p90 === null ? null : round2(x.p90),
    n: x.n,
  });
  return {
    kind: REPORT_KIND,
    org: { name: org.name, slug: org.slug },
    round: {
      label: round.label,
      title: d.label,
      span: d.span,
      startsOn: round.startsOn,
      endsOn: round.endsOn,
    },
    generatedAt: now.toISOString(),
    method: {
      respondents: card.respondents,
      targetSample: roundRow?.targetSample ?? null,
      minSample: cfg.minSample,
      topTwoMinScore: cfg.topTwoMinScore,
      sources: profile.sources,
      paper: profile.paper,
      contact: profile.profile
        .filter((p) => p.question === CONTACT_QUESTION)
        .map((p) => ({
          value: p.value,
          label: info.labels[p.question]?.[p.value] ?? p.value,
          n: p.n,
        })),
    },
    profile: {
      // Labels from the survey (and the organisation's service names), never the stored codes.
      respondentTypes: profile.respondentTypes.map((x) => ({
        ...x,
        label: !x.key
          ? metrics.report.unspecified
          : (info.labels[RESPONDENT_TYPE_QUESTION]?.[x.key] ?? metrics.report.other),
      })),
      answers: profile.profile.map((p) => ({
        question: p.question,
        text: info.texts[p.question] ?? p.question,
        value: p.value,
        label:
          info.labels[p.question]?.[p.value] ??
          serviceNames[p.value] ??
          (p.value ? metrics.report.other : metrics.report.unspecified),
        n: p.n,
      })),
    },
    card,
    questionTexts: info.texts,
    previous: summary(previousRound(round), prev),
    lastYear: summary(sameRoundLastYear(round), last),
    byService: groupScores(svc, cfg.minSample),
    byDivision: groupScores(div, cfg.minSample),
    lowest: lowestQuestions(card, 5),
    comments: groupComments(rawComments),
    cases: {
      ...caseStats,
      acceptHours: rh(caseStats.acceptHours),
      finishHours: rh(caseStats.finishHours),
      onTimeShare: denom ? round2((100 * caseStats.closedOnTime) / denom) : null,
    },
    categoryNames: Object.fromEntries(cats.map((c) => [c.code, c.name])),
    recommendations: saved?.recommendations ?? '',
    // The figures computed now are the draft of the latest unpublished version, or of the next.
    publishedAt: null,
    version: saved ? (saved.publishedAt ? saved.version + 1 : saved.version) : 1,
    monthly: months.map((m) => {
      const mc = scoreAggregates(m.aggregates, m.respondents, cfg);
      return {
        month: m.month,
        respondents: m.respondents,
        eit: mc.eit,
        topTwoShare: mc.satisfaction?.topTwoShare ?? null,
      };
    }),
    outcomes,
    signatories: orgSettings(orgRow?.settings).signatories,
  };
}

/** Every version of a round's report, oldest first. */
export async function reportVersions(db: Queryable, orgId: string, roundLabel: string) {
  return reportVersionRows(db, orgId, REPORT_KIND, roundLabel);
}

/** The newest version of a round's report (published or draft), if any. */
export async function latestReport(db: Queryable, orgId: string, roundLabel: string) {
  return (await reportVersions(db, orgId, roundLabel)).at(-1) ?? null;
}

/**
 * Stores the clerk's recommendations for a round's report (kept when the report is rebuilt).
 * The newest version is changed while it is a draft; once published it stays as it was and
 * the text starts the next version (decision 025). Returns the version written.
 */
export async function saveRecommendations(
  db: Queryable,
  orgId: string,
  roundLabel: string,
  text: string,
): Promise<number> {
  const latest = await latestReport(db, orgId, roundLabel);
  if (latest && !latest.publishedAt) {
    await updateReportVersion(db, latest.id, { recommendations: text });
    return latest.version;
  }
  const version = (latest?.version ?? 0) + 1;
  await insertReportVersion(db, {
    orgId,
    kind: REPORT_KIND,
    roundLabel,
    version,
    recommendations: text,
  });
  return version;
}

/**
 * Publishes the report: freezes its figures (what the public pages show) and the time into
 * the newest draft version, or into a new version when the newest is already published.
 * Returns the version published.
 */
export async function publishReport(
  db: Queryable,
  orgId: string,
  report: SatisfactionReport,
  now: Date,
): Promise<number> {
  const latest = await latestReport(db, orgId, report.round.label);
  const version = latest && !latest.publishedAt ? latest.version : (latest?.version ?? 0) + 1;
  const figures: FrozenFigures = {
    ...report,
    version,
    figuresVersion: FIGURES_VERSION,
    publishedAt: now.toISOString(),
  };
  const set = { figures, publishedAt: now, recommendations: report.recommendations };
  if (latest && !latest.publishedAt) await updateReportVersion(db, latest.id, set);
  else
    await insertReportVersion(db, {
      orgId,
      kind: REPORT_KIND,
      roundLabel: report.round.label,
      version,
      ...set,
    });
  return version;
}

/** Published reports of an organisation, newest round first: each round's latest published version. */
export async function publishedReports(db: Queryable, orgId: string) {
  const rows = await publishedReportRows(db, orgId);
  return rows.filter((r, i) => i === 0 || rows[i - 1]!.roundLabel !== r.roundLabel);
}
