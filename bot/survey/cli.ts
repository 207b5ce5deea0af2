import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findOrgBySlug } from '../../db/orgs';
import { publishSurvey, seedSurveys, type ServicesSeed } from '../../db/survey-seed';
import type { Database } from '../../db/types';
import demoServices from '../../db/seed/demo-services.json' with { type: 'json' };
import { checkSurveyJson } from '../../shared/admin/survey-definition';
import { thAdmin } from '../../shared/text/th-admin';
import type { CliIo, Command, CliError as CliErrorClass, ParsedArgs } from '../cli-kit';

type Helpers = {
  CliError: typeof CliErrorClass;
  withDatabase: <T>(io: Required<CliIo>, fn: (db: Database) => Promise<T>) => Promise<T>;
};

async function readJson(h: Helpers, io: Required<CliIo>, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (e) {
    throw new h.CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function orgFlag(h: Helpers, args: ParsedArgs): string {
  for (const f of args.flags.keys())
    if (f !== 'org') throw new h.CliError(`unknown option --${f}`, true);
  const slug = args.flags.get('org');
  if (typeof slug !== 'string' || !slug) throw new h.CliError('--org <slug> is required', true);
  return slug;
}

async function orgId(h: Helpers, db: Database['db'], slug: string): Promise<string> {
  const org = await findOrgBySlug(db, slug);
  if (!org) throw new h.CliError(`no organisation with slug "${slug}"`);
  return org.id;
}

/**
 * `survey setup --org <slug> [services.json]`: the organisation's services and service points
 * (default: the demo list), the default survey published and the current round opened. On
 * Workers deployments this is how an organisation gets its survey (npm start does it for demo).
 */
export function surveySetupCommand(h: Helpers): Command {
  return {
    usage: 'survey setup --org <slug> [services.json]',
    summary:
      'add services and service points (JSON like db/seed/demo-services.json), publish the default survey, open the current round',
    async run(args, io) {
      const slug = orgFlag(h, args);
      const [file, ...rest] = args.positional;
      if (rest.length) throw new h.CliError('at most one services file', true);
      const seed = (file ? await readJson(h, io, file) : demoServices) as ServicesSeed;
      if (!Array.isArray(seed?.services) || !Array.isArray(seed?.points))
        throw new h.CliError(`${file}: needs "services" and "points" lists`);
      await h.withDatabase(io, async ({ db }) => {
        await seedSurveys(db, await orgId(h, db, slug), seed, new Date());
        io.out(
          `${slug}: ${seed.services.length} services, ${seed.points.length} service points, survey published, round open`,
        );
      });
    },
  };
}

/** `survey publish <definition.json> --org <slug>`: a new survey version (published versions never change). */
export function surveyPublishCommand(h: Helpers): Command {
  return {
    usage: 'survey publish <definition.json> --org <slug>',
    summary:
      'publish a survey definition (see shared/survey/default-2569.json) as a new version; an existing version is left as it is',
    async run(args, io) {
      const slug = orgFlag(h, args);
      const [file, ...rest] = args.positional;
      if (!file || rest.length) throw new h.CliError('give exactly one definition file', true);
      // The console's own check (shared/admin/survey-definition.ts): every problem in Thai, by path.
      const checked = checkSurveyJson(await readJson(h, io, file));
      if (!checked.ok)
        throw new h.CliError(
          `${file}: ${thAdmin.surveys.invalid(checked.issues.length)}\n` +
            checked.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
        );
      const parsed = { data: checked.definition };
      await h.withDatabase(io, async ({ db }) => {
        const r = await publishSurvey(db, await orgId(h, db, slug), parsed.data, new Date());
        io.out(
          r.created
            ? `${slug}: ${parsed.data.code} version ${parsed.data.version} published`
            : `${slug}: ${parsed.data.code} version ${parsed.data.version} already exists and was left unchanged (publish a new version number)`,
        );
      });
    },
  };
}
