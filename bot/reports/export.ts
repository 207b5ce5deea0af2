/**
 * The report's underlying tables for machines: one tidy CSV (section, key, label,
 * measure, value) and an XLSX workbook with a sheet per table. Both come from the
 * same SatisfactionReport the HTML renders, so the figures agree by construction
 * (and the integration test checks that they do).
 */
import writeXlsxFile from 'write-excel-file/node';
import { cases as caseWords } from '../../shared/text/th-cases';
import { metrics } from '../../shared/text/th-metrics';
import { outcomes as outcomeWords } from '../../shared/text/th-outcomes';
import { OUTCOMES } from '../../shared/outcomes/count';
import type { SatisfactionReport } from './satisfaction';
import { toCsv } from '../../shared/metrics/csv';

export { csvField, toCsv } from '../../shared/metrics/csv';

const T = metrics.report;
const X = T.xlsx;
/** Machine-key columns: on the raw sheet only, never on the Thai sheets. */
const KEY_COLUMNS = new Set(['measure', 'indicator', 'question', 'key', 'value']);

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
      head: ['question', 'topic', 'value', 'label', 'count'],
      rows: [
        ...r.method.sources.map((x) => [
          'collected_via',
          T.sourceCol,
          x.key,
          T.sources[x.key] ?? T.sources.unknown!,
          x.n,
        ]),
        ...r.method.contact.map((x) => ['contacted_via', T.contactCol, x.value, x.label, x.n]),
        ...r.profile.respondentTypes.map((x) => [
          'respondent_type',
          T.respondentType,
          x.key,
          x.label,
          x.n,
        ]),
        ...r.profile.answers.map((x) => [x.question, x.text, x.value, x.label, x.n]),
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
        ['accept_hours_median', '', X.hours(T.acceptTime, T.median), k.acceptHours.median],
        ['accept_hours_p90', '', X.hours(T.acceptTime, T.p90), k.acceptHours.p90],
        ['finish_hours_median', '', X.hours(T.finishTime, T.median), k.finishHours.median],
        ['finish_hours_p90', '', X.hours(T.finishTime, T.p90), k.finishHours.p90],
        ['closed', '', X.closed, k.closed],
        ['closed_on_time', '', X.closedOnTime, k.closedOnTime],
        ['open_overdue', '', X.openOverdue, k.openOverdue],
        ['on_time_share', '', T.onTime, k.onTimeShare],
        // What became of the round's cases (shared/outcomes/count.ts), when the report has them.
        ...(r.outcomes
          ? OUTCOMES.map((o) => [
              'outcome',
              o,
              `${T.outcome}: ${outcomeWords.kinds[o]}`,
              r.outcomes!.byOutcome[o],
            ])
          : []),
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

const cell = (v: string | number | null) =>
  v === null
    ? null
    : typeof v === 'number'
      ? { value: v, type: Number }
      : { value: v, type: String };

/**
 * The workbook: a Thai sheet per table with Thai headers and no machine keys, headers bold,
 * and one "ข้อมูลดิบ" sheet for analysts (table, row, column, value) with every key.
 */
/** A table as people read it: its Thai name, Thai headers, and no machine-key columns. */
function thaiTable(t: ReportTable) {
  // A table's first column keeps its values when it is the row's only name (e.g. service).
  const keep = t.head.map(
    (h, i) => !KEY_COLUMNS.has(h) || (h === 'value' && i === t.head.length - 1),
  );
  return {
    name: X.sheets[t.name] ?? t.name,
    head: t.head.filter((_, i) => keep[i]).map((h) => X.head[h] ?? h),
    rows: t.rows.map((row) => row.filter((_, i) => keep[i])),
  };
}

/**
 * The whole report as one UTF-8 CSV (with BOM) for the console's download: every table in
 * turn under its Thai name, with Thai headers, a blank line between tables.
 */
export function reportCsv(r: SatisfactionReport): string {
  return (
    '\uFEFF' +
    reportTables(r)
      .map(thaiTable)
      .map((t) => toCsv([t.name], []) + toCsv(t.head, t.rows))
      .join('\r\n')
  );
}

export async function reportXlsx(r: SatisfactionReport): Promise<Buffer> {
  const tables = reportTables(r);
  const sheets = tables.map(thaiTable).map((t) => ({
    sheet: t.name,
    data: [
      t.head.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...t.rows.map((row) => row.map(cell)),
    ],
  }));
  sheets.push({
    sheet: X.raw,
    data: [
      X.rawHead.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...tables.flatMap((t) =>
        t.rows.flatMap((row, i) =>
          row.map((v, j) => [cell(t.name), cell(i + 1), cell(t.head[j]!), cell(v)]),
        ),
      ),
    ],
  });
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
