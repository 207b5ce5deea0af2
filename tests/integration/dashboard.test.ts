import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../bot/reports/dashboard';
import { eq } from 'drizzle-orm';
import { surveyResponses } from '../../db/schema';
import type { Database } from '../../db/types';
import { monthKey } from '../../shared/metrics/round';
import { scoreAnswers } from '../../shared/metrics/scoring';
import { createTestDatabase } from '../helpers/db';
import { seedReportRound, type ReportFixture } from '../helpers/report-fixtures';

let database: Database;
let fx: ReportFixture;
const NOW = new Date('2026-03-31T12:00:00+07:00');

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedReportRound(database.db, { respondents: 36, previous: 6, cases: 30 });
}, 60_000);
afterAll(async () => database?.close());

describe('executive dashboard figures', () => {
  it('scores the current round and each month with the shared functions', async () => {
    const d = await buildDashboard(database.db, fx.org, NOW);
    expect(d.round.label).toBe('2569-1');
    const all = scoreAnswers(fx.answers, {}, { topTwoMinScore: 75 });
    expect(d.eit).toBe(all.eit);
    expect(d.respondents).toBe(36);
    // Months of the round, each scored from that month's rows.
    const submitted = new Map<string, string>();
    const rows = await database.db
      .select({ id: surveyResponses.id, at: surveyResponses.submittedAt })
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, fx.org.id));
    for (const r of rows) submitted.set(r.id, monthKey(r.at));
    expect(d.trend.map((t) => t.month)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    for (const t of d.trend) {
      const mine = fx.answers.filter((a) => submitted.get(a.responseId) === t.month);
      const e = scoreAnswers(mine, {}, { topTwoMinScore: 75 });
      expect(t.respondents).toBe(e.respondents);
      expect(t.eit).toBe(e.eit);
      expect(t.satisfactionMean).toBe(e.satisfaction!.mean);
      expect(t.smallSample).toBe(true);
    }
    // Open cases by division: in_progress and waiting, overdue when due before now.
    const open = fx.cases.filter((c) => !['finished', 'rejected'].includes(c.stateType));
    expect(d.cases.openByDivision.reduce((s, x) => s + x.open, 0)).toBe(open.length);
    expect(d.cases.openByDivision.reduce((s, x) => s + x.overdue, 0)).toBe(
      open.filter((c) => c.dueAt && c.dueAt < NOW).length,
    );
    expect(d.cases.openByDivision.map((x) => x.name).sort()).toEqual(['กองช่าง', 'สำนักปลัด']);
  });
});
