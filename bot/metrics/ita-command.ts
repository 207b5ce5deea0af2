/**
 * `npm run cli -- ita score [<file.json>] [--org <slug>] [--format json|text] [--what-if=9=100]`:
 * the ITA roll-up of official scores, from a file or from those stored for an organisation;
 * `ita import <file.json> --org <slug>` stores a file's scores (ita_scores, upsert).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadItaScores, saveItaScores } from '../../db/ita';
import { findOrgBySlug } from '../../db/orgs';
import type { Database } from '../../db/types';
import { scoreYears, whatIf, type IndicatorScores } from '../../shared/metrics/ita';
import { formatItaText } from '../../shared/metrics/ita-text';
import { metrics } from '../../shared/text/th-metrics';
import { CliError, type CliIo, type Command, type ParsedArgs } from '../cli-kit';
import { parseEnv } from '../env';

const score = z.number().min(0).max(100);
/** `{"years": {"2567": {"1": 99.07, …, "10": 100}}}`: years in พ.ศ., indicators 1–10. */
export const ItaInput = z.object({
  years: z
    .record(
      z.string().regex(/^\d{4}$/, 'a year is four digits in พ.ศ., e.g. 2568'),
      z.record(z.string().regex(/^(?:[1-9]|10)$/, 'indicators are 1 to 10'), score),
    )
    .refine((y) => Object.keys(y).length > 0, 'give at least one year'),
  /**
   * Per assessment year rules (decision 039): `{"2566": {"toolThreshold": null}}` switches the
   * per-tool threshold off for a year whose rules have none; 85 by default.
   */
  rules: z
    .record(
      z.string().regex(/^\d{4}$/, 'a year is four digits in พ.ศ., e.g. 2568'),
      z
        .object({
          toolThreshold: z.number().min(0).max(100).nullable().optional(),
          capGrade: z.string().min(1).max(4).optional(),
        })
        .strict(),
    )
    .optional(),
});
type Years = z.infer<typeof ItaInput>['years'];
type Rules = NonNullable<z.infer<typeof ItaInput>['rules']>;

async function readYears(file: string, cwd: string): Promise<Years> {
  return (await readInput(file, cwd)).years;
}

async function readInput(file: string, cwd: string): Promise<{ years: Years; rules: Rules }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
  } catch (e) {
    throw new CliError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const parsed = ItaInput.safeParse(data);
  if (!parsed.success)
    throw new CliError(
      `${file}: ` +
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return { years: parsed.data.years, rules: parsed.data.rules ?? {} };
}

async function withOrg<T>(
  io: Required<CliIo>,
  slug: string,
  fn: (database: Database, orgId: string) => Promise<T>,
): Promise<T> {
  const database = await io.open(parseEnv(io.env));
  try {
    const org = await findOrgBySlug(database.db, slug);
    if (!org) throw new CliError(`no organisation with slug "${slug}"`);
    return await fn(database, org.id);
  } finally {
    await database.close();
  }
}

function checkFlags(args: ParsedArgs, known: string[]) {
  for (const f of args.flags.keys())
    if (!known.includes(f)) throw new CliError(`unknown option --${f}`, true);
}

/** `--what-if=9=100,10=95` → { 9: 100, 10: 95 }. */
function parseWhatIf(v: string | true | undefined): IndicatorScores | null {
  if (v === undefined) return null;
  if (v === true)
    throw new CliError('--what-if=<indicator>=<score>[,…], e.g. --what-if=9=100', true);
  const out: IndicatorScores = {};
  for (const part of v.split(',')) {
    const m = /^(10|[1-9])=(\d{1,3}(?:\.\d+)?)$/.exec(part.trim());
    if (!m || Number(m[2]) > 100)
      throw new CliError(`--what-if: "${part}" is not <indicator 1–10>=<score 0–100>`, true);
    out[Number(m[1])] = Number(m[2]);
  }
  return out;
}

export const itaCommand: Command = {
  usage: 'ita score [<file.json>] [--org <slug>] [--format json|text] [--what-if=9=100]',
  summary:
    'ITA roll-up of official scores {"years": {"2568": {"1": 99.07, …, "10": 100}}} from a file, ' +
    'or those stored for --org: IIT/EIT/OIT, overall, grades, target, weak points, year-over-year; ' +
    '--what-if recomputes the latest year with changed indicators',
  async run(args, io) {
    checkFlags(args, ['format', 'org', 'what-if']);
    const format = args.flags.get('format') ?? 'json';
    if (format !== 'json' && format !== 'text')
      throw new CliError('--format is json or text', true);
    const changes = parseWhatIf(args.flags.get('what-if'));
    const [file, ...rest] = args.positional;
    const slug = args.flags.get('org');
    if (rest.length || (!file && typeof slug !== 'string') || (file && slug !== undefined))
      throw new CliError('give one JSON file, or --org <slug> for the stored scores', true);
    const { years, rules } = file
      ? await readInput(file, io.cwd)
      : {
          years: await withOrg(io, slug as string, (d, orgId) => loadItaScores(d.db, orgId)),
          rules: {},
        };
    if (!Object.keys(years).length) throw new CliError(`no ITA scores stored for "${slug}"`);
    const report = scoreYears(years, {}, rules);
    let what: { year: string; changes: IndicatorScores; result: ReturnType<typeof whatIf> } | null =
      null;
    if (changes) {
      const latest = report.years[report.years.length - 1];
      if (!latest) throw new CliError('no complete year to change');
      const scores = Object.fromEntries(latest.indicators.map((i) => [i.indicator, i.score]));
      what = { year: latest.year, changes, result: whatIf(scores, changes, rules[latest.year]) };
    }
    if (format === 'text') {
      io.out(formatItaText(report));
      if (what?.result)
        for (const [ind, to] of Object.entries(what.changes))
          io.out(
            '\n' +
              metrics.ita.whatIf(
                Number(ind),
                to.toFixed(2),
                what.result.overall.toFixed(2),
                what.result.grade,
              ),
          );
    } else io.out(JSON.stringify(what ? { ...report, whatIf: what } : report, null, 2));
    if (report.errors.length)
      throw new CliError(
        report.errors
          .map((e) => `${e.year}: missing indicators ${e.error.indicators.join(', ')}`)
          .join('; '),
      );
  },
};

export const itaImportCommand: Command = {
  usage: 'ita import <file.json> --org <slug>',
  summary: "store an organisation's official ITA scores per year and indicator (upsert)",
  async run(args, io) {
    checkFlags(args, ['org']);
    const [file, ...rest] = args.positional;
    const slug = args.flags.get('org');
    if (!file || rest.length || typeof slug !== 'string')
      throw new CliError('give one JSON file and --org <slug>', true);
    const years = await readYears(file, io.cwd);
    const n = await withOrg(io, slug, (d, orgId) => saveItaScores(d.db, orgId, years));
    io.out(`${slug}: ${n} ITA scores stored for ${Object.keys(years).sort().join(', ')}`);
  },
};
