import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import type { Database } from '../../db/types';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';

const ROOT = resolve(import.meta.dirname, '../..');
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => res(port));
    });
  });
}

/**
 * The server of `npm start` in a child process on a fixed port, restartable after a
 * `kill -9`, over PGlite in a data directory or a fresh PostgreSQL database (when
 * DATABASE_URL is set), talking to the given fake LINE Platform with known credentials.
 */
export async function faultServer(opts: { lineUrl: string; env?: Record<string, string> }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fs-faults-'));
  const pgBase = process.env.DATABASE_URL || undefined;
  let dbUrl: string | undefined;
  let dbName: string | undefined;
  if (pgBase) {
    dbName = `fs_fault_${Date.now().toString(36)}_${randomHex(3)}`;
    const admin = postgres(pgBase, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(pgBase);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  const port = await freePort();
  const channelSecret = randomHex(16);
  const accessToken = `fault-token-${randomHex(8)}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: dbUrl ?? '',
    LINE_CHANNEL_SECRET: channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: accessToken,
    LINE_API_BASE_URL: opts.lineUrl,
    LINE_DATA_API_BASE_URL: opts.lineUrl,
    APP_SECRET: randomHex(32),
    DEFAULT_ORG_SLUG: 'demo',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const key = await importHmacKey(channelSecret);
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const logs: string[] = [];

  async function start(): Promise<void> {
    const p = spawn(process.execPath, ['--import', 'tsx', 'tests/faults/server-child.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc = p;
    exited = new Promise((r) => p.once('exit', () => r()));
    let buf = '';
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(
        () => rej(new Error(`server did not start:\n${logs.join('\n')}`)),
        240_000,
      );
      const onData = (d: Buffer) => {
        buf += d.toString();
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('ready ')) {
            clearTimeout(timer);
            res();
          } else if (line.trim()) logs.push(line);
        }
      };
      p.stdout!.on('data', onData);
      p.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
      p.once('exit', (code) => {
        clearTimeout(timer);
        rej(new Error(`server exited (${code}) before it was ready:\n${logs.join('\n')}`));
      });
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    dbKind: (dbUrl ? 'postgres' : 'pglite') as 'postgres' | 'pglite',
    dbUrl,
    logs,
    accessToken,
    sign: (body: string) => signBody(key, body),
    start,
    get pid() {
      return proc?.pid;
    },
    /** kill -9, and wait until the process is gone. */
    async kill(): Promise<void> {
      proc?.kill('SIGKILL');
      await exited;
      proc = null;
    },
    /** A clean stop (SIGTERM: drain, close the database). */
    async stop(): Promise<void> {
      proc?.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (proc && proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
      proc = null;
    },
    /** Opens the database the server used (PGlite: only once the server has stopped). */
    async open(): Promise<Database> {
      return dbUrl ? openPostgres(dbUrl, { max: 2 }) : openPglite(dataDir);
    },
    async cleanup(): Promise<void> {
      if (proc) await this.kill();
      rmSync(dataDir, { recursive: true, force: true });
      if (pgBase && dbName) {
        const admin = postgres(pgBase, { max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

export type FaultServer = Awaited<ReturnType<typeof faultServer>>;
