/**
 * `/api/reports/:org/*`: the console's "ออกรายงาน" page (issue 15, decision 025). Admins and
 * executives only (same LIFF sign-in as the staff console). The draft is computed on each
 * request; a published version is read from its frozen figures and never changes. PDF, XLSX and
 * CSV files are kept in a file store (DATA_DIR/reports on Node) under a key made of the round,
 * the version and a digest of the figures, recommendations and logo, so a click serves the
 * stored file and any change to those makes a new one (decision 026).
 *
 * Node only: the HTML embeds the Thai font read from disk and the PDF needs Chromium.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { findOrgById } from '../../db/orgs';
import { orgSettings } from '../../shared/org-settings';
import {
  describeRound,
  parseRound,
  previousRound,
  roundInstants,
  roundOf,
} from '../../shared/metrics/round';
import { metrics } from '../../shared/text/th-metrics';
import { reportConsole as R } from '../../shared/text/th-report-console';
import type { AppDeps } from '../deps';
import { actorByLineUser } from '../../db/staff';
import { verifier, type StaffEnv } from '../staff/api/context';
import type { PhotoStore } from '../storage/photos';
import { reportCsv, reportXlsx } from './export';
import { renderReportHtml } from './html';
import { htmlToPdf } from './pdf';
import {
  buildSatisfactionReport,
  frozenSatisfactionReport,
  publishReport,
  reportVersions,
  saveRecommendations,
  type SatisfactionReport,
} from './satisfaction';

/** The staff API's sign-in variables: the organisation and who asks. */
export type ReportEnv = StaffEnv;

/** Who may make, publish and download the report. */
export const REPORT_ROLES = ['admin', 'executive'] as const;
/** Past rounds listed besides the current one. */
const PAST_ROUNDS = 5;

const FILES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
type FileKind = keyof typeof FILES;

const recommendationsBody = z.object({ text: z.string().max(20_000, R.api.tooLong) });

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function reportRoutes(deps: AppDeps, files: PhotoStore): Hono<ReportEnv> {
  const app = new Hono<ReportEnv>();
  const verify = verifier(deps);

  app.use('/:org/*', async (c, next) => {
    const channel = await deps.orgs.bySlug(c.req.param('org')!);
    if (!channel) throw new HTTPException(404, { message: R.api.noVersion });
    const sub = await verify(channel, c.req.header('authorization'));
    const actor = await actorByLineUser(deps.db, channel.org.id, sub);
    if (!actor || !actor.roles.some((r) => (REPORT_ROLES as readonly string[]).includes(r.role)))
      throw new HTTPException(403, { message: R.api.forbidden });
    c.set('channel', channel);
    c.set('actor', actor);
    c.header('Cache-Control', 'no-store');
    await next();
  });

  /** The current round first, then the past ones, each with its published versions. */
  app.get('/:org/rounds', async (c) => {
    const org = c.get('channel').org;
    const current = roundOf(deps.clock());
    const list = [current];
    for (let i = 0; i < PAST_ROUNDS; i++) list.push(previousRound(list.at(-1)!));
    return c.json({
      current: current.label,
      rounds: await Promise.all(
        list.map(async (r) => ({
          label: r.label,
          title: describeRound(r).label,
          span: describeRound(r).span,
          started: roundInstants(r).from <= deps.clock(),
          current: r.label === current.label,
          versions: (await reportVersions(deps.db, org.id, r.label)).map((v) => ({
            version: v.version,
            publishedAt: v.publishedAt?.toISOString() ?? null,
          })),
        })),
      ),
    });
  });

  /** The report to show or download: a published version's frozen figures, or the draft. */
  async function reportOf(
    c: Context<ReportEnv>,
  ): Promise<{ report: SatisfactionReport; logo: string | undefined } | Response> {
    const org = c.get('channel').org;
    const label = c.req.param('round')!;
    const round = parseRound(label);
    if (!round) throw new HTTPException(400, { message: R.api.badRound });
    const now = deps.clock();
    if (roundInstants(round).from > now) {
      const current = roundOf(now);
      return c.json(
        {
          error: {
            code: 'round_not_started',
            message: metrics.report.notStarted(
              describeRound(round).label,
              describeRound(current).label,
            ),
            current: current.label,
          },
        },
        409,
      );
    }
    const row = await findOrgById(deps.db, org.id);
    const logo = orgSettings(row?.settings).profile.logoDataUrl;
    const v = c.req.query('version');
    if (v !== undefined) {
      const stored = (await reportVersions(deps.db, org.id, round.label)).find(
        (x) => String(x.version) === v && x.publishedAt,
      );
      const report = frozenSatisfactionReport(stored?.figures ?? null);
      if (!report) throw new HTTPException(404, { message: R.api.noVersion });
      return { report: { ...report, version: stored!.version }, logo };
    }
    return { report: await buildSatisfactionReport(deps.db, org, round.label, now), logo };
  }

  app.get('/:org/rounds/:round', async (c) => {
    const got = await reportOf(c);
    if (got instanceof Response) return got;
    const org = c.get('channel').org;
    return c.json({
      report: got.report,
      versions: (await reportVersions(deps.db, org.id, got.report.round.label)).map((v) => ({
        version: v.version,
        publishedAt: v.publishedAt?.toISOString() ?? null,
      })),
    });
  });

  /** The report as the printable HTML page (the console shows it in a frame). */
  app.get('/:org/rounds/:round/report.html', async (c) => {
    const got = await reportOf(c);
    if (got instanceof Response) return got;
    return c.html(renderReportHtml(got.report, { logoDataUrl: got.logo }));
  });

  const download = async (c: Context<ReportEnv>, kind: FileKind) => {
    const got = await reportOf(c);
    if (got instanceof Response) return got;
    const { report, logo } = got;
    const org = c.get('channel').org;
    // The key changes whenever a figure, the recommendations or the logo does.
    const { generatedAt: _, ...figures } = report;
    const digest = (await sha256Hex(JSON.stringify(figures) + (logo ?? ''))).slice(0, 32);
    const key = `${org.id}/${report.round.label}/v${report.version ?? 1}${report.publishedAt ? '' : '-draft'}/${digest}.${kind}`;
    let stored = await files.get(key);
    c.header('X-Report-File', stored ? 'stored' : 'made');
    if (!stored) {
      const bytes =
        kind === 'pdf'
          ? await htmlToPdf(renderReportHtml(report, { logoDataUrl: logo }))
          : kind === 'xlsx'
            ? await reportXlsx(report)
            : Buffer.from(reportCsv(report), 'utf8');
      stored = { bytes: new Uint8Array(bytes), contentType: FILES[kind] };
      await files.put(key, stored.bytes, FILES[kind]);
    }
    const name = `report-${org.slug}-${report.round.label}-v${report.version ?? 1}${report.publishedAt ? '' : '-draft'}.${kind}`;
    return c.body(stored.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': FILES[kind],
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  };
  for (const kind of Object.keys(FILES) as FileKind[])
    app.get(`/:org/rounds/:round/report.${kind}`, (c) => download(c, kind));

  /** Saves the recommendations: the draft is changed, a published version never (decision 025). */
  app.put('/:org/rounds/:round/recommendations', async (c) => {
    const got = await reportOf(c);
    if (got instanceof Response) return got;
    const body = recommendationsBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success)
      throw new HTTPException(400, { message: body.error.issues[0]?.message ?? R.api.tooLong });
    const org = c.get('channel').org;
    const version = await saveRecommendations(
      deps.db,
      org.id,
      got.report.round.label,
      body.data.text.trim(),
    );
    return c.json({ version, message: R.saved(version) });
  });

  /** Publishes the draft as it is now: its figures are frozen into a version. */
  app.post('/:org/rounds/:round/publish', async (c) => {
    if (c.req.query('version') !== undefined)
      throw new HTTPException(400, { message: R.api.noVersion });
    const got = await reportOf(c);
    if (got instanceof Response) return got;
    const org = c.get('channel').org;
    const version = await publishReport(deps.db, org.id, got.report, deps.clock());
    return c.json({ version, message: R.published(version) });
  });

  return app;
}
