/** The official ITA scores an organisation received (ita_scores), per year (พ.ศ.) and indicator. */
import { eq, sql } from 'drizzle-orm';
import { itaScores } from './schema';
import type { Queryable } from './types';

/** Upserts every (year, indicator) score given; returns how many were written. */
export async function saveItaScores(
  db: Queryable,
  orgId: string,
  years: Record<string, Record<string, number>>,
): Promise<number> {
  const values = Object.entries(years).flatMap(([year, scores]) =>
    Object.entries(scores).map(([ind, score]) => ({
      orgId,
      year: Number(year),
      indicator: Number(ind),
      score,
    })),
  );
  if (!values.length) return 0;
  await db
    .insert(itaScores)
    .values(values)
    .onConflictDoUpdate({
      target: [itaScores.orgId, itaScores.year, itaScores.indicator],
      set: { score: sql`excluded.score` },
    });
  return values.length;
}

/** `{ "2567": { "1": 99.07, … } }` as stored. */
export async function loadItaScores(
  db: Queryable,
  orgId: string,
): Promise<Record<string, Record<string, number>>> {
  const rows = await db
    .select({ year: itaScores.year, indicator: itaScores.indicator, score: itaScores.score })
    .from(itaScores)
    .where(eq(itaScores.orgId, orgId));
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[String(r.year)] ??= {})[String(r.indicator)] = r.score;
  return out;
}
