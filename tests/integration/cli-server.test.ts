import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEndpointFile } from '../../bot/admin/local-cli';
import { runCli } from '../../bot/cli';
import { silentLogger } from '../../bot/logger';
import { startServer } from '../../bot/node-server';
import { openDatabase } from '../../db/client';
import { DataDirLockedError, lockFile } from '../../db/lock';
import { th } from '../../shared/text/th';
import { simulatorEnv } from '../helpers/server';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
const onPostgres = Boolean(process.env.DATABASE_URL);
const repo = join(import.meta.dirname, '../..');

async function cli(argv: string[], env: Record<string, unknown>) {
  const out: string[] = [];
  const err: string[] = [];
  // No `open`: exactly what `npm run cli` does.
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

/** `npm run cli -- …` as a separate process (tsx), for the cross-process cases. */
function cliProcess(argv: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), ['bot/cli.ts', ...argv], {
      cwd: repo,
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function sayInSimulator(port: number, userId: string, text: string): Promise<string[]> {
  const base = `http://127.0.0.1:${port}/dev/line/api`;
  await fetch(`${base}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, kind: 'text', text }),
  });
  const end = Date.now() + 10_000;
  for (;;) {
    const r = await fetch(`${base}/messages?userId=${userId}&after=0`);
    const { messages } = (await r.json()) as { messages: { message: { text?: string } }[] };
    if (messages.length) return messages.map((m) => m.message.text ?? '');
    if (Date.now() > end) throw new Error('no answer');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(onPostgres)('the CLI and the running server on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-lock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = simulatorEnv(dataDir);
  const cliEnv = { DATA_DIR: dataDir, PORT: '0' };

  it(
    'sends a writing command through the server, and the bot accepts the code at once',
    { timeout: 120_000 },
    async () => {
      const server = await startServer(env, {
        logger: silentLogger,
        host: '127.0.0.1',
        jobs: false,
      });
      try {
        expect(existsSync(lockFile(dataDir))).toBe(true);
        expect(statSync(cliEndpointFile(dataDir)).mode & 0o077).toBe(0);

        // A second opener of the same directory, in this process or any other, is refused.
        await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);
        await expect(openDatabase({ dataDir })).rejects.toThrow(/npm start/);

        const r = await cli(
          ['staff', 'invite', '--org', 'demo', '--role', 'admin', '--name', 'นายผ่าน เซิร์ฟเวอร์'],
          cliEnv,
        );
        expect(r.err).toEqual([]);
        expect(r.code).toBe(0);
        const code = r.out[0]!;
        expect(code).toMatch(/^STAFF-/);
        // The bot, in the server process, redeems it without a restart.
        const reply = await sayInSimulator(server.port, newUser(), code);
        expect(reply[0]).not.toBe(th.staff.invite.invalid);
        expect(reply[0]).toContain('นายผ่าน เซิร์ฟเวอร์');

        // Errors come back too, with the exit code.
        const bad = await cli(['staff', 'invite', '--org', 'nope', '--role', 'officer'], cliEnv);
        expect(bad.code).toBe(1);
        expect(bad.err.join('\n')).toContain('nope');

        // The endpoint refuses anyone without the token.
        const forged = await fetch(`http://127.0.0.1:${server.port}/_local/cli`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
          body: JSON.stringify({ argv: ['help'], cwd: '/' }),
        });
        expect(forged.status).toBe(401);

        // The clerks' guide is served next to the console.
        const guide = await fetch(`http://127.0.0.1:${server.port}/guide/roles.md`);
        expect(guide.headers.get('content-type')).toContain('charset=utf-8');
        expect(await guide.text()).toContain('ผู้ดูแลระบบ (admin)');
        expect(
          (await fetch(`http://127.0.0.1:${server.port}/guide/..%2Fpackage.json`)).status,
        ).toBe(404);
        // The guide's front page, where the console's link lands.
        const index = await fetch(`http://127.0.0.1:${server.port}/guide`);
        expect(index.status).toBe(200);
        expect(index.url).toMatch(/\/guide\/README\.md$/);
      } finally {
        await server.stop();
      }
      expect(existsSync(lockFile(dataDir))).toBe(false);
      expect(existsSync(cliEndpointFile(dataDir))).toBe(false);
    },
  );

  it('refuses, in another process, while the directory is held without a server endpoint', async () => {
    const held = await openDatabase({ dataDir, role: 'cli' });
    try {
      const csv = join(dataDir, 'faq.csv');
      writeFileSync(csv, 'id,question,variants,answer\nq1,คำถาม,,คำตอบ\n');
      const r = await cliProcess(['faq', 'import', csv, '--org', 'demo'], {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('กำลังถูกใช้');
      expect(r.stderr).toContain('DATABASE_URL');
      expect(r.stderr).not.toContain('    at '); // no stack trace
    } finally {
      await held.close();
    }
    expect(existsSync(lockFile(dataDir))).toBe(false);
  }, 60_000);

  it('takes over a lock left by a process that no longer runs', async () => {
    writeFileSync(
      lockFile(dataDir),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        role: 'server',
        startedAt: '',
      }),
    );
    const db = await openDatabase({ dataDir });
    await db.close();
    expect(existsSync(lockFile(dataDir))).toBe(false);
  });
});

describe.skipIf(!onPostgres)('the CLI and the running server on PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-pg-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'both run at once: the CLI writes directly and the bot sees it',
    { timeout: 120_000 },
    async () => {
      const env = simulatorEnv(dataDir);
      const server = await startServer(env, {
        logger: silentLogger,
        host: '127.0.0.1',
        jobs: false,
      });
      try {
        expect(existsSync(cliEndpointFile(dataDir))).toBe(false);
        const r = await cli(
          ['staff', 'invite', '--org', 'demo', '--role', 'admin', '--name', 'นางพีจี ทดสอบ'],
          {
            DATA_DIR: dataDir,
            DATABASE_URL: env.DATABASE_URL,
          },
        );
        expect(r.err).toEqual([]);
        expect(r.code).toBe(0);
        const reply = await sayInSimulator(server.port, newUser(), r.out[0]!);
        expect(reply[0]).toContain('นางพีจี ทดสอบ');
      } finally {
        await server.stop();
      }
    },
  );
});
