/**
 * `npx tsx tests/bench/flow.bench.ts`: what residents feel, on `npm start`'s Node server
 * (PGlite, or a fresh database on --pg URL) with a fake LINE Platform over loopback HTTP.
 *
 *   residents: --residents N (200) simulated residents at once, each sending --messages N (5)
 *              questions one after the other; a message's latency runs from posting the signed
 *              webhook to the fake platform recording the bot's answer (p50/p95/max).
 *   survey:    --submissions N (400) survey responses, each from its own resident with a LIFF
 *              ID token, --concurrency N (32) in flight: submissions/s and p50/p95.
 *   pglite:    a fresh PGlite directory opened (migrations included) in a child process:
 *              start time and RSS after opening (no server; --pg does not apply).
 *
 * --only residents,survey,pglite picks parts. Output: stdout and .tmp/bench-flow.json.
 * A benchmark, never a timed test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { parseEnv } from '../../bot/env';
import { silentLogger } from '../../bot/logger';
import { startServer } from '../../bot/node-server';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { startFakeLinePlatform } from '../fakes/line-platform';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const str = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const num = (name: string, def: number) => {
  const v = Number(str(name));
  return Number.isFinite(v) && v > 0 ? v : def;
};
const PARTS = ['residents', 'survey', 'pglite'] as const;
const only = (str('only') ?? '').split(',').filter(Boolean);
const want = (p: (typeof PARTS)[number]) => !only.length || only.includes(p);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
const round1 = (n: number) => Math.round(n * 10) / 10;

function pct(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return {
    n: s.length,
    p50Ms: round1(pct(s, 0.5)),
    p95Ms: round1(pct(s, 0.95)),
    maxMs: round1(s.at(-1) ?? NaN),
  };
};

/** The child half of the PGlite part: open a fresh directory, print time and memory. */
async function pgliteChild(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fs-bench-pglite-'));
  const t0 = performance.now();
  const { openPglite } = await import('../../db/pglite');
  const db = await openPglite(dir, { role: 'bench' });
  const startMs = performance.now() - t0;
  const rssMb = process.memoryUsage().rss / 1048576;
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ startMs: round1(startMs), rssMb: round1(rssMb) }));
}

function pglitePart() {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--pglite-child'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`PGlite child failed: ${r.stderr}`);
  return JSON.parse(line) as { startMs: number; rssMb: number };
}

async function serverParts(out: Record<string, unknown>) {
  const pg = str('pg');
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | null = null;
  if (pg) {
    const name = `fs_flow_bench_${Date.now().toString(36)}`;
    const admin = postgres(pg, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const u = new URL(pg);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'fs-flow-bench-'));
  const line = await startFakeLinePlatform();
  const channelSecret = randomHex(16);
  const server = await startServer(
    parseEnv({
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      DATA_DIR: dataDir,
      APP_SECRET: randomHex(32),
      LINE_CHANNEL_SECRET: channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: `bench-${randomHex(8)}`,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      LIFF_ID: '2000000000-bench',
      DEFAULT_ORG_SLUG: 'demo',
      LOG_LEVEL: 'error',
    }),
    { logger: silentLogger, host: '127.0.0.1' },
  );
  out.database = server.deps.dbKind;
  const base = server.url.replace('localhost', '127.0.0.1');
  const key = await importHmacKey(channelSecret);
  try {
    if (want('residents')) {
      const residents = num('residents', 200);
      const messages = num('messages', 5);
      const samples: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: residents }, async () => {
          const u = newUser();
          for (let m = 0; m < messages; m++) {
            const seen = line.fake.messagesFor(u).length;
            const body = webhookBody([
              lineEvents.text({
                userId: u,
                replyToken: line.fake.issueReplyToken(u),
                text: 'เวลาทำการกี่โมง',
              }),
            ]);
            const start = performance.now();
            const res = await fetch(`${base}/webhook/demo`, {
              method: 'POST',
              headers: {
                'Content-Type': 'application/json',
                'X-Line-Signature': await signBody(key, body),
              },
              body,
            });
            if (res.status !== 200) throw new Error(`webhook ${res.status}`);
            while (line.fake.messagesFor(u).length === seen) {
              if (performance.now() - start > 60_000) throw new Error('no answer within 60 s');
              await sleep(5);
            }
            samples.push(performance.now() - start);
          }
        }),
      );
      const wallS = (performance.now() - t0) / 1000;
      out.residents = {
        residents,
        messages,
        ...stats(samples),
        messagesPerS: round1(samples.length / wallS),
      };
      console.log('residents', out.residents);
    }
    if (want('survey')) {
      const submissions = num('submissions', 400);
      const concurrency = num('concurrency', 32);
      const def = (await (await fetch(`${base}/api/survey/demo`)).json()) as {
        survey: { id: string };
      };
      const body = (i: number) =>
        JSON.stringify({
          surveyId: def.survey.id,
          version: 1,
          answers: {
            p1: 'resident',
            p2: 'welfare',
            p3: 'counter',
            e1: String(1 + (i % 4)),
            e2: '3',
            e3: '4',
            e4: 'no',
            e5: '3',
            e6: '4',
            e7: '2',
            e8: '3',
            e9: 'na',
            s1: '5',
          },
        });
      const tokens = await Promise.all(
        Array.from({ length: submissions }, () => line.fake.issueIdToken(newUser(), '2000000000')),
      );
      const samples: number[] = [];
      const statuses: Record<number, number> = {};
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(concurrency, submissions) }, async () => {
          while (next < submissions) {
            const i = next++;
            const start = performance.now();
            const res = await fetch(`${base}/api/survey/demo/responses`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens[i]}` },
              body: body(i),
            });
            await res.arrayBuffer();
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            samples.push(performance.now() - start);
          }
        }),
      );
      const wallS = (performance.now() - t0) / 1000;
      out.survey = {
        submissions,
        concurrency,
        statuses,
        ...stats(samples),
        perS: round1(submissions / wallS),
      };
      console.log('survey', out.survey);
    }
  } finally {
    await server.stop();
    await line.close();
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (argv.includes('--pglite-child')) return pgliteChild();
  for (const p of only)
    if (!(PARTS as readonly string[]).includes(p))
      throw new Error(`--only takes ${PARTS.join('|')}`);
  const out: Record<string, unknown> = { at: new Date().toISOString() };
  if (want('pglite')) {
    out.pglite = pglitePart();
    console.log('pglite', out.pglite);
  }
  if (want('residents') || want('survey')) await serverParts(out);
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(ROOT, '.tmp/bench-flow.json'), JSON.stringify(out, null, 2) + '\n');
}

await main();
