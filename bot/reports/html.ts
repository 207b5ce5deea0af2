/**
 * The satisfaction report as one A4 printable HTML page in Thai: the Sarabun font is
 * embedded from the npm package (nothing is fetched), charts are SVG drawn here on
 * the server, every figure comes from the SatisfactionReport object.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatThaiDate } from '../../shared/dates';
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

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A count with Thai digit grouping (1,234). */
export const n0 = (x: number) => x.toLocaleString('th-TH');

/** Two decimals, as every score in the report is shown. */
export const f2 = (x: number | null | undefined) =>
  x === null || x === undefined ? T.none : x.toFixed(2);

/** Horizontal bars 0–100 with the value at the end of each bar. */
export function barChart(items: { label: string; value: number }[], title: string): string {
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
        `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="16" fill="${it.value >= 85 ? '#2e7d32' : it.value >= 75 ? '#f9a825' : '#c62828'}"/>` +
        `<text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${f2(it.value)}</text>`
      );
    })
    .join('');
  const grid = [0, 25, 50, 75, 85, 100]
    .map((v) => {
      const x = labelW + v * (barW / 100);
      return (
        `<line x1="${x}" y1="0" x2="${x}" y2="${h - 20}" stroke="${v === 85 ? '#555' : '#ddd'}" stroke-dasharray="${v === 85 ? '4 3' : ''}"/>` +
        `<text x="${x}" y="${h - 6}" font-size="10" text-anchor="middle">${v}</text>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 60} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="Sarabun">${grid}${bars}</svg>`;
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

export function renderReportHtml(r: SatisfactionReport): string {
  const c = r.card;
  const small = (flag: boolean) => (flag ? `<span class="warn">${T.smallMark}</span>` : '');
  const qText = (code: string) => esc(r.questionTexts[code] ?? code);
  const srcName = (k: string) => T.sources[k] ?? T.sources.unknown!;
  const stateName = (k: string) => esc((caseWords.stateLabels as Record<string, string>)[k] ?? k);
  const catName = (k: string) => esc(r.categoryNames[k] ?? (k || T.unspecified));

  const sections: string[] = [];
  sections.push(`<section class="cover">
  <p class="org">${esc(r.org.name)}</p>
  <h1>${esc(T.title)}</h1>
  <p class="round">${esc(r.round.title)}</p>
  <p>${esc(T.period)} ${esc(r.round.span)}</p>
  <div class="kpis">
    <div><b>${f2(c.eit)}</b><span>${esc(T.eit)}</span></div>
    <div><b>${f2(c.satisfaction?.topTwoShare)}</b><span>${esc(T.satisfactionShare)}</span></div>
    <div><b>${n0(c.respondents)}</b><span>${esc(T.respondents)}</span></div>
  </div>
  <p class="meta">${esc(T.generated)} ${esc(formatThaiDate(new Date(r.generatedAt)))}${
    r.publishedAt
      ? ` · ${esc(T.published)} ${esc(formatThaiDate(new Date(r.publishedAt)))}`
      : ` · ${esc(T.draft)}`
  }</p>
</section>`);

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
${indItems.length ? barChart(indItems, T.chartAlt) : `<p>${esc(T.noData)}</p>`}
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
  sections.push(`<section><h2>${esc(T.s4)}</h2>
${groupTable(T.service, r.byService)}
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
  sections.push(
    `<section><h2>${esc(T.s5)}</h2>${table([T.round, T.respondents, 'EIT', T.change, T.satisfactionShare, T.change], cmpRows)}</section>`,
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

  const k = r.cases;
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

  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(T.titleFull(r.org.name, r.round.title))}</title>
<style>
${sarabunFontCss()}
@page{size:A4;margin:18mm 16mm}
*{box-sizing:border-box}
body{font-family:'Sarabun',sans-serif;font-size:14px;line-height:1.5;color:#111;max-width:210mm;margin:0 auto;padding:8px}
h1{font-size:26px;margin:8px 0}h2{font-size:18px;border-bottom:2px solid #1a5e9a;padding-bottom:2px;margin-top:18px;break-after:avoid}h3{font-size:15px;margin:8px 0 2px}
.cover{text-align:center;break-after:page;padding-top:40mm}.cover .org{font-size:20px;font-weight:700}.cover .round{font-size:20px}
.kpis{display:flex;gap:12px;justify-content:center;margin:24px 0}.kpis div{border:1px solid #1a5e9a;border-radius:6px;padding:10px 14px;width:52mm}.kpis b{display:block;font-size:28px;color:#1a5e9a}.kpis span{font-size:12px}
table{border-collapse:collapse;width:100%;margin:8px 0;break-inside:auto}tr{break-inside:avoid}th,td{border:1px solid #999;padding:3px 6px;vertical-align:top}th{background:#e8f0f8;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:flex;gap:12px}.cols table{width:50%}
.warn{color:#b71c1c}.note,.meta{color:#555;font-size:12px}
.chart{max-width:100%;height:auto}
section{margin-bottom:8px}
</style></head>
<body>
${sections.join('\n')}
</body></html>`;
}
