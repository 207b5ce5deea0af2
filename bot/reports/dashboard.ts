/**
 * The executive dashboard's figures (issue 6 §6), for the staff console to show once it
 * exists: the current round's scores, the trend by month, and open and overdue cases by
 * division, scored by the same shared/metrics functions as the report. No HTTP here:
 * the console's route (behind staff auth, executives and admins only) calls this.
 */
import { answerAggregatesByMonth, openCasesByDivision } from '../../db/metrics';
import type { Queryable } from '../../db/types';
import { roundInstants, roundOf } from '../../shared/metrics/round';
import { scoreAggregates, type ScoringConfig } from '../../shared/metrics/scoring';
import { buildSatisfactionReport } from './satisfaction';

export async function buildDashboard(
  db: Queryable,
  org: { id: string; name: string; slug: string },
  now: Date,
  config: Partial<ScoringConfig> = {},
) {
  const round = roundOf(now);
  const report = await buildSatisfactionReport(db, org, round.label, now, config);
  const cfg = { ...config, topTwoMinScore: report.method.topTwoMinScore };
  const months = await answerAggregatesByMonth(
    db,
    org.id,
    roundInstants(round),
    report.method.topTwoMinScore,
  );
  return {
    round: report.round,
    respondents: report.card.respondents,
    smallSample: report.card.smallSample,
    eit: report.card.eit,
    satisfaction: report.card.satisfaction,
    indicators: report.card.indicators.map((i) => ({ indicator: i.indicator, score: i.score })),
    previous: report.previous,
    lastYear: report.lastYear,
    trend: months.map((m) => {
      const card = scoreAggregates(m.aggregates, m.respondents, cfg);
      return {
        month: m.month,
        respondents: m.respondents,
        eit: card.eit,
        satisfactionMean: card.satisfaction?.mean ?? null,
        satisfactionTopTwoShare: card.satisfaction?.topTwoShare ?? null,
        smallSample: card.smallSample,
      };
    }),
    cases: {
      total: report.cases.total,
      onTimeShare: report.cases.onTimeShare,
      openByDivision: await openCasesByDivision(db, org.id, now),
    },
  };
}
