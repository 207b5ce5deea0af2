/**
 * Public transparency pages (OIT evidence for the ITA) under /public/:org/: the
 * published satisfaction reports, corruption-complaint statistics per fiscal year
 * (numbers by type only), service statistics per category and month, the service
 * standards, and the feedback and corruption channels. Every dataset has a stable
 * `.json` and `.csv` URL; `?embed=1` drops the navigation for an iframe on the
 * organisation's own website. Only published, aggregated, redacted data: nothing
 * here reads a case's text or a person.
 */
import { Hono, type Context } from 'hono';
import { casesByMonth, caseStatsSql } from '../../db/metrics';
import { categoryNames as categoryList } from '../../db/admin-categories';
import { listServices } from '../../db/admin-services';
import type { Db } from '../../db/types';
import { toCsv, type CsvValue } from '../../shared/metrics/csv';
import { html } from 'hono/html';
import { fiscalYearInstants, fiscalYearOf } from '../../shared/metrics/round';
import { redactForPublishing } from '../../shared/redact';
import { publishedFiscalYear, thaiMonthLong } from '../../shared/metrics/published-months';
import { metrics } from '../../shared/text/th-metrics';
import { pub } from '../../shared/text/th-public';
import type { AppDeps } from '../deps';
import type { OrgRow } from '../orgs';
import {
  frozenSatisfactionReport,
  publishedReports,
  type SatisfactionReport,
} from '../reports/satisfaction';
import { frozenTitle } from '../../shared/report-figures';
import {
  layout,
  loadPublicOrg,
  messagePage,
  publicOrg,
  unknownOrg,
  type Html,
  type PublicEnv,
} from './web';
import { orgSettings } from '../../shared/org-settings';
import { outcomeFigures } from '../../db/outcomes';
import { OUTCOMES, type OutcomeCounts } from '../../shared/outcomes/count';
import { outcomes } from '../../shared/text/th-outcomes';

const T = metrics.transparency;
const P = pub.corruptionStats;
const R = metrics.report;

interface Dataset {
  head: string[];
  rows: CsvValue[][];
  json: unknown;
}

/** `name`, `name.json` or `name.csv` → [name, format]. */
function splitFormat(p: string): [string, 'html' | 'json' | 'csv'] {
  const m = /^(.*)\.(json|csv)$/.exec(p);
  return m ? [m[1]!, m[2] as 'json' | 'csv'] : [p, 'html'];
}

function sendData(c: Context, name: string, format: 'json' | 'csv', d: Dataset) {
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cache-Control', 'public, max-age=300');
  if (format === 'json') return c.json(d.json);
  c.header('Content-Disposition', `inline; filename="${name}.csv"`);
  return c.body('\uFEFF' + toCsv(d.head, d.rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
  });
}

const CELL = 'border:1px solid #ccd;padding:4px 6px';

const table = (head: string[], rows: CsvValue[][]): Html =>
  html`<div style="overflow-x:auto">
    <table style="border-collapse:collapse;width:100%;background:#fff">
      <thead>
        <tr>
          ${head.map((h) => html`<th style="${CELL};text-align:left;background:#eef3f8">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              ${r.map((v) => html`<td style="${CELL}${typeof v === 'number' ? ';text-align:right' : ''}">${v ?? '-'}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;

async function page(c: Context, org: OrgRow, title: string, body: Html, downloads?: string) {
  const embed = c.req.query('embed') === '1';
  const base = `/public/${org.slug}`;
  const dl = downloads
    ? html`<p>
        ${T.download}: <a href="${downloads}.csv">CSV</a> · <a href="${downloads}.json">JSON</a>
      </p>`
    : '';
  const nav = embed ? '' : html`<p><a href="${base}/">${T.back}</a></p>`;
  return c.html(
    layout(c, {
      title,
      orgName: embed ? undefined : org.name,
      body: html`${nav}
        <h1>${title}</h1>
        ${body}${dl}`,
    }),
  );
}

/** The published reports as a list of links. */
const reportList = (base: string, reps: Awaited<ReturnType<typeof publishedReports>>): Html =>
  html`<ul>
    ${reps.map((r) => html`<li><a href="${base}/reports/${r.roundLabel}">${frozenTitle(r.figures, r.roundLabel)}</a></li>`)}
  </ul>`;

/**
 * Corruption complaints of a fiscal year by type, counted only up to the end of the last
 * month that has ended (Bangkok time): no live count of the current month (decision 022).
 */
async function corruptionDataset(db: Db, org: OrgRow, year: number, now: Date): Promise<Dataset> {
  const period = publishedFiscalYear(year, now);
  const s = await caseStatsSql(db, org.id, period, period.to, ['corruption']);
  const names = await categoryNames(db, org.id);
  const inProgress =
    s.total - s.closed - (s.byState.find((x) => x.stateType === 'rejected')?.count ?? 0);
  return {
    head: ['fiscal_year', 'category', 'category_name', 'count', 'data_through'],
    rows: s.byCategory.map((x) => [
      year,
      x.category,
      names[x.category] ?? x.category,
      x.count,
      period.through,
    ]),
    json: {
      fiscalYear: year,
      /** The last month counted ("YYYY-MM", Bangkok); null before the year's first month ends. */
      dataThrough: period.through,
      total: s.total,
      finished: s.closed,
      inProgress,
      byCategory: s.byCategory.map((x) => ({
        category: x.category,
        name: names[x.category] ?? x.category,
        count: x.count,
      })),
    },
  };
}

async function categoryNames(db: Db, orgId: string) {
  const rows = await categoryList(db, orgId);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

async function serviceStatsDataset(db: Db, org: OrgRow, year: number): Promise<Dataset> {
  const rows = await casesByMonth(db, org.id, fiscalYearInstants(year), [
    'service_request',
    'complaint',
    'question',
  ]);
  const names = await categoryNames(db, org.id);
  return {
    head: ['fiscal_year', 'month', 'category', 'category_name', 'received', 'finished'],
    rows: rows.map((r) => [
      year,
      r.month,
      r.category,
      names[r.category] ?? r.category,
      r.total,
      r.finished,
    ]),
    json: {
      fiscalYear: year,
      rows: rows.map((r) => ({
        month: r.month,
        category: r.category,
        name: names[r.category] ?? r.category,
        received: r.total,
        finished: r.finished,
      })),
    },
  };
}

/** Case outcomes of a fiscal year (decision 041), every case counted once; no case, no person. */
async function outcomesDataset(db: Db, org: OrgRow, year: number): Promise<Dataset> {
  const f = await outcomeFigures(db, org.id, fiscalYearInstants(year));
  return {
    head: ['fiscal_year', 'outcome', 'label', 'cases'],
    rows: OUTCOMES.map((o) => [year, o, outcomes.kinds[o], f.byOutcome[o]]),
    json: { fiscalYear: year, ...f, labels: outcomes.kinds },
  };
}

async function servicesDataset(db: Db, org: OrgRow): Promise<Dataset> {
  const rows = await listServices(db, org.id);
  return {
    head: ['code', 'name', 'steps', 'time_frame', 'documents', 'fees', 'channels'],
    rows: rows.map((s) => [
      s.code,
      s.name,
      s.steps.join(' / '),
      s.timeFrame,
      s.documents.join(' / '),
      s.fees,
      s.channels.join(' / '),
    ]),
    json: rows.map((s) => ({
      code: s.code,
      name: s.name,
      steps: s.steps,
      timeFrame: s.timeFrame,
      documents: s.documents,
      fees: s.fees,
      channels: s.channels,
    })),
  };
}

/** What of a published report the public sees: no per-division results (they feed staff pay). */
function publicReport(f: SatisfactionReport) {
  return {
    round: f.round,
    publishedAt: f.publishedAt,
    respondents: f.card.respondents,
    eit: f.card.eit,
    satisfaction: f.card.satisfaction,
    indicators: f.card.indicators.map((i) => ({
      indicator: i.indicator,
      score: i.score,
      answers: i.n,
    })),
    questions: f.card.questions.map((q) => ({
      code: q.questionCode,
      text: f.questionTexts[q.questionCode] ?? '',
      indicator: q.indicator,
      score: q.score,
      answers: q.n,
    })),
    byService: f.byService.map((s) => ({
      name: s.name,
      respondents: s.respondents,
      mean: s.mean,
      topTwoShare: s.topTwoShare,
    })),
    cases: {
      total: f.cases.total,
      onTimeShare: f.cases.onTimeShare,
      acceptHoursMedian: f.cases.acceptHours.median,
      finishHoursMedian: f.cases.finishHours.median,
    },
    comments: f.comments.map((g) => ({
      theme: g.label,
      comments: g.comments.map(redactForPublishing),
    })),
    recommendations: redactForPublishing(f.recommendations),
  };
}

/** The year asked for (`?year=2569`), else the current fiscal year (Buddhist era). */
function yearOf(deps: AppDeps, c: Context): number {
  const y = Number(c.req.query('year'));
  return Number.isInteger(y) && y >= 2500 && y <= 2700 ? y : fiscalYearOf(deps.clock());
}

/** The index: what is published, with links to the data. */
async function indexPage(c: Context<PublicEnv>) {
  const { org, db } = c.var;
  const base = `/public/${org.slug}`;
  const reps = await publishedReports(db, org.id);
  const link = (href: string, text: string, data = false) =>
    html`<li>
      <a href="${base}${href}">${text}</a
      >${data ? html` (<a href="${base}${href}.csv">CSV</a> · <a href="${base}${href}.json">JSON</a>)` : ''}
    </li>`;
  const body = html`<p>${T.intro}</p>
    <div class="card">
      <ul>
        ${link('/reports', T.reports, true)}${link('/stats/corruption', T.corruptionStats, true)}${link('/stats/services', T.serviceStats, true)}${link('/stats/outcomes', outcomes.publicPage.title, true)}${link('/services', T.serviceStandards, true)}${link('/channels', T.channels)}
      </ul>
    </div>
    ${
      reps.length
        ? html`<h2>${T.reports}</h2>
            ${reportList(base, reps)}`
        : ''
    }
    <p class="hint">${T.embedHint}</p>`;
  return c.html(
    layout(c, {
      title: T.title,
      orgName: org.name,
      body: html`<h1>${T.title}</h1>
        ${body}`,
    }),
  );
}

/** A published report (`/reports/2569-1`, `.pdf`, `.csv`, `.json`). */
async function reportFile(deps: AppDeps, c: Context<PublicEnv, '/reports/:file'>) {
  const { org, db } = c.var;
  const [label, format] = splitFormat(c.req.param('file'));
  const rep = (await publishedReports(db, org.id)).find((r) => r.roundLabel === label);
  const frozen = frozenSatisfactionReport(rep?.figures ?? null);
  if (!frozen) return messagePage(c, 404, T.notFound, T.notFound);
  const p = publicReport(frozen);
  const d: Dataset = {
    head: ['item', 'label', 'score', 'answers'],
    rows: [
      ['respondents', R.respondents, p.respondents, null],
      ['eit', R.eit, p.eit, null],
      ['satisfaction_mean', R.satisfactionMean, p.satisfaction?.mean, p.satisfaction?.n],
      [
        'satisfaction_top_two_share',
        R.satisfactionShare,
        p.satisfaction?.topTwoShare,
        p.satisfaction?.n,
      ],
      ...p.indicators.map((i) => [
        `indicator_${i.indicator}`,
        metrics.indicators[Number(i.indicator)] ?? i.indicator,
        i.score,
        i.answers,
      ]),
      ...p.questions.map((q) => [`question_${q.code}`, q.text, q.score, q.answers]),
      ['cases_on_time_share', R.onTime, p.cases.onTimeShare, p.cases.total],
    ],
    json: p,
  };
  if (format !== 'html') return sendData(c, `report-${label}`, format, d);
  const body = html`<p>${p.round.span}</p>
    ${table(
      [R.indicator, R.score, R.n],
      d.rows.map((r) => [r[1], r[2], r[3]]),
    )}${
      p.byService.length
        ? html`<h2>${R.s4}</h2>
            ${table(
              [R.service, R.respondents, R.satisfactionMean, R.satisfactionShare],
              p.byService.map((s) => [s.name, s.respondents, s.mean, s.topTwoShare]),
            )}`
        : ''
    }${
      p.comments.length
        ? html`<h2>${R.s7}</h2>
            ${p.comments.map(
              (g) =>
                html`<h3>${g.theme}</h3>
                  <ul>
                    ${g.comments.map((x) => html`<li>${x}</li>`)}
                  </ul>`,
            )}`
        : ''
    }${
      p.recommendations
        ? html`<h2>${R.s9}</h2>
            <p>${p.recommendations}</p>`
        : ''
    }`;
  return page(c, org, `${R.title} ${p.round.title}`, body, `/public/${org.slug}/reports/${label}`);
}

async function reportsData(c: Context<PublicEnv>, format: 'json' | 'csv') {
  const { org, db } = c.var;
  const reps = await publishedReports(db, org.id);
  const list = reps.map((r) => {
    const f = frozenSatisfactionReport(r.figures);
    return {
      round: r.roundLabel,
      title: frozenTitle(r.figures, r.roundLabel),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      respondents: f?.card?.respondents ?? null,
      eit: f?.card?.eit ?? null,
      satisfactionTopTwoShare: f?.card?.satisfaction?.topTwoShare ?? null,
      url: `/public/${org.slug}/reports/${r.roundLabel}`,
    };
  });
  return sendData(c, 'reports', format, {
    head: [
      'round',
      'title',
      'published_at',
      'respondents',
      'eit',
      'satisfaction_top_two_share',
      'url',
    ],
    rows: list.map((x) => [
      x.round,
      x.title,
      x.publishedAt,
      x.respondents,
      x.eit,
      x.satisfactionTopTwoShare,
      x.url,
    ]),
    json: list,
  });
}

async function reportsPage(c: Context<PublicEnv>) {
  const { org, db } = c.var;
  const reps = await publishedReports(db, org.id);
  const body = reps.length ? reportList(`/public/${org.slug}`, reps) : html`<p>${T.noReports}</p>`;
  return page(c, org, T.reports, body, `/public/${org.slug}/reports`);
}

/** `/stats/corruption`, `/stats/services`, `/stats/outcomes` as HTML, CSV or JSON. */
async function statsPage(deps: AppDeps, c: Context<PublicEnv, '/stats/:file'>) {
  const { org, db } = c.var;
  const [name, format] = splitFormat(c.req.param('file'));
  const year = yearOf(deps, c);
  if (name !== 'corruption' && name !== 'services' && name !== 'outcomes')
    return messagePage(c, 404, T.notFound, T.notFound);
  const d =
    name === 'corruption'
      ? await corruptionDataset(db, org, year, deps.clock())
      : name === 'outcomes'
        ? await outcomesDataset(db, org, year)
        : await serviceStatsDataset(db, org, year);
  if (format !== 'html') return sendData(c, `${name}-${year}`, format, d);
  const shown = [year - 2, year - 1, year, year + 1].filter((y) => y <= fiscalYearOf(deps.clock()));
  const years = html`<p>
    ${T.years}:
    ${shown.map(
      (y, i) =>
        html`${i ? ' · ' : ''}${y === year ? html`<b>${y}</b>` : html`<a href="?year=${y}">${y}</a>`}`,
    )}
  </p>`;
  let body: Html;
  if (name === 'corruption') {
    const j = d.json as {
      total: number;
      finished: number;
      inProgress: number;
      dataThrough: string | null;
    };
    body = html`<p>${T.corruptionNote}</p>
      <p>
        <b>${j.dataThrough ? P.dataThrough(thaiMonthLong(j.dataThrough)) : P.noMonthYet}</b>
        ${P.monthly}
      </p>
      ${table([T.total, T.finished, T.inProgress], [[j.total, j.finished, j.inProgress]])}${table(
        [T.category, T.total],
        d.rows.map((r) => [r[2], r[3]]),
      )}`;
  } else if (name === 'outcomes') {
    const j = d.json as OutcomeCounts;
    const K = outcomes.publicPage;
    body = html`<p>${K.intro}</p>
      ${table([K.outcome, K.cases], [...d.rows.map((r) => [r[2], r[3]]), [K.total, j.total]])}${table(
        [K.onTime, K.confirmedShare, K.meanRating],
        [
          [
            j.onTime,
            j.confirmedShare === null ? '-' : `${(j.confirmedShare * 100).toFixed(1)}%`,
            j.meanRating === null ? '-' : j.meanRating.toFixed(2),
          ],
        ],
      )}`;
  } else
    body = table(
      [T.month, T.category, T.received, T.finished],
      d.rows.map((r) => [r[1], r[3], r[4], r[5]]),
    );
  const title = `${name === 'corruption' ? T.corruptionStats : name === 'outcomes' ? outcomes.publicPage.title : T.serviceStats} ${T.fiscalYear(year)}`;
  return page(c, org, title, html`${years}${body}`, `/public/${org.slug}/stats/${name}`);
}

async function servicesData(c: Context<PublicEnv>, format: 'json' | 'csv') {
  const { org, db } = c.var;
  return sendData(c, 'services', format, await servicesDataset(db, org));
}

/** The public service manual. */
async function servicesPage(c: Context<PublicEnv>) {
  const { org, db } = c.var;
  const d = await servicesDataset(db, org);
  const list = d.json as {
    name: string;
    steps: string[];
    timeFrame: string;
    documents: string[];
    fees: string;
    channels: string[];
  }[];
  const body = list.length
    ? list.map(
        (s) =>
          html`<div class="card">
            <h2>${s.name}</h2>
            <dl>
              <dt>${T.steps}</dt>
              <dd>
                <ol>
                  ${s.steps.map((x) => html`<li>${x}</li>`)}
                </ol>
              </dd>
              <dt>${T.timeFrame}</dt>
              <dd>${s.timeFrame || '-'}</dd>
              <dt>${T.documents}</dt>
              <dd>${s.documents.join(', ') || '-'}</dd>
              <dt>${T.fees}</dt>
              <dd>${s.fees || '-'}</dd>
              <dt>${T.channelsCol}</dt>
              <dd>${s.channels.map((x) => R.channels[x] ?? x).join(', ') || '-'}</dd>
            </dl>
          </div>`,
      )
    : html`<p>${T.noServices}</p>`;
  return page(c, org, T.serviceStandards, html`${body}`, `/public/${org.slug}/services`);
}

/** The channels to reach the organisation. */
async function channelsPage(c: Context<PublicEnv>) {
  const { org } = c.var;
  const s = orgSettings(org.settings);
  const base = `/public/${org.slug}`;
  const row = (k: string, v?: string) =>
    v
      ? html`<dt>${k}</dt>
          <dd>${v}</dd>`
      : '';
  const body = html`<div class="card">
      <h2>${T.feedback}</h2>
      <p>${T.feedbackText}</p>
      <dl>
        ${
          s.lineBasicId
            ? html`<dt>${T.lineOa}</dt>
                <dd>
                  <a href="https://line.me/R/ti/p/${encodeURIComponent(s.lineBasicId)}"
                    >${s.lineBasicId}</a
                  >
                </dd>`
            : ''
        }${row(T.phone, s.contact?.phone)}${row(T.address, s.contact?.address)}${row(T.officeHours, s.contact?.officeHours)}${
          s.profile.website
            ? html`<dt>${T.website}</dt>
                <dd><a href="${s.profile.website}">${s.profile.website}</a></dd>`
            : ''
        }
      </dl>
    </div>
    <div class="card">
      <h2>${T.corruption}</h2>
      <p>${T.corruptionText}</p>
      <p><a href="${base}/corruption">${T.corruptionLink}</a></p>
      <p><a href="${base}/track">${T.trackLink}</a></p>
    </div>`;
  return page(c, org, T.channels, body);
}

export function transparencyRoutes(deps: AppDeps): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  const withOrg = publicOrg(deps);
  // `/public/:org/` (with the slash websites tend to link) is the index too.
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' && c.req.path === `/public/${c.req.param('org')}/`)
      return (await loadPublicOrg(c, deps)) ? indexPage(c) : unknownOrg(c);
    await next();
  });
  app.get('/', withOrg, indexPage);
  app.get('/reports/:file', withOrg, (c) => reportFile(deps, c));
  // Literal paths, not a regex parameter: other routers' patterns share the RegExpRouter.
  app.get('/reports.json', withOrg, (c) => reportsData(c, 'json'));
  app.get('/reports.csv', withOrg, (c) => reportsData(c, 'csv'));
  app.get('/reports', withOrg, reportsPage);
  app.get('/stats/:file', withOrg, (c) => statsPage(deps, c));
  app.get('/services.json', withOrg, (c) => servicesData(c, 'json'));
  app.get('/services.csv', withOrg, (c) => servicesData(c, 'csv'));
  app.get('/services', withOrg, servicesPage);
  app.get('/channels', withOrg, channelsPage);
  return app;
}
