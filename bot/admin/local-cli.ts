import { timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/types';
import { readLockHolder } from '../../db/lock';
import type { CliIo } from '../cli-kit';
import type { Env } from '../env';

/**
 * The running server's local admin endpoint (Node only): `npm run cli` on the embedded
 * database can't open the directory the server holds, so it sends its command line here
 * and the server runs it against its own connection; the bot sees the change at once.
 * Reachable only from this machine (loopback) with the token the server writes,
 * mode 600, to `<DATA_DIR>/cli-endpoint.json` on start (a new one each start).
 * docs/decisions/033-data-dir-lock-and-local-admin-endpoint.md
 */
export interface CliEndpoint {
  url: string;
  token: string;
  pid: number;
}

export const CLI_ENDPOINT_PATH = '/_local/cli';

export function cliEndpointFile(dataDir: string): string {
  return join(dataDir, 'cli-endpoint.json');
}

export function writeCliEndpoint(dataDir: string, endpoint: CliEndpoint): void {
  writeFileSync(cliEndpointFile(dataDir), JSON.stringify(endpoint), { mode: 0o600 });
}

export function removeCliEndpoint(dataDir: string, token: string): void {
  const current = readCliEndpointFile(dataDir);
  if (current?.token === token) rmSync(cliEndpointFile(dataDir), { force: true });
}

function readCliEndpointFile(dataDir: string): CliEndpoint | null {
  try {
    return JSON.parse(readFileSync(cliEndpointFile(dataDir), 'utf8')) as CliEndpoint;
  } catch {
    return null;
  }
}

/** The endpoint of the server that holds the data directory now, or null. */
export function runningServerEndpoint(dataDir: string): CliEndpoint | null {
  const holder = readLockHolder(dataDir);
  if (!holder || holder.role !== 'server') return null;
  const endpoint = readCliEndpointFile(dataDir);
  return endpoint && endpoint.pid === holder.pid ? endpoint : null;
}

export interface CliResult {
  code: number;
  out: string[];
  err: string[];
}

const requestSchema = z.object({
  argv: z.array(z.string().max(10_000)).min(1).max(100),
  cwd: z.string().min(1).max(4096),
});

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isLoopback(addr: string | undefined): boolean {
  return !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));
}

/**
 * POST {argv, cwd} with `Authorization: Bearer <token>` → {code, out, err}.
 * `afterRun` lets the server forget caches the command may have changed.
 */
export function localCliRoutes(opts: {
  token: string;
  env: Env;
  database: Database;
  /** bot/cli.ts#runCli, given by the server (this module is also the CLI's client side). */
  runCli: (argv: readonly string[], io: CliIo) => Promise<number>;
  afterRun?: () => void;
}): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
      ?.incoming;
    if (!isLoopback(incoming?.socket?.remoteAddress))
      return c.json({ error: 'not_local', reason: 'only from this machine' }, 403);
    const auth = c.req.header('authorization') ?? '';
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), opts.token))
      return c.json({ error: 'unauthorized', reason: 'bad or missing token' }, 401);
    const parsed = requestSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'bad_request', reason: 'argv and cwd' }, 400);
    const result: CliResult = { code: 1, out: [], err: [] };
    // The server's own connection, not closed by the command.
    const shared: Database = { ...opts.database, close: async () => {} };
    result.code = await opts.runCli(parsed.data.argv, {
      out: (l) => result.out.push(l),
      err: (l) => result.err.push(l),
      env: envAsStrings(opts.env),
      cwd: parsed.data.cwd,
      open: async () => shared,
    });
    opts.afterRun?.();
    return c.json(result);
  });
  return app;
}

/** The parsed environment as variables again, for commands that parse it themselves. */
function envAsStrings(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** Sends a command line to the server; null when it can't be reached (then the caller opens the directory and gets the lock error). */
export async function forwardToServer(
  endpoint: CliEndpoint,
  argv: readonly string[],
  cwd: string,
): Promise<CliResult | null> {
  let res: Response;
  try {
    res = await fetch(new URL(CLI_ENDPOINT_PATH, endpoint.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ argv, cwd }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch {
    return null;
  }
  if (!res.ok) return null;
  return (await res.json()) as CliResult;
}
