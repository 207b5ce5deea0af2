/**
 * What every command of `npm run cli` and `npm run report` shares: the io it writes to, the
 * error a person can fix, argument parsing, and opening the database for one command. Kept
 * apart from bot/cli.ts (the command table) so command modules do not import the table.
 */
import { parseEnv, type Env } from './env';
import type { Database } from '../db/types';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The environment to parse (process.env when run as a program). */
  env: Record<string, unknown>;
  /** Opens the database; tests pass their own. Default: openDatabase + migrate, as `npm start`. */
  open?: (env: Env) => Promise<Database>;
  /** Where relative file paths start (the shell's directory). */
  cwd?: string;
}

/** A failure the user can fix: printed without a stack trace. `usage`: wrong arguments (exit 2). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

export interface Command {
  usage: string;
  summary: string;
  run(args: ParsedArgs, io: Required<CliIo>): Promise<void>;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `a b --org demo --replace` → positional [a, b], flags {org: demo, replace: true}. */
export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eqAt = a.indexOf('=');
    const name = a.slice(2, eqAt < 0 ? undefined : eqAt);
    if (eqAt >= 0) flags.set(name, a.slice(eqAt + 1));
    else if (valued.includes(name)) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--'))
        throw new CliError(`--${name} needs a value`, true);
      flags.set(name, v);
      i++;
    } else flags.set(name, true);
  }
  return { positional, flags };
}

export async function withDatabase<T>(io: Required<CliIo>, fn: (db: Database) => Promise<T>) {
  const env = parseEnv(io.env);
  const database = await io.open(env);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
