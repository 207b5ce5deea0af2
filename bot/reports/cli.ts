/**
 * `npm run report -- [--org <slug>] [--round 2570-1] [--format pdf|html|xlsx|csv] [--out <path>]
 *  [--recommendations <file.txt>] [--publish]`: the twice-yearly satisfaction report.
 * Defaults: DEFAULT_ORG_SLUG, the current round, PDF, written under DATA_DIR/reports/ (never
 * the project folder); the path written is printed. `--help` prints the usage in Thai and
 * English. --recommendations stores the clerk's text for the round first; --publish freezes
 * the figures for the public pages. csv writes one file per table into a folder.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../db/client';
import { findOrgBySlug } from '../../db/orgs';
import type { Database } from '../../db/types';
import { CliError, parseArgs, type CliIo } from '../cli-kit';
import { EnvError, parseEnv } from '../env';
import { roundOf } from '../../shared/metrics/round';
import { orgSettings } from '../../shared/org-settings';
import { reportConsole } from '../../shared/text/th-report-console';
import { reportCsvFiles, reportXlsx } from './export';
import { renderReportHtml } from './html';
import { htmlToPdf } from './pdf';
import {
  buildSatisfactionReport,
  publishReport,
  ReportError,
  saveRecommendations,
} from './satisfaction';

export const REPORT_USAGE =
  'npm run report -- [--org <slug>] [--round <2570-1>] [--format pdf|html|xlsx|csv] [--out <path>] [--recommendations <file.txt>] [--publish] (--help)';

const FORMATS = ['pdf', 'html', 'xlsx', 'csv'] as const;

export interface ReportIo extends CliIo {
  now?: () => Date;
}

export async function runReportCli(argv: readonly string[], io: ReportIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const now = io.now?.() ?? new Date();
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(
      reportConsole.cliHelp(
        roundOf(now).label,
        typeof io.env.DATA_DIR === 'string' && io.env.DATA_DIR ? io.env.DATA_DIR : './data',
      ),
    );
    return 0;
  }
  try {
    const args = parseArgs(argv, ['org', 'round', 'format', 'out', 'recommendations']);
    const known = new Set(['org', 'round', 'format', 'out', 'recommendations', 'publish']);
    for (const f of args.flags.keys())
      if (!known.has(f)) throw new CliError(`unknown option --${f}`, true);
    if (args.positional.length) throw new CliError(`unexpected ${args.positional[0]}`, true);
    const str = (k: string) => {
      const v = args.flags.get(k);
      return typeof v === 'string' ? v : undefined;
    };
    const env = parseEnv(io.env);
    const slug = str('org') ?? env.DEFAULT_ORG_SLUG;
    const round = str('round') ?? roundOf(now).label;
    const format = str('format') ?? 'pdf';
    if (!(FORMATS as readonly string[]).includes(format))
      throw new CliError(`--format is one of ${FORMATS.join(', ')}`, true);
    // Under DATA_DIR/reports unless told otherwise: never into the project folder.
    const outGiven = str('out');
    const out = outGiven
      ? resolve(cwd, outGiven)
      : resolve(
          cwd,
          env.DATA_DIR,
          'reports',
          `report-${slug}-${round}${format === 'csv' ? '' : `.${format}`}`,
        );
    let recommendations: string | undefined;
    const recFile = str('recommendations');
    if (recFile) {
      try {
        recommendations = await readFile(resolve(cwd, recFile), 'utf8');
      } catch (e) {
        throw new CliError(`cannot read ${recFile}: ${(e as NodeJS.ErrnoException).code}`);
      }
    }

    const database: Database = io.open
      ? await io.open(env)
      : await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      if (!io.open) await database.migrate();
      const { db } = database;
      const org = await findOrgBySlug(db, slug);
      if (!org) throw new CliError(`no organisation with slug "${slug}"`);
      if (recommendations !== undefined)
        await saveRecommendations(db, org.id, round, recommendations.trim());
      let report = await buildSatisfactionReport(db, org, round, now);
      if (args.flags.get('publish') === true) {
        await publishReport(db, org.id, report, now);
        report = { ...report, publishedAt: now.toISOString() };
      }
      await mkdir(dirname(out), { recursive: true });
      if (format === 'csv') {
        await mkdir(out, { recursive: true });
        for (const f of reportCsvFiles(report)) await writeFile(join(out, f.name), f.csv);
      } else if (format === 'xlsx') await writeFile(out, await reportXlsx(report));
      else {
        const html = renderReportHtml(report, {
          logoDataUrl: orgSettings(org.settings).profile.logoDataUrl,
        });
        await writeFile(out, format === 'pdf' ? await htmlToPdf(html) : html);
      }
      io.out(
        `${org.name} (${slug}) ${report.round.title}: ${report.card.respondents} respondents, ` +
          `EIT ${report.card.eit ?? '-'}, ${report.cases.total} cases` +
          (args.flags.get('publish') === true ? ' (published)' : ''),
      );
      io.out(out);
    } finally {
      await database.close();
    }
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`report: ${e.message}${e.usage ? `\nusage: ${REPORT_USAGE}` : ''}`);
      return e.usage ? 2 : 1;
    }
    if (e instanceof ReportError) {
      io.err(`report: ${e.message}`);
      return 2;
    }
    io.err(
      e instanceof EnvError
        ? e.message
        : `report failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runReportCli(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    env: process.env,
  });
}
