/**
 * The report's underlying tables for machines: one tidy CSV (section, key, label,
 * measure, value) and an XLSX workbook with a sheet per table. Both come from the
 * same SatisfactionReport the HTML renders, so the figures agree by construction
 * (and the integration test checks that they do).
 */
import writeXlsxFile from 'write-excel-file/node';
import { cases as caseWords } from '../../shared/text/th-cases';
import { metrics } from '../../shared/text/th-metrics';
import type { SatisfactionReport } from './satisfaction';
import { toCsv } from '../../shared/metrics/csv';

export { csvField, toCsv } from '../../shared/metrics/csv';

const T = metrics.report;

export interface ReportTable {
  /** Sheet name (≤ 31 characters) and CSV section. */
  name: string;
  head: string[];
  rows: (string | number | null)[][];
}

const indName = (i: string) =>
  i === 'satisfaction' ? T.satisfaction : `${i}. ${metrics.indicators[Number(i)] ?? ''}`;

export function reportTables(r: SatisfactionReport): ReportTable[] {
  const c = r.card;
  const k = r.cases;
  const states = caseWords.stateLabels as Record<string, string>;
  return [
    {
      name: 'summary',
      head: ['measure', 'label', 'value'],
      rows: [
        ['round', r.round.title, r.round.label],
        ['respondents', T.respondents, c.respondents],
        ['target_sample', T.target, r.method.targetSample],
        ['eit', T.eit, c.eit],
        ['satisfaction_mean', T.satisfactionMean, c.satisfaction?.mean ?? null],
        ['satisfaction_top_two_share', T.satisfactionShare, c.satisfaction?.topTwoShare ?? null],
        ['small_sample', T.smallSample(r.method.minSample), c.smallSample ? 1 : 0],
      ],
    },
    {
      name: 'indicators',
      head: ['indicator', 'label', 'score', 'answers'],
      rows: c.indicators.map((i) => [i.indicator, indName(i.indicator), i.score, i.n]),
    },
    {
      name: 'questions',
      head: ['question', 'indicator', 'text', 'score', 'answers', 'small_sample'],
      rows: c.questions.map((q) => [
        q.questionCode,
        q.indicator,
        r.questionTexts[q.questionCode] ?? '',
        q.score,
        q.n,
        q.smallSample ? 1 : 0,
      ]),
    },
    groupTable('by_service', 'service', r.byService),
    groupTable('by_division', 'division', r.byDivision),
    {
      name: 'comparison',
      head: ['round', 'respondents', 'eit', 'satisfaction_top_two_share'],
      rows: [
        [r.round.label, c.respondents, c.eit, c.satisfaction?.topTwoShare ?? null],
        ...[r.previous, r.lastYear]
          .filter((x) => x !== null)
          .map((x) => [x.label, x.respondents, x.eit, x.satisfaction?.topTwoShare ?? null]),
      ],
    },
    {
      name: 'profile',
      head: ['question', 'value', 'label', 'count'],
      rows: [
        ...r.method.sources.map((x) => [
          'collected_via',
          x.key,
          T.sources[x.key] ?? T.sources.unknown!,
          x.n,
        ]),
        ...r.method.contact.map((x) => ['contacted_via', x.value, x.label, x.n]),
        ...r.profile.respondentTypes.map((x) => ['respondent_type', x.key, x.key, x.n]),
        ...r.profile.answers.map((x) => [x.question, x.value, x.label, x.n]),
      ],
    },
    {
      name: 'cases',
      head: ['measure', 'key', 'label', 'value'],
      rows: [
        ['total', '', T.casesTotal, k.total],
        ...k.byKind.map((x) => ['kind', x.kind, T.kinds[x.kind] ?? x.kind, x.count]),
        ...k.byState.map((x) => [
          'state',
          x.stateType,
          states[x.stateType] ?? x.stateType,
          x.count,
        ]),
        ...k.byCategory.map((x) => [
          'category',
          x.category,
          r.categoryNames[x.category] ?? x.category,
          x.count,
        ]),
        ['accept_hours_median', '', T.acceptTime, k.acceptHours.median],
        ['accept_hours_p90', '', T.acceptTime, k.acceptHours.p90],
        ['finish_hours_median', '', T.finishTime, k.finishHours.median],
        ['finish_hours_p90', '', T.finishTime, k.finishHours.p90],
        ['closed', '', '', k.closed],
        ['closed_on_time', '', '', k.closedOnTime],
        ['open_overdue', '', '', k.openOverdue],
        ['on_time_share', '', T.onTime, k.onTimeShare],
      ],
    },
  ];
}

/** One UTF-8 CSV (with BOM, so Excel reads the Thai) per table, named `<table>.csv`. */
export function reportCsvFiles(r: SatisfactionReport): { name: string; csv: string }[] {
  return reportTables(r).map((t) => ({
    name: `${t.name}.csv`,
    csv: '\uFEFF' + toCsv(t.head, t.rows),
  }));
}

/** The workbook: a sheet per table, headers bold. */
export async function reportXlsx(r: SatisfactionReport): Promise<Buffer> {
  const sheets = reportTables(r).map((t) => ({
    sheet: t.name,
    data: [
      t.head.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...t.rows.map((row) =>
        row.map((v) =>
          v === null
            ? null
            : typeof v === 'number'
              ? { value: v, type: Number }
              : { value: v, type: String },
        ),
      ),
    ],
  }));
  return (await writeXlsxFile(sheets, { fontFamily: 'Sarabun' }).toBuffer()) as Buffer;
}

/** Satisfaction per service or per division: the same columns either way. */
function groupTable(
  name: string,
  label: string,
  groups: readonly {
    name: string;
    respondents: number;
    mean: number | null;
    topTwoShare: number | null;
    smallSample: boolean;
  }[],
) {
  return {
    name,
    head: [label, 'respondents', 'mean', 'top_two_share', 'small_sample'],
    rows: groups.map((x) => [x.name, x.respondents, x.mean, x.topTwoShare, x.smallSample ? 1 : 0]),
  };
}
