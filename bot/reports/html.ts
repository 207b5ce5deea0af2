/**
 * The satisfaction report as one A4 printable HTML page in Thai: the Sarabun font is
 * embedded from the npm package (nothing is fetched), charts are SVG drawn here on
 * the server, every figure comes from the SatisfactionReport object.
 */
import { escapeHtml } from '../../shared/html';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatThaiDate, formatThaiMonth } from '../../shared/dates';
import { OUTCOMES } from '../../shared/outcomes/count';
import { outcomes as outcomeWords } from '../../shared/text/th-outcomes';
import { cases as caseWords } from '../../shared/text/th-cases';
import { metrics } from '../../shared/text/th-metrics';
import type { SatisfactionReport } from './satisfaction';

const T = metrics.report;

let fontCss: string | null = null;
/** @font-face rules with Sarabun 400 and 700 as data URLs (about 220 kB of base64). */
export function sarabunFontCss(): string {
  if (fontCss) return fontCss;
  const req = createRequire(import.meta.url);
  const face = (weight: number, file: string) => {
    const b64 = readFileSync(req.resolve(`@expo-google-fonts/sarabun/${file}`)).toString('base64');
    return `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${weight};src:url(data:font/ttf;base64,${b64}) format('truetype');}`;
  };
  fontCss =
    face(400, '400Regular/Sarabun_400Regular.ttf') + face(700, '700Bold/Sarabun_700Bold.ttf');
  return fontCss;
}

export const esc = escapeHtml;

/** A count with Thai digit grouping (1,234). */
export const n0 = (x: number) => x.toLocaleString('th-TH');

/** Two decimals, as every score in the report is shown. */
export const f2 = (x: number | null | undefined) =>
  x === null || x === undefined ? T.none : x.toFixed(2);

/** Horizontal bars 0–100 with the value at the end of each bar. */
export function barChart(
  items: { label: string; value: number }[],
  title: string,
  /** Colour by the 85 target and draw its line (scores); off for plain shares such as channels. */
  target = true,
): string {
  const rowH = 26;
  const labelW = 230;
  const barW = 360;
  const h = items.length * rowH + 24;
  const bars = items
    .map((it, i) => {
      const y = i * rowH + 4;
      const w = Math.max(0, Math.min(100, it.value)) * (barW / 100);
      return (
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12">${esc(it.label)}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="16" fill="${!target ? '#1a5e9a' : it.value >= 85 ? '#2e7d32' : it.value >= 75 ? '#f9a825' : '#c62828'}"/>` +
        `<text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${f2(it.value)}</text>`
      );
    })
    .join('');
  const grid = (target ? [0, 25, 50, 75, 85, 100] : [0, 25, 50, 75, 100])
    .map((v) => {
      const x = labelW + v * (barW / 100);
      return (
        `<line x1="${x}" y1="0" x2="${x}" y2="${h - 20}" stroke="${v === 85 ? '#555' : '#ddd'}" stroke-dasharray="${v === 85 ? '4 3' : ''}"/>` +
        `<text x="${x}" y="${h - 6}" font-size="10" text-anchor="middle">${v}</text>`
      );
    })
    .join('');
  return `<figure class="chart-box"><figcaption>${esc(title)}</figcaption><svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 60} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="Sarabun">${grid}${bars}</svg></figure>`;
}

/** Vertical bars 0–100 per month with the 85 target as a dashed line; no bar for a month without answers. */
export function monthChart(
  items: { label: string; value: number | null; n: number }[],
  title: string,
): string {
  const colW = 100;
  const top = 16;
  const plotH = 160;
  const left = 34;
  const w = left + items.length * colW + 10;
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(100, v)) * plotH) / 100;
  const grid = [0, 50, 85, 100]
    .map(
      (v) =>
        `<line x1="${left}" y1="${y(v)}" x2="${w - 10}" y2="${y(v)}" stroke="${v === 85 ? '#555' : '#ddd'}" stroke-dasharray="${v === 85 ? '4 3' : ''}"/>` +
        `<text x="${left - 4}" y="${y(v) + 4}" font-size="10" text-anchor="end">${v}</text>`,
    )
    .join('');
  const cols = items
    .map((it, i) => {
      const x = left + i * colW + 14;
      const bar =
        it.value === null
          ? ''
          : `<rect x="${x}" y="${y(it.value).toFixed(1)}" width="${colW - 28}" height="${(top + plotH - y(it.value)).toFixed(1)}" fill="${it.value >= 85 ? '#2e7d32' : it.value >= 75 ? '#f9a825' : '#c62828'}"/>` +
            `<text x="${x + (colW - 28) / 2}" y="${(y(it.value) - 3).toFixed(1)}" font-size="11" text-anchor="middle">${f2(it.value)}</text>`;
      return (
        bar +
        `<text x="${x + (colW - 28) / 2}" y="${top + plotH + 14}" font-size="11" text-anchor="middle">${esc(it.label)}</text>` +
        `<text x="${x + (colW - 28) / 2}" y="${top + plotH + 28}" font-size="10" text-anchor="middle" fill="#555">${n0(it.n)} ราย</text>`
      );
    })
    .join('');
  return `<figure class="chart-box"><figcaption>${esc(title)}</figcaption><svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${top + plotH + 34}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="Sarabun">${grid}${cols}</svg></figure>`;
}

/** The six months of a round (YYYY-MM), from its first day. */
function roundMonths(startsOn: string): string[] {
  const [y, m] = startsOn.split('-').map(Number) as [number, number];
  return Array.from({ length: 6 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** A neutral emblem for an organisation without a logo: a ring with a speech mark. */
const EMBLEM = `<svg class="logo" role="img" aria-label="${T.emblemAlt}" viewBox="0 0 100 100" xmlns="http://www.w3.org/2000/svg"><circle cx="50" cy="50" r="46" fill="none" stroke="#1a5e9a" stroke-width="4"/><circle cx="50" cy="50" r="38" fill="none" stroke="#1a5e9a" stroke-width="1.5"/><path d="M30 38h40a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H48l-10 9v-9h-8a6 6 0 0 1-6-6V44a6 6 0 0 1 6-6z" fill="#1a5e9a"/></svg>`;

/** What the renderer takes besides the figures: the organisation's logo (a data URL) or none. */
export interface RenderOptions {
  logoDataUrl?: string | undefined;
}

const table = (head: string[], rows: (string | number)[][], cls = '') =>
  `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${i > 0 && /^[+-]?\d[\d.,]*%?$/.test(String(c)) ? ' class="num"' : ''}>${typeof c === 'number' ? n0(c) : c}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;

const pct = (n: number, total: number) => (total ? ((100 * n) / total).toFixed(2) : '0.00');
const indName = (i: string) =>
  i === 'satisfaction' ? T.satisfaction : `${i}. ${metrics.indicators[Number(i)] ?? ''}`;

/** Paper forms as their own share (issue 12); nothing when the round has none. */
function paperShare(r: SatisfactionReport, respondents: number): string {
  const p = r.method.paper;
  if (!p || (!p.counted && !p.pending)) return '';
  return `<p class="paper-share">${esc(T.paperShare(p.counted, pct(p.counted, respondents), p.pending))}</p>`;
}

/** The cover's summary: three whole sentences, or the one sentence of a round without answers. */
export function coverSentences(r: SatisfactionReport): string[] {
  const c = r.card;
  if (!c.respondents) return [T.cover.empty(r.round.title)];
  const met = c.indicators.filter((i) => i.score >= 85).length;
  const share = c.satisfaction?.topTwoShare ?? null;
  const prev = r.previous?.satisfaction?.topTwoShare;
  return [
    T.cover.respondents(c.respondents, r.method.sources.length),
    `${T.cover.satisfied(share)} ${T.cover.change(share === null || prev === undefined || prev === null ? null : share - prev)}`,
    T.cover.target(met, c.indicators.length, c.eit),
  ];
}

export function renderReportHtml(r: SatisfactionReport, opts: RenderOptions = {}): string {
  const c = r.card;
  const empty = !c.respondents;
  const small = (flag: boolean) => (flag ? `<span class="warn">${T.smallMark}</span>` : '');
  const qText = (code: string) => esc(r.questionTexts[code] ?? code);
  const srcName = (k: string) => T.sources[k] ?? T.sources.unknown!;
  const stateName = (k: string) => esc((caseWords.stateLabels as Record<string, string>)[k] ?? k);
  const catName = (k: string) => esc(r.categoryNames[k] ?? (k || T.unspecified));

  const sections: string[] = [];
  sections.push(`<section class="cover">
  ${opts.logoDataUrl ? `<img class="logo" src="${esc(opts.logoDataUrl)}" alt="${esc(r.org.name)}">` : EMBLEM}
  <p class="org">${esc(r.org.name)}</p>
  <h1>${esc(T.title)}</h1>
  <p class="round">${esc(r.round.title)}</p>
  <p>${esc(T.period)} ${esc(r.round.span)}</p>
  ${
    empty
      ? ''
      : `<div class="kpis">
    <div><b>${f2(c.eit)}</b><span>${esc(T.eit)}</span></div>
    <div><b>${f2(c.satisfaction?.topTwoShare)}</b><span>${esc(T.satisfactionShare)}</span></div>
    <div><b>${n0(c.respondents)}</b><span>${esc(T.respondents)}</span></div>
  </div>`
  }
  <div class="summary${empty ? ' empty' : ''}">${coverSentences(r)
    .map((x) => `<p>${esc(x)}</p>`)
    .join('')}</div>
  <p class="meta">${esc(T.generated)} ${esc(formatThaiDate(new Date(r.generatedAt)))}${
    r.version ? ` · ${esc(T.version(r.version))}` : ''
  }${
    r.publishedAt
      ? ` · ${esc(T.published)} ${esc(formatThaiDate(new Date(r.publishedAt)))}`
      : ` · ${esc(T.draft)}`
  }</p>
</section>`);
  // Sections 1–7 are about the answers: a round without any says so once, on the cover.
  const surveyStart = sections.length;

  sections.push(`<section><h2>${esc(T.s1)}</h2>
<p>${esc(
    T.methodSentence(
      c.respondents,
      r.method.sources.map((x) => srcName(x.key)),
    ),
  )}</p>
${table([T.respondents, T.target], [[String(c.respondents), r.method.targetSample === null ? esc(T.noTarget) : String(r.method.targetSample)]])}
<h3>${esc(T.collectedHeading)}</h3>
${
  r.method.sources.length
    ? table(
        [T.sourceCol, T.count, T.percent],
        r.method.sources.map((x) => [esc(srcName(x.key)), x.n, pct(x.n, c.respondents)]),
        'sources',
      ) +
      barChart(
        r.method.sources.map((x) => ({
          label: srcName(x.key),
          value: c.respondents ? (100 * x.n) / c.respondents : 0,
        })),
        T.charts.channels,
        false,
      )
    : `<p>${esc(T.noData)}</p>`
}
${paperShare(r, c.respondents)}
<h3>${esc(T.contactHeading)}</h3>
${
  r.method.contact.length
    ? table(
        [T.contactCol, T.count, T.percent],
        r.method.contact.map((x) => [esc(x.label), x.n, pct(x.n, c.respondents)]),
        'contact',
      )
    : `<p>${esc(T.noData)}</p>`
}
${c.smallSample ? `<p class="warn">${esc(T.smallSample(r.method.minSample))}</p>` : ''}
</section>`);

  const profileRows: (string | number)[][] = [
    ...r.profile.respondentTypes.map((x) => [
      esc(T.respondentType),
      esc(x.label),
      x.n,
      pct(x.n, c.respondents),
    ]),
    ...r.profile.answers.map((x) => [esc(x.text), esc(x.label), x.n, pct(x.n, c.respondents)]),
  ];
  sections.push(
    `<section><h2>${esc(T.s2)}</h2>${profileRows.length ? table([T.question, '', T.count, T.percent], profileRows) : `<p>${esc(T.noData)}</p>`}</section>`,
  );

  const indItems = c.indicators.map((i) => ({ label: indName(i.indicator), value: i.score }));
  if (c.satisfaction) indItems.push({ label: T.satisfactionMean, value: c.satisfaction.mean });
  sections.push(`<section><h2>${esc(T.s3)}</h2>
${indItems.length ? barChart(indItems, T.charts.indicators) : `<p>${esc(T.noData)}</p>`}
${
  r.monthly?.length
    ? monthChart(
        roundMonths(r.round.startsOn).map((month) => {
          const m = r.monthly!.find((x) => x.month === month);
          return {
            label: formatThaiMonth(month),
            value: m?.topTwoShare ?? null,
            n: m?.respondents ?? 0,
          };
        }),
        T.charts.trend,
      )
    : ''
}
${table(
  [T.indicator, T.score, T.n],
  [
    ...c.indicators.map((i) => [esc(indName(i.indicator)), f2(i.score), i.n]),
    [`<b>${esc(T.eit)}</b>`, `<b>${f2(c.eit)}</b>`, ''],
    ...(c.satisfaction
      ? [
          [esc(T.satisfactionMean), f2(c.satisfaction.mean), c.satisfaction.n],
          [esc(T.satisfactionShare), f2(c.satisfaction.topTwoShare), c.satisfaction.n],
        ]
      : []),
  ],
)}
${table(
  [T.question, T.indicator, T.score, T.n],
  c.questions.map((q) => [
    `${qText(q.questionCode)}${small(q.smallSample)}`,
    esc(q.indicator === 'satisfaction' ? T.satisfaction : T.indicatorNo(q.indicator)),
    f2(q.score),
    q.n,
  ]),
  'questions',
)}
</section>`);

  const groupTable = (head: string, rows: SatisfactionReport['byService']) =>
    rows.length
      ? table(
          [head, T.respondents, T.satisfactionMean, T.satisfactionShare],
          rows.map((x) => [
            `${esc(x.name || T.unspecified)}${small(x.smallSample)}`,
            x.respondents,
            f2(x.mean),
            f2(x.topTwoShare),
          ]),
        )
      : `<p>${esc(T.noData)}</p>`;
  const groupChart = (rows: SatisfactionReport['byService'], title: string) =>
    rows.length
      ? barChart(
          rows.map((x) => ({
            label: `${x.name || T.unspecified}${x.smallSample ? T.smallMark : ''}`,
            value: x.topTwoShare,
          })),
          title,
        )
      : '';
  sections.push(`<section><h2>${esc(T.s4)}</h2>
${groupChart(r.byService, T.charts.byService)}
${groupTable(T.service, r.byService)}
${groupChart(r.byDivision, T.charts.byDivision)}
${groupTable(T.division, r.byDivision)}
${[...r.byService, ...r.byDivision].some((x) => x.smallSample) ? `<p class="warn">${T.smallMark} ${esc(T.smallSample(r.method.minSample))}</p>` : ''}
</section>`);

  const cmpRows: (string | number)[][] = [];
  const cmpOf = (s: SatisfactionReport['previous'], name: string) => {
    if (!s) return;
    const d = (a: number | null | undefined, b: number | null | undefined) =>
      esc(
        T.difference(a === null || a === undefined || b === null || b === undefined ? null : b - a),
      );
    cmpRows.push([
      `${esc(name)} (${esc(s.title)})`,
      s.respondents,
      f2(s.eit),
      d(s.eit, c.eit),
      f2(s.satisfaction?.topTwoShare),
      d(s.satisfaction?.topTwoShare, c.satisfaction?.topTwoShare),
    ]);
  };
  cmpRows.push([
    `${esc(T.current)} (${esc(r.round.title)})`,
    c.respondents,
    f2(c.eit),
    '',
    f2(c.satisfaction?.topTwoShare),
    '',
  ]);
  cmpOf(r.previous, T.previous);
  cmpOf(r.lastYear, T.lastYear);
  // Indicator by indicator: this round, then each earlier round with the difference in words.
  const earlier = [r.previous, r.lastYear].filter((x): x is NonNullable<typeof x> => !!x);
  const diffWords = (a: number | undefined, b: number | undefined) =>
    esc(T.difference(a === undefined || b === undefined ? null : b - a));
  const indCmp = earlier.length
    ? table(
        [
          T.indicator,
          T.current,
          ...earlier.flatMap((e) => [e === r.previous ? T.previous : T.lastYear, T.change]),
        ],
        c.indicators.map((i) => [
          esc(indName(i.indicator)),
          f2(i.score),
          ...earlier.flatMap((e) => {
            const was = e.indicators.find((x) => x.indicator === i.indicator)?.score;
            return [f2(was), diffWords(was, i.score)];
          }),
        ]),
        'compare-indicators',
      )
    : '';
  sections.push(
    `<section><h2>${esc(T.s5)}</h2>${table([T.round, T.respondents, 'EIT', T.change, T.satisfactionShare, T.change], cmpRows, 'compare')}${
      earlier.length ? indCmp : `<p>${esc(T.comparisonNone)}</p>`
    }</section>`,
  );

  sections.push(
    `<section><h2>${esc(T.s6)}</h2><p>${esc(T.lowestNote)}</p>${
      r.lowest.length
        ? table(
            [T.question, T.score, T.n],
            r.lowest.map((q) => [qText(q.questionCode), f2(q.score), q.n]),
          )
        : `<p>${esc(T.noData)}</p>`
    }</section>`,
  );

  sections.push(
    `<section><h2>${esc(T.s7)}</h2>${
      r.comments.length
        ? r.comments
            .map(
              (g) =>
                `<h3>${esc(g.label)} (${g.comments.length})</h3><ul>${g.comments.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
            )
            .join('') + `<p class="note">${esc(T.redactedNote)}</p>`
        : `<p>${esc(T.noComments)}</p>`
    }</section>`,
  );

  if (empty) sections.splice(surveyStart);

  const k = r.cases;
  const o = r.outcomes;
  if (!k.total) {
    sections.push(`<section><h2>${esc(T.s8)}</h2><p>${esc(T.outcomesNone)}</p></section>`);
  }
  const outcomesTable = !o
    ? ''
    : `<h3>${esc(T.outcomesHeading)}</h3>${
        o.total
          ? table(
              [T.outcome, T.count, T.percent],
              OUTCOMES.filter((x) => x !== 'open' || o.byOutcome.open).map((x) => [
                esc(outcomeWords.kinds[x]),
                o.byOutcome[x],
                pct(o.byOutcome[x], o.total),
              ]),
              'outcomes',
            )
          : `<p>${esc(T.outcomesNone)}</p>`
      }`;
  if (k.total)
    sections.push(`<section><h2>${esc(T.s8)}</h2>
<p>${esc(T.casesTotal)} <b>${n0(k.total)}</b></p>
<div class="cols">
${table(
  [T.byKind, T.count],
  k.byKind.map((x) => [esc(T.kinds[x.kind] ?? x.kind), x.count]),
)}
${table(
  [T.byState, T.count],
  k.byState.map((x) => [stateName(x.stateType), x.count]),
)}
</div>
${table(
  [T.byCategory, T.count],
  k.byCategory.map((x) => [catName(x.category), x.count]),
)}
${table(
  ['', T.median, T.p90, T.n],
  [
    [
      esc(T.acceptTime),
      esc(T.duration(k.acceptHours.median)),
      esc(T.duration(k.acceptHours.p90)),
      k.acceptHours.n,
    ],
    [
      esc(T.finishTime),
      esc(T.duration(k.finishHours.median)),
      esc(T.duration(k.finishHours.p90)),
      k.finishHours.n,
    ],
  ],
)}
<p>${esc(T.onTime)} <b class="ontime">${f2(k.onTimeShare)}</b> (${esc(T.onTimeHow(k.closedOnTime, k.closed, k.openOverdue))})</p>
${outcomesTable}
</section>`);

  sections.push(
    `<section><h2>${esc(T.s9)}</h2>${
      r.recommendations.trim()
        ? r.recommendations
            .split(/\n{2,}/)
            .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
            .join('')
        : `<p class="note">${esc(T.noRecommendations)}</p>`
    }</section>`,
  );

  // The signature block: names and positions from the organisation's settings, blank lines when unset.
  const sig = r.signatories ?? {};
  const signBox = (key: 'preparer' | 'permanentSecretary' | 'executive') => {
    const who = sig[key];
    return `<div class="sign"><p>${esc(T.sign.line)}</p><p>${who?.name ? `(${esc(who.name)})` : esc(T.sign.blankName)}</p><p>${esc(who?.position || T.sign.roles[key]!)}</p><p class="note">${esc(T.sign.date)}</p></div>`;
  };
  sections.push(
    `<section class="signatures"><h2>${esc(T.s10)}</h2><div class="signs">${signBox('preparer')}${signBox('permanentSecretary')}${signBox('executive')}</div></section>`,
  );

  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(T.titleFull(r.org.name, r.round.title))}</title>
<style>
${sarabunFontCss()}
@page{size:A4;margin:18mm 16mm}
*{box-sizing:border-box}
body{font-family:'Sarabun',sans-serif;font-size:14px;line-height:1.5;color:#111;max-width:210mm;margin:0 auto;padding:8px}
h1{font-size:26px;margin:8px 0}h2{padding-top:6px;font-size:18px;border-bottom:2px solid #1a5e9a;padding-bottom:2px;margin-top:18px;break-after:avoid}h3{font-size:15px;margin:8px 0 2px;padding-top:4px}
.cover{text-align:center;break-after:page;padding-top:40mm}.cover .org{font-size:20px;font-weight:700}.cover .round{font-size:20px}
.kpis{display:flex;gap:12px;justify-content:center;margin:24px 0}.kpis div{border:1px solid #1a5e9a;border-radius:6px;padding:10px 14px;width:52mm}.kpis b{display:block;font-size:28px;color:#1a5e9a}.kpis span{font-size:12px}
table{border-collapse:collapse;width:100%;margin:8px 0;break-inside:auto}tr{break-inside:avoid}th,td{border:1px solid #999;padding:3px 6px;vertical-align:top}th{background:#e8f0f8;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:flex;gap:12px}.cols table{width:50%}
.warn{color:#b71c1c}.note,.meta{color:#555;font-size:12px}
.chart{max-width:100%;height:auto}
.chart-box{margin:8px 0;padding-top:6px;break-inside:avoid}.chart-box figcaption{font-weight:700;font-size:13px}
.cover .logo{width:32mm;height:32mm;object-fit:contain;display:block;margin:0 auto 8px}
.summary{text-align:left;margin:16px auto;max-width:150mm;font-size:15px}.summary p{margin:4px 0}.summary.empty{text-align:center;font-weight:700}
.signatures{break-inside:avoid}.signs{display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between;margin-top:18px}.sign{width:31%;text-align:center;break-inside:avoid}.sign p{margin:2px 0}
section{margin-bottom:8px}
</style></head>
<body>
${sections.join('\n')}
</body></html>`;
}
