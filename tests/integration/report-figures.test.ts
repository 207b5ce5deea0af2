import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { f2, renderReportHtml } from '../../bot/reports/html';
import { buildSatisfactionReport, type SatisfactionReport } from '../../bot/reports/satisfaction';
import type { Database } from '../../db/types';
import { lowestQuestions, scoreAnswers } from '../../shared/metrics/scoring';
import { createTestDatabase } from '../helpers/db';
import { seedReportRound, type ReportFixture } from '../helpers/report-fixtures';

let database: Database;
let fx: ReportFixture;
let report: SatisfactionReport;
const NOW = new Date('2026-04-01T10:00:00+07:00');
const CFG = { topTwoMinScore: 75 };

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedReportRound(database.db, { respondents: 45, previous: 12, cases: 10 });
  report = await buildSatisfactionReport(database.db, fx.org, '2569-1', NOW);
}, 60_000);
afterAll(async () => database?.close());

/**
 * Every survey figure the report prints equals the pure scoring function's output for the same
 * filter (issue 15): the whole round, every question and indicator, every service, every
 * division, the lowest questions and the previous round, and each of them is in the HTML.
 */
describe('every figure in the report is the scoring function’s, for the same filter', () => {
  it('walks the round, services, divisions, lowest questions and the previous round', () => {
    const all = scoreAnswers(fx.answers, {}, CFG);
    const html = renderReportHtml(report);
    const inHtml = (x: number | null | undefined) => {
      if (x === null || x === undefined) return;
      expect(html).toContain(f2(x));
    };
    let walked = 0;
    expect(report.card.respondents).toBe(all.respondents);
    expect(report.card.eit).toBe(all.eit);
    inHtml(all.eit);
    for (const q of all.questions) {
      const got = report.card.questions.find((x) => x.questionCode === q.questionCode)!;
      expect(got).toEqual(q);
      inHtml(q.score);
      walked++;
    }
    for (const i of all.indicators) {
      expect(report.card.indicators.find((x) => x.indicator === i.indicator)).toEqual(i);
      inHtml(i.score);
      walked++;
    }
    expect(report.card.satisfaction).toEqual(all.satisfaction);
    inHtml(all.satisfaction?.mean);
    inHtml(all.satisfaction?.topTwoShare);

    const groups: [SatisfactionReport['byService'], 'serviceId' | 'divisionId', string[]][] = [
      [report.byService, 'serviceId', fx.serviceIds],
      [report.byDivision, 'divisionId', fx.divisionIds],
    ];
    for (const [rows, key, ids] of groups) {
      for (const id of ids) {
        const e = scoreAnswers(fx.answers, { [key]: id }, CFG);
        const got = rows.find((g) => g.id === id);
        if (!e.respondents) {
          expect(got).toBeUndefined();
          continue;
        }
        expect(got!.respondents).toBe(e.respondents);
        expect(got!.mean).toBe(e.satisfaction!.mean);
        expect(got!.topTwoShare).toBe(e.satisfaction!.topTwoShare);
        inHtml(got!.mean);
        inHtml(got!.topTwoShare);
        walked++;
      }
    }
    expect(report.lowest).toEqual(lowestQuestions(all, 5));

    const prev = scoreAnswers(fx.previousAnswers, {}, CFG);
    expect(report.previous!.respondents).toBe(prev.respondents);
    expect(report.previous!.eit).toBe(prev.eit);
    expect(report.previous!.satisfaction).toEqual(prev.satisfaction);
    for (const i of prev.indicators)
      expect(report.previous!.indicators.find((x) => x.indicator === i.indicator)?.score).toBe(
        i.score,
      );
    inHtml(prev.eit);
    expect(walked).toBeGreaterThan(15);
  });
});
