/**
 * The satisfaction report as one A4 printable HTML page in Thai: the Sarabun font is
 * embedded from the npm package (nothing is fetched), charts are SVG drawn here on
 * the server, every figure comes from the SatisfactionReport object.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
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

/** A fragment of the page: text in it is escaped by `hono/html`; fragments nest as they are. */
export type Html = HtmlEscapedString;

/**
 * `html` for the report: nothing in it is asynchronous, so the fragment is there at once
 * and the renderer stays synchronous for its callers.
 */
function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new Error('report HTML must not contain a promise');
  return out;
}

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
): Html {
  const rowH = 26;
  const labelW = 230;
  const barW = 360;
  const height = items.length * rowH + 24;
  const bars = items.map((it, i) => {
    const y = i * rowH + 4;
    const w = Math.max(0, Math.min(100, it.value)) * (barW / 100);
    const fill = !target
      ? '#1a5e9a'
      : it.value >= 85
        ? '#2e7d32'
        : it.value >= 75
          ? '#f9a825'
          : '#c62828';
    return h`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12">${it.label}</text><rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="16" fill="${fill}"/><text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${f2(it.value)}</text>`;
  });
  const grid = (target ? [0, 25, 50, 75, 85, 100] : [0, 25, 50, 75, 100]).map((v) => {
    const x = labelW + v * (barW / 100);
    return h`<line x1="${x}" y1="0" x2="${x}" y2="${height - 20}" stroke="${v === 85 ? '#555' : '#ddd'}" stroke-dasharray="${v === 85 ? '4 3' : ''}"/><text x="${x}" y="${height - 6}" font-size="10" text-anchor="middle">${v}</text>`;
  });
  return h`<figure class="chart-box"><figcaption>${title}</figcaption><svg class="chart" role="img" aria-label="${title}" viewBox="0 0 ${labelW + barW + 60} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="Sarabun">${grid}${bars}</svg></figure>`;
}

/** Vertical bars 0–100 per month with the 85 target as a dashed line; no bar for a month without answers. */
export function monthChart(
  items: { label: string; value: number | null; n: number }[],
  title: string,
): Html {
  const colW = 100;
  const top = 16;
  const plotH = 160;
  const left = 34;
  const w = left + items.length * colW + 10;
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(100, v)) * plotH) / 100;
  const grid = [0, 50, 85, 100].map(
    (v) =>
      h`<line x1="${left}" y1="${y(v)}" x2="${w - 10}" y2="${y(v)}" stroke="${v === 85 ? '#555' : '#ddd'}" stroke-dasharray="${v === 85 ? '4 3' : ''}"/><text x="${left - 4}" y="${y(v) + 4}" font-size="10" text-anchor="end">${v}</text>`,
  );
  const cols = items.map((it, i) => {
    const x = left + i * colW + 14;
    const mid = x + (colW - 28) / 2;
    const bar =
      it.value === null
        ? ''
        : h`<rect x="${x}" y="${y(it.value).toFixed(1)}" width="${colW - 28}" height="${(top + plotH - y(it.value)).toFixed(1)}" fill="${it.value >= 85 ? '#2e7d32' : it.value >= 75 ? '#f9a825' : '#c62828'}"/><text x="${mid}" y="${(y(it.value) - 3).toFixed(1)}" font-size="11" text-anchor="middle">${f2(it.value)}</text>`;
    return h`${bar}<text x="${mid}" y="${top + plotH + 14}" font-size="11" text-anchor="middle">${it.label}</text><text x="${mid}" y="${top + plotH + 28}" font-size="10" text-anchor="middle" fill="#555">${n0(it.n)} ราย</text>`;
  });
  return h`<figure class="chart-box"><figcaption>${title}</figcaption><svg class="chart" role="img" aria-label="${title}" viewBox="0 0 ${w} ${top + plotH + 34}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="Sarabun">${grid}${cols}</svg></figure>`;
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
const EMBLEM = h`<svg class="logo" role="img" aria-label="${T.emblemAlt}" viewBox="0 0 100 100" xmlns="http://www.w3.org/2000/svg"><circle cx="50" cy="50" r="46" fill="none" stroke="#1a5e9a" stroke-width="4"/><circle cx="50" cy="50" r="38" fill="none" stroke="#1a5e9a" stroke-width="1.5"/><path d="M30 38h40a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H48l-10 9v-9h-8a6 6 0 0 1-6-6V44a6 6 0 0 1 6-6z" fill="#1a5e9a"/></svg>`;

/** What the renderer takes besides the figures: the organisation's logo (a data URL) or none. */
export interface RenderOptions {
  logoDataUrl?: string | undefined;
}

/** A table cell: text (escaped), a count (grouped) or a fragment. */
type Cell = string | number | Html;

const table = (head: string[], rows: Cell[][], cls = '') =>
  h`<table class="${cls}"><thead><tr>${head.map((x) => h`<th>${x}</th>`)}</tr></thead><tbody>${rows.map(
    (r) =>
      h`<tr>${r.map(
        (c, i) =>
          h`<td${i > 0 && /^[+-]?\d[\d.,]*%?$/.test(String(c)) ? h` class="num"` : ''}>${typeof c === 'number' ? n0(c) : c}</td>`,
      )}</tr>`,
  )}</tbody></table>`;

const pct = (n: number, total: number) => (total ? ((100 * n) / total).toFixed(2) : '0.00');
const indName = (i: string) =>
  i === 'satisfaction' ? T.satisfaction : `${i}. ${metrics.indicators[Number(i)] ?? ''}`;

/** Paper forms as their own share (issue 12); nothing when the round has none. */
function paperShare(r: SatisfactionReport, respondents: number): Html | '' {
  const p = r.method.paper;
  if (!p || (!p.counted && !p.pending)) return '';
  return h`<p class="paper-share">${T.paperShare(p.counted, pct(p.counted, respondents), p.pending)}</p>`;
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
  const small = (flag: boolean) => (flag ? h`<span class="warn">${T.smallMark}</span>` : '');
  const qText = (code: string) => r.questionTexts[code] ?? code;
  const srcName = (k: string) => T.sources[k] ?? T.sources.unknown!;
  const stateName = (k: string) => (caseWords.stateLabels as Record<string, string>)[k] ?? k;
  const catName = (k: string) => r.categoryNames[k] ?? (k || T.unspecified);
  const noData = h`<p>${T.noData}</p>`;

  const sections: Html[] = [];
  sections.push(h`<section class="cover">
  ${opts.logoDataUrl ? h`<img class="logo" src="${opts.logoDataUrl}" alt="${r.org.name}">` : EMBLEM}
  <p class="org">${r.org.name}</p>
  <h1>${T.title}</h1>
  <p class="round">${r.round.title}</p>
  <p>${T.period} ${r.round.span}</p>
  ${
    empty
      ? ''
      : h`<div class="kpis">
    <div><b>${f2(c.eit)}</b><span>${T.eit}</span></div>
    <div><b>${f2(c.satisfaction?.topTwoShare)}</b><span>${T.satisfactionShare}</span></div>
    <div><b>${n0(c.respondents)}</b><span>${T.respondents}</span></div>
  </div>`
  }
  <div class="summary${empty ? ' empty' : ''}">${coverSentences(r).map((x) => h`<p>${x}</p>`)}</div>
  <p class="meta">${T.generated} ${formatThaiDate(new Date(r.generatedAt))}${
    r.version ? h` · ${T.version(r.version)}` : ''
  }${
    r.publishedAt
      ? h` · ${T.published} ${formatThaiDate(new Date(r.publishedAt))}`
      : h` · ${T.draft}`
  }</p>
</section>`);
  // Sections 1–7 are about the answers: a round without any says so once, on the cover.
  const surveyStart = sections.length;

  sections.push(h`<section><h2>${T.s1}</h2>
<p>${T.methodSentence(
    c.respondents,
    r.method.sources.map((x) => srcName(x.key)),
  )}</p>
${table([T.respondents, T.target], [[String(c.respondents), r.method.targetSample === null ? T.noTarget : String(r.method.targetSample)]])}
<h3>${T.collectedHeading}</h3>
${
  r.method.sources.length
    ? [
        table(
          [T.sourceCol, T.count, T.percent],
          r.method.sources.map((x) => [srcName(x.key), x.n, pct(x.n, c.respondents)]),
          'sources',
        ),
        barChart(
          r.method.sources.map((x) => ({
            label: srcName(x.key),
            value: c.respondents ? (100 * x.n) / c.respondents : 0,
          })),
          T.charts.channels,
          false,
        ),
      ]
    : noData
}
${paperShare(r, c.respondents)}
<h3>${T.contactHeading}</h3>
${
  r.method.contact.length
    ? table(
        [T.contactCol, T.count, T.percent],
        r.method.contact.map((x) => [x.label, x.n, pct(x.n, c.respondents)]),
        'contact',
      )
    : noData
}
${c.smallSample ? h`<p class="warn">${T.smallSample(r.method.minSample)}</p>` : ''}
</section>`);

  const profileRows: Cell[][] = [
    ...r.profile.respondentTypes.map((x) => [
      T.respondentType,
      x.label,
      x.n,
      pct(x.n, c.respondents),
    ]),
    ...r.profile.answers.map((x) => [x.text, x.label, x.n, pct(x.n, c.respondents)]),
  ];
  sections.push(
    h`<section><h2>${T.s2}</h2>${profileRows.length ? table([T.question, '', T.count, T.percent], profileRows) : noData}</section>`,
  );

  const indItems = c.indicators.map((i) => ({ label: indName(i.indicator), value: i.score }));
  if (c.satisfaction) indItems.push({ label: T.satisfactionMean, value: c.satisfaction.mean });
  sections.push(h`<section><h2>${T.s3}</h2>
${indItems.length ? barChart(indItems, T.charts.indicators) : noData}
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
    ...c.indicators.map((i) => [indName(i.indicator), f2(i.score), i.n]),
    [h`<b>${T.eit}</b>`, h`<b>${f2(c.eit)}</b>`, ''],
    ...(c.satisfaction
      ? [
          [T.satisfactionMean, f2(c.satisfaction.mean), c.satisfaction.n],
          [T.satisfactionShare, f2(c.satisfaction.topTwoShare), c.satisfaction.n],
        ]
      : []),
  ],
)}
${table(
  [T.question, T.indicator, T.score, T.n],
  c.questions.map((q) => [
    h`${qText(q.questionCode)}${small(q.smallSample)}`,
    q.indicator === 'satisfaction' ? T.satisfaction : T.indicatorNo(q.indicator),
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
            h`${x.name || T.unspecified}${small(x.smallSample)}`,
            x.respondents,
            f2(x.mean),
            f2(x.topTwoShare),
          ]),
        )
      : noData;
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
  sections.push(h`<section><h2>${T.s4}</h2>
${groupChart(r.byService, T.charts.byService)}
${groupTable(T.service, r.byService)}
${groupChart(r.byDivision, T.charts.byDivision)}
${groupTable(T.division, r.byDivision)}
${[...r.byService, ...r.byDivision].some((x) => x.smallSample) ? h`<p class="warn">${T.smallMark} ${T.smallSample(r.method.minSample)}</p>` : ''}
</section>`);

  const cmpRows: Cell[][] = [];
  const cmpOf = (s: SatisfactionReport['previous'], name: string) => {
    if (!s) return;
    const d = (a: number | null | undefined, b: number | null | undefined) =>
      T.difference(a === null || a === undefined || b === null || b === undefined ? null : b - a);
    cmpRows.push([
      `${name} (${s.title})`,
      s.respondents,
      f2(s.eit),
      d(s.eit, c.eit),
      f2(s.satisfaction?.topTwoShare),
      d(s.satisfaction?.topTwoShare, c.satisfaction?.topTwoShare),
    ]);
  };
  cmpRows.push([
    `${T.current} (${r.round.title})`,
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
    T.difference(a === undefined || b === undefined ? null : b - a);
  const indCmp = earlier.length
    ? table(
        [
          T.indicator,
          T.current,
          ...earlier.flatMap((e) => [e === r.previous ? T.previous : T.lastYear, T.change]),
        ],
        c.indicators.map((i) => [
          indName(i.indicator),
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
    h`<section><h2>${T.s5}</h2>${table([T.round, T.respondents, 'EIT', T.change, T.satisfactionShare, T.change], cmpRows, 'compare')}${
      earlier.length ? indCmp : h`<p>${T.comparisonNone}</p>`
    }</section>`,
  );

  sections.push(
    h`<section><h2>${T.s6}</h2><p>${T.lowestNote}</p>${
      r.lowest.length
        ? table(
            [T.question, T.score, T.n],
            r.lowest.map((q) => [qText(q.questionCode), f2(q.score), q.n]),
          )
        : noData
    }</section>`,
  );

  sections.push(
    h`<section><h2>${T.s7}</h2>${
      r.comments.length
        ? [
            r.comments.map(
              (g) =>
                h`<h3>${g.label} (${g.comments.length})</h3><ul>${g.comments.map((x) => h`<li>${x}</li>`)}</ul>`,
            ),
            h`<p class="note">${T.redactedNote}</p>`,
          ]
        : h`<p>${T.noComments}</p>`
    }</section>`,
  );

  if (empty) sections.splice(surveyStart);

  const k = r.cases;
  const o = r.outcomes;
  if (!k.total) {
    sections.push(h`<section><h2>${T.s8}</h2><p>${T.outcomesNone}</p></section>`);
  }
  const outcomesTable = !o
    ? ''
    : h`<h3>${T.outcomesHeading}</h3>${
        o.total
          ? table(
              [T.outcome, T.count, T.percent],
              OUTCOMES.filter((x) => x !== 'open' || o.byOutcome.open).map((x) => [
                outcomeWords.kinds[x],
                o.byOutcome[x],
                pct(o.byOutcome[x], o.total),
              ]),
              'outcomes',
            )
          : h`<p>${T.outcomesNone}</p>`
      }`;
  if (k.total)
    sections.push(h`<section><h2>${T.s8}</h2>
<p>${T.casesTotal} <b>${n0(k.total)}</b></p>
<div class="cols">
${table(
  [T.byKind, T.count],
  k.byKind.map((x) => [T.kinds[x.kind] ?? x.kind, x.count]),
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
      T.acceptTime,
      T.duration(k.acceptHours.median),
      T.duration(k.acceptHours.p90),
      k.acceptHours.n,
    ],
    [
      T.finishTime,
      T.duration(k.finishHours.median),
      T.duration(k.finishHours.p90),
      k.finishHours.n,
    ],
  ],
)}
<p>${T.onTime} <b class="ontime">${f2(k.onTimeShare)}</b> (${T.onTimeHow(k.closedOnTime, k.closed, k.openOverdue)})</p>
${outcomesTable}
</section>`);

  // Recommendations as the organisation typed them: a blank line starts a paragraph, a newline breaks a line.
  sections.push(
    h`<section><h2>${T.s9}</h2>${
      r.recommendations.trim()
        ? r.recommendations
            .split(/\n{2,}/)
            .map((p) => h`<p>${p.split('\n').map((line, i) => (i ? h`<br>${line}` : line))}</p>`)
        : h`<p class="note">${T.noRecommendations}</p>`
    }</section>`,
  );

  // The signature block: names and positions from the organisation's settings, blank lines when unset.
  const sig = r.signatories ?? {};
  const signBox = (key: 'preparer' | 'permanentSecretary' | 'executive') => {
    const who = sig[key];
    return h`<div class="sign"><p>${T.sign.line}</p><p>${who?.name ? `(${who.name})` : T.sign.blankName}</p><p>${who?.position || T.sign.roles[key]!}</p><p class="note">${T.sign.date}</p></div>`;
  };
  sections.push(
    h`<section class="signatures"><h2>${T.s10}</h2><div class="signs">${signBox('preparer')}${signBox('permanentSecretary')}${signBox('executive')}</div></section>`,
  );

  // The font's CSS is built here from the npm package's files, not from anyone's text.
  return h`<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${T.titleFull(r.org.name, r.round.title)}</title>
<style>
${raw(sarabunFontCss())}
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
${sections.map((x, i) => (i ? h`\n${x}` : x))}
</body></html>`.toString();
}
