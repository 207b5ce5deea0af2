/**
 * `npm run cli -- <command> …`: administrative commands against the same database
 * `npm start` uses (DATABASE_URL, or the PGlite in DATA_DIR). A thin wrapper: each
 * command parses its arguments and calls a module that has its own tests.
 *
 * With PGlite the data directory is for one process at a time (db/lock.ts): while `npm start`
 * holds it, commands are sent to the running server's local admin endpoint and run there
 * (bot/admin/local-cli.ts), so the bot sees their changes at once.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/client';
import { DataDirLockedError } from '../db/lock';
import { importFaq } from '../db/faq';
import { seedDemo } from '../db/template';
import { bumpConfigVersion, findOrgBySlug } from '../db/orgs';
import { formatCsvErrors, parseFaqCsv } from '../shared/faq/csv';
import { orgCommands } from './admin/org-cli';
import { forwardToServer, runningServerEndpoint } from './admin/local-cli';
import { itaCommand, itaImportCommand } from './metrics/ita-command';
import {
  CliError,
  parseArgs,
  withDatabase,
  type CliIo,
  type Command,
  type ParsedArgs,
} from './cli-kit';
import { EnvError, parseEnv, type Env } from './env';
import { staffInviteCommand } from './staff/cli';
import { surveyPublishCommand, surveySetupCommand } from './survey/cli';

const commands: Record<string, Command> = {
  ...orgCommands({ CliError, withDatabase }),
  'staff invite': staffInviteCommand({ CliError, withDatabase }),
  'survey setup': surveySetupCommand({ CliError, withDatabase }),
  'survey publish': surveyPublishCommand({ CliError, withDatabase }),
  seed: {
    usage: 'seed',
    summary:
      'create the demo organisation "demo" (divisions, demo staff for every role, categories, FAQ, ' +
      'services, survey with demo answers for this and earlier rounds) in this database; ' +
      'simulator mode does it on start. ' +
      'Safe to run again: what exists is left alone',
    async run(args, io) {
      if (args.positional.length || args.flags.size)
        throw new CliError('seed takes no arguments', true);
      await withDatabase(io, async ({ db }) => {
        const demo = await seedDemo(db, new Date(), { answers: true });
        io.out(
          demo.created
            ? 'the demo organisation "demo" was created'
            : 'the demo organisation "demo" exists; its survey round and holidays are up to date',
        );
      });
    },
  },
  'ita score': itaCommand,
  'ita import': itaImportCommand,
  'faq import': {
    usage: 'faq import <file.csv> --org <slug> [--replace]',
    summary:
      'import FAQ entries from a UTF-8 CSV (header id,question,variants,answer; optional links, quick_replies); ' +
      'upserts by id, --replace also deletes the entries not in the file',
    async run(args, io) {
      const known = new Set(['org', 'replace']);
      for (const f of args.flags.keys())
        if (!known.has(f)) throw new CliError(`unknown option --${f}`, true);
      const [file, ...rest] = args.positional;
      if (!file || rest.length) throw new CliError('give exactly one CSV file', true);
      const slug = args.flags.get('org');
      if (typeof slug !== 'string' || !slug) throw new CliError('--org <slug> is required', true);
      const replace = args.flags.get('replace') === true;

      const path = resolve(io.cwd, file);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        throw new CliError(
          `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        );
      }
      const parsed = parseFaqCsv(text);
      if (!parsed.ok) throw new CliError(`${file} has errors:\n${formatCsvErrors(parsed.errors)}`);

      await withDatabase(io, async ({ db }) => {
        const org = await findOrgBySlug(db, slug);
        if (!org) {
          throw new CliError(
            `no organisation with slug "${slug}" (the demo organisation "demo" comes with simulator mode or npm run seed)`,
          );
        }
        const c = await importFaq(db, org.id, parsed.rows, { replace });
        // Every process and isolate rebuilds its FAQ index on its next event.
        if (c.inserted || c.updated || c.deleted) await bumpConfigVersion(db, org.id);
        io.out(
          `${org.name} (${slug}): ${parsed.rows.length} entries in ${file}: ` +
            `${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted`,
        );
      });
    },
  },
};

function usage(): string {
  const lines = ['usage: npm run cli -- <command>', '', 'commands:'];
  for (const c of Object.values(commands)) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push(
    '',
    'The database is the one npm start uses: DATABASE_URL, or the PGlite in DATA_DIR.',
    'With PGlite and npm start running, commands run inside the server (one process per directory).',
  );
  return lines.join('\n');
}

export { CliError, parseArgs, type CliIo, type Command, type ParsedArgs };

/**
 * Runs a command line (without `node cli.ts`) and returns the exit code: 0 done,
 * 1 failed, 2 usage error. Never calls process.exit, so tests call it directly.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const full: Required<CliIo> = {
    cwd: process.cwd(),
    open: async (env) => {
      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.DATA_DIR,
        role: 'cli',
      });
      try {
        await database.migrate();
      } catch (e) {
        await database.close();
        throw e;
      }
      return database;
    },
    ...io,
  };
  if (!argv.length || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length ? full.out : full.err)(usage());
    return argv.length ? 0 : 2;
  }
  // The longest registered name the arguments start with: "faq import" before "faq".
  const name = Object.keys(commands)
    .sort((a, b) => b.length - a.length)
    .find((n) => {
      const words = n.split(' ');
      return words.every((w, i) => argv[i] === w);
    });
  if (!name) {
    full.err(`unknown command: ${argv.join(' ')}\n\n${usage()}`);
    return 2;
  }
  const command = commands[name]!;
  // A server holds the embedded database: run the command there (not when we are that server).
  if (!io.open) {
    const forwarded = await forwardIfServerRuns(argv, full);
    if (forwarded !== null) return forwarded;
  }
  try {
    const args = parseArgs(argv.slice(name.split(' ').length), [
      'org',
      'format',
      'role',
      'division',
      'name',
      'days',
      'qr',
      'slug',
      'channel-secret',
      'access-token',
      'liff-id',
    ]);
    await command.run(args, full);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      full.err(`${name}: ${e.message}${e.usage ? `\nusage: npm run cli -- ${command.usage}` : ''}`);
      return e.usage ? 2 : 1;
    }
    full.err(
      e instanceof EnvError || e instanceof DataDirLockedError
        ? e.message
        : `${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return 1;
  }
}

async function forwardIfServerRuns(
  argv: readonly string[],
  io: Required<CliIo>,
): Promise<number | null> {
  let env: Env;
  try {
    env = parseEnv(io.env);
  } catch {
    return null; // the command reports it
  }
  if (env.DATABASE_URL) return null; // PostgreSQL: both may run at once
  const endpoint = runningServerEndpoint(env.DATA_DIR);
  if (!endpoint) return null;
  const result = await forwardToServer(endpoint, argv, io.cwd);
  if (!result) return null; // unreachable: opening the directory reports the lock
  for (const l of result.out) io.out(l);
  for (const l of result.err) io.err(l);
  return result.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const code = await runCli(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    env: process.env,
  });
  process.exitCode = code;
}
