import { describe, expect, it } from 'vitest';
import { groupComments } from './comments';
import { caseStats, percentileCont, type CaseRow } from './complaints';
import { change, gradeOf, rollup, scoreYears, whatIf, type IndicatorScores } from './ita';
import {
  describeRound,
  fiscalYearOf,
  parseRound,
  previousRound,
  roundOf,
  sameRoundLastYear,
} from './round';
import {
  aggregateAnswers,
  lowestQuestions,
  round2,
  scoreAggregates,
  scoreAnswers,
  topTwoThreshold,
  type AnswerRow,
} from './scoring';

// Three respondents on a 5-level scale (0/25/50/75/100); hand-computed below.
const R: Record<string, { ch: string; type: string; s: Record<string, number> }> = {
  r1: { ch: 'line', type: 'public', s: { e1: 100, e2: 75, e3: 100, e4: 50, s1: 100 } },
  r2: { ch: 'line', type: 'public', s: { e1: 75, e2: 75, e3: 50, e4: 0, s1: 75 } },
  r3: { ch: 'counter', type: 'contact', s: { e1: 100, e2: 50, e3: 75, e4: 75, s1: 50 } },
};
const IND: Record<string, string> = { e1: '6', e2: '6', e3: '7', e4: '8', s1: 'satisfaction' };
const rows: AnswerRow[] = Object.entries(R).flatMap(([id, r]) => [
  ...Object.entries(r.s).map(([q, score]) => ({
    responseId: id,
    questionCode: q,
    indicator: IND[q]!,
    score,
    channel: r.ch,
    respondentType: r.type,
    roundId: 'round-a',
    divisionId: 'div-1',
    serviceId: id === 'r3' ? 'svc-2' : 'svc-1',
  })),
  // A profile answer is never scored.
  { responseId: id, questionCode: 'age', indicator: 'profile', score: null, value: '30-39' },
]);

describe('scoring', () => {
  it('scores questions, indicators, EIT and satisfaction as hand-computed', () => {
    const card = scoreAnswers(rows);
    expect(card.respondents).toBe(3);
    const q = Object.fromEntries(card.questions.map((x) => [x.questionCode, x.score]));
    // e1 = 275/3, e2 = 200/3, e3 = 225/3, e4 = 125/3
    expect(q).toEqual({ e1: 91.67, e2: 66.67, e3: 75, e4: 41.67, s1: 75 });
    const ind = Object.fromEntries(card.indicators.map((x) => [x.indicator, x.score]));
    // 6 = (275/3 + 200/3) / 2 = 79.1667
    expect(ind).toEqual({ '6': 79.17, '7': 75, '8': 41.67 });
    // (79.1667 + 75 + 41.6667) / 3 = 65.2778
    expect(card.eit).toBe(65.28);
    // top two levels (75, 100): 2 of 3
    expect(card.satisfaction).toEqual({ n: 3, topTwoShare: 66.67, mean: 75 });
    expect(card.smallSample).toBe(true);
    expect(card.warnings).toContain('smallSample');
    expect(card.questions.every((x) => x.smallSample)).toBe(true);
    expect(lowestQuestions(card, 2).map((x) => x.questionCode)).toEqual(['e4', 'e2']);
  });

  it('filters by channel, service, respondent type, division and round', () => {
    const line = scoreAnswers(rows, { channel: 'line' });
    expect(line.respondents).toBe(2);
    expect(line.questions.find((x) => x.questionCode === 'e1')!.score).toBe(87.5);
    expect(line.satisfaction).toEqual({ n: 2, topTwoShare: 100, mean: 87.5 });
    expect(scoreAnswers(rows, { serviceId: 'svc-2' }).eit).toBe(round2((75 + 75 + 75) / 3));
    expect(scoreAnswers(rows, { respondentType: 'contact' }).respondents).toBe(1);
    expect(scoreAnswers(rows, { divisionId: 'div-x' }).respondents).toBe(0);
    expect(scoreAnswers(rows, { roundId: 'round-b' }).eit).toBeNull();
  });

  it('takes the mean of two group means where respondent groups are modelled', () => {
    const card = scoreAnswers(rows, {}, { groups: ['public', 'contact'] });
    const six = card.indicators.find((x) => x.indicator === '6')!;
    // public: e1 87.5, e2 75 → 81.25; contact: e1 100, e2 50 → 75; (81.25 + 75) / 2 = 78.125
    expect(six.groups).toEqual([
      { group: 'public', score: 81.25 },
      { group: 'contact', score: 75 },
    ]);
    expect(six.score).toBe(78.13);
    // Question scores stay the mean over everyone.
    expect(card.questions.find((x) => x.questionCode === 'e1')!.score).toBe(91.67);
  });

  it('flags small samples against a configurable minimum', () => {
    expect(scoreAnswers(rows, {}, { minSample: 3 }).smallSample).toBe(false);
    expect(scoreAnswers(rows, {}, { minSample: 4 }).smallSample).toBe(true);
  });

  it('gives the same card from SQL-style aggregates as from rows', () => {
    const aggs = aggregateAnswers(rows);
    expect(aggs.find((a) => a.questionCode === 's1')).toMatchObject({ n: 3, sum: 225, topTwo: 2 });
    expect(scoreAggregates(aggs, 3)).toEqual(scoreAnswers(rows));
  });

  it('computes top-two thresholds and rounds half up to two decimals', () => {
    expect(topTwoThreshold(4)).toBe(66.67);
    expect(topTwoThreshold(5)).toBe(75);
    expect(round2(84.995)).toBe(85);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(78.125)).toBe(78.13);
    expect(round2(-8.955)).toBe(-8.96);
  });
});

// A realistic year and the one before, computed by hand:
// 2568 IIT = (90.12 + 88.45 + 91.30 + 79.60 + 85.00) / 5 = 86.894
//      EIT = (92.50 + 88.75 + 80.25) / 3 = 87.1667, OIT = (70 + 100) / 2 = 85
//      overall = 0.3·86.894 + 0.3·87.1667 + 0.4·85 = 86.2182 → 86.22 (A)
// 2567 IIT = (99.07 + 95 + 96 + 90 + 94) / 5 = 94.814, EIT = 85, OIT = (60 + 80) / 2 = 70
//      overall = 28.4442 + 25.5 + 28 = 81.9442 → 81.94 (B)
const y2568: IndicatorScores = {
  1: 90.12,
  2: 88.45,
  3: 91.3,
  4: 79.6,
  5: 85,
  6: 92.5,
  7: 88.75,
  8: 80.25,
  9: 70,
  10: 100,
};
const y2567: IndicatorScores = {
  1: 99.07,
  2: 95,
  3: 96,
  4: 90,
  5: 94,
  6: 85,
  7: 85,
  8: 85,
  9: 60,
  10: 80,
};

describe('ITA roll-up', () => {
  it('rolls up a full ten-indicator year', () => {
    const r = rollup('2568', y2568);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tools.map((t) => [t.tool, t.score, t.grade, t.meetsTarget])).toEqual([
      ['iit', 86.89, 'A', true],
      ['eit', 87.17, 'A', true],
      ['oit', 85, 'A', true],
    ]);
    expect(r.value.overall).toBe(86.22);
    expect(r.value.grade).toBe('A');
    expect(r.value.gradeLabel).toBe('ผ่านดี');
    expect(r.value.meetsTarget).toBe(true);
    expect(r.value.weakPoints).toEqual([
      { indicator: 9, score: 70, gap: 15 },
      { indicator: 4, score: 79.6, gap: 5.4 },
      { indicator: 8, score: 80.25, gap: 4.75 },
    ]);
  });

  it('reports missing indicators instead of scoring a partial year', () => {
    const r = rollup('2568', { 1: 90, 2: 90 });
    expect(r).toEqual({
      ok: false,
      error: { code: 'missing_indicators', indicators: [3, 4, 5, 6, 7, 8, 9, 10] },
    });
  });

  it('grades at the band edges', () => {
    const g = (x: number) => gradeOf(x).grade;
    expect([g(100), g(95), g(94.99), g(85), g(84.99), g(75), g(74.99)]).toEqual([
      'AA',
      'AA',
      'A',
      'A',
      'B',
      'B',
      'C',
    ]);
    expect([g(65), g(64.99), g(55), g(54.99), g(50), g(49.99), g(0)]).toEqual([
      'C',
      'D',
      'D',
      'E',
      'E',
      'F',
      'F',
    ]);
    // Graded as shown: 84.995 shows as 85.00.
    expect(g(84.995)).toBe('A');
    expect(g(84.994)).toBe('B');
    expect(gradeOf(95).label).toBe('ผ่านดีเยี่ยม');
    // Bands are configuration.
    expect(
      gradeOf(80, [
        { grade: 'ผ่าน', min: 80, label: '' },
        { grade: 'ไม่ผ่าน', min: 0, label: '' },
      ]).grade,
    ).toBe('ผ่าน');
  });

  it('compares years in points, percent of last year and direction', () => {
    const rep = scoreYears({
      '2568': Object.fromEntries(Object.entries(y2568).map(([k, v]) => [k, v])),
      '2567': Object.fromEntries(Object.entries(y2567).map(([k, v]) => [k, v])),
    });
    expect(rep.years.map((y) => [y.year, y.overall, y.grade])).toEqual([
      ['2567', 81.94, 'B'],
      ['2568', 86.22, 'A'],
    ]);
    const rows = rep.yearOverYear[0]!.rows;
    expect(rep.yearOverYear[0]!.from).toBe('2567');
    const get = (item: string) => rows.find((r) => r.item === item)!.change;
    // 86.22 − 81.94 = 4.28; 4.28 / 81.94 = 5.2233 %
    expect(get('overall')).toEqual({
      previous: 81.94,
      current: 86.22,
      points: 4.28,
      percent: 5.22,
      trend: 'up',
    });
    // 90.12 − 99.07 = −8.95; −8.95 / 99.07 = −9.034 %
    expect(get('1')).toEqual({
      previous: 99.07,
      current: 90.12,
      points: -8.95,
      percent: -9.03,
      trend: 'down',
    });
    expect(get('10')).toMatchObject({ points: 20, percent: 25, trend: 'up' });
    expect(get('oit')).toMatchObject({ previous: 70, current: 85, points: 15 });
    expect(change(85, 85.001)).toMatchObject({ points: 0, trend: 'same' });
    expect(change(0, 50).percent).toBeNull();
  });

  it('answers what-if questions', () => {
    // OIT 85 → 100: overall + 0.4 · 15 = +6
    expect(whatIf(y2568, { 9: 100 })).toEqual({ overall: 92.22, grade: 'A', delta: 6 });
    expect(whatIf(y2567, { 9: 100, 10: 100 })).toEqual({ overall: 93.94, grade: 'A', delta: 12 });
  });
});

describe('rounds', () => {
  it('maps labels to dates, with 31 Mar / 1 Apr and the October fiscal-year change', () => {
    expect(parseRound('2569-1')).toEqual({
      label: '2569-1',
      fiscalYear: 2569,
      half: 1,
      startsOn: '2025-10-01',
      endsOn: '2026-03-31',
    });
    expect(parseRound('2569-2')).toMatchObject({ startsOn: '2026-04-01', endsOn: '2026-09-30' });
    expect(parseRound('2569-3')).toBeNull();
    expect(parseRound('69-1')).toBeNull();
    // Bangkok is UTC+7: 31 Mar 23:59:59 and 1 Apr 00:00.
    expect(roundOf(new Date('2026-03-31T16:59:59Z')).label).toBe('2569-1');
    expect(roundOf(new Date('2026-03-31T17:00:00Z')).label).toBe('2569-2');
    expect(fiscalYearOf(new Date('2025-09-30T16:59:59Z'))).toBe(2568);
    expect(fiscalYearOf(new Date('2025-09-30T17:00:00Z'))).toBe(2569);
    expect(roundOf(new Date('2025-10-01T00:00:00+07:00')).label).toBe('2569-1');
    expect(previousRound(parseRound('2569-1')!).label).toBe('2568-2');
    expect(previousRound(parseRound('2569-2')!).label).toBe('2569-1');
    expect(sameRoundLastYear(parseRound('2569-2')!).label).toBe('2568-2');
  });

  it('labels rounds in พ.ศ.', () => {
    expect(describeRound(parseRound('2569-1')!)).toEqual({
      label: 'รอบที่ 1/2569',
      span: '1 ตุลาคม 2568 – 31 มีนาคม 2569',
    });
  });
});

describe('complaint statistics', () => {
  const t0 = new Date('2026-01-05T09:00:00+07:00');
  const at = (h: number | null) => (h === null ? null : new Date(t0.getTime() + h * 3600_000));
  const c = (
    stateType: string,
    acc: number | null,
    fin: number | null,
    due: number | null,
    category = 'road',
  ): CaseRow => ({
    kind: 'complaint',
    category,
    stateType,
    createdAt: t0,
    acceptedAt: at(acc),
    finishedAt: at(fin),
    dueAt: at(due),
  });
  const cs = [
    c('finished', 2, 48, 72), // on time
    c('finished', 10, 100, 72), // late
    c('in_progress', 4, null, 24), // open, overdue
    c('waiting', null, null, 10_000), // open, not yet due
    c('rejected', 1, 5, 72, 'light'), // not handled: neither closed nor overdue
  ];

  it('computes counts, percentiles and the on-time share', () => {
    const s = caseStats(cs, at(1000)!);
    expect(s.total).toBe(5);
    expect(s.byCategory).toEqual([
      { category: 'road', count: 4 },
      { category: 'light', count: 1 },
    ]);
    expect(s.byState.find((x) => x.stateType === 'finished')!.count).toBe(2);
    // accept hours 1, 2, 4, 10: median 3, p90 at rank 2.7 → 4 + 0.7·6 = 8.2
    expect(s.acceptHours).toEqual({ median: 3, p90: 8.2, n: 4 });
    // finish hours 48, 100: median 74, p90 48 + 0.9·52 = 94.8
    expect(s.finishHours).toEqual({ median: 74, p90: 94.8, n: 2 });
    // 1 on time ÷ (2 closed + 1 open overdue)
    expect([s.closed, s.closedOnTime, s.openOverdue, s.onTimeShare]).toEqual([2, 1, 1, 33.33]);
  });

  it('has no share without closed or overdue cases', () => {
    expect(caseStats([], t0).onTimeShare).toBeNull();
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([5], 0.9)).toBe(5);
  });
});

describe('comments by theme', () => {
  it('groups by keyword, in theme order, and redacts personal data', () => {
    const g = groupComments([
      'อยากให้มีบริการออนไลน์ผ่านไลน์',
      'รอคิวนานมาก โทร 081-234-5678',
      'เจ้าหน้าที่สุภาพ',
      'ที่จอดรถไม่พอ',
      'ขอบคุณครับ',
      '   ',
    ]);
    expect(g.map((x) => [x.theme, x.comments])).toEqual([
      ['staff', ['เจ้าหน้าที่สุภาพ']],
      ['place', ['ที่จอดรถไม่พอ']],
      ['online', ['อยากให้มีบริการออนไลน์ผ่านไลน์']],
      ['speed', ['รอคิวนานมาก โทร [เบอร์โทร]']],
      ['other', ['ขอบคุณครับ']],
    ]);
  });
});
