/** The `ita score` output as a Thai plain-text table (fixed-width columns, Thai counted by grapheme). */
import { itaRules } from '../text/th-ita-rules';
import { metrics } from '../text/th-metrics';
import type { ItaReport, Tool } from './ita';

const M = metrics;

/** Display width: Thai combining marks (above/below vowels, tone marks) take no column. */
export function displayWidth(s: string): number {
  return [...s].filter((ch) => !/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(ch)).length;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0
          ? c + ' '.repeat(widths[i]! - displayWidth(c))
          : ' '.repeat(widths[i]! - displayWidth(c)) + c,
      )
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f2 = (x: number) => x.toFixed(2);
const itemName = (item: string) =>
  item === 'overall'
    ? M.overall
    : item in M.tools
      ? M.tools[item as Tool]
      : `${item}. ${M.indicators[Number(item)] ?? ''}`;

export function formatItaText(rep: ItaReport): string {
  const out: string[] = [];
  const years = rep.years.map((y) => y.year);
  out.push(M.ita.title(years.join(', ')), '');
  if (rep.years.length) {
    const rows: string[][] = [];
    for (let i = 1; i <= 10; i++)
      if (rep.years.some((y) => y.indicators.some((x) => x.indicator === i)))
        rows.push([
          itemName(String(i)),
          ...rep.years.map((y) => {
            const s = y.indicators.find((x) => x.indicator === i);
            return s ? f2(s.score) : '-';
          }),
        ]);
    for (const t of ['iit', 'eit', 'oit'] as const)
      rows.push([
        itemName(t),
        ...rep.years.map((y) => {
          const s = y.tools.find((x) => x.tool === t)!;
          return `${f2(s.score)} ${s.grade}`;
        }),
      ]);
    rows.push([itemName('overall'), ...rep.years.map((y) => `${f2(y.overall)} ${y.grade}`)]);
    rows.push([
      M.ita.target,
      ...rep.years.map((y) => (y.meetsTarget ? `${M.ita.yes} (${y.gradeLabel})` : M.ita.no)),
    ]);
    out.push(table([M.ita.item, ...years], rows), '');
    for (const y of rep.years)
      if (y.cap) out.push(itaRules.capLine(y.year, y.cap.reason, y.uncappedGrade));
    for (const y of rep.years)
      out.push(
        `${y.year} ${M.ita.weak}: ` +
          (y.weakPoints.length
            ? y.weakPoints.map((w) => `${M.ita.indicator(w.indicator)} ${f2(w.score)}`).join(', ')
            : M.ita.none),
      );
  }
  for (const yoy of rep.yearOverYear) {
    out.push('', M.ita.yoy(yoy.from, yoy.to));
    out.push(
      table(
        [M.ita.item, yoy.from, yoy.to, M.ita.points, M.ita.percent, M.ita.trendCol],
        yoy.rows.map((r) => [
          itemName(r.item),
          f2(r.change.previous),
          f2(r.change.current),
          (r.change.points > 0 ? '+' : '') + f2(r.change.points),
          r.change.percent === null
            ? '-'
            : (r.change.percent > 0 ? '+' : '') + f2(r.change.percent) + '%',
          M.trend[r.change.trend],
        ]),
      ),
    );
  }
  for (const e of rep.errors) out.push('', M.ita.missing(e.year, e.error.indicators.join(', ')));
  return out.join('\n');
}
