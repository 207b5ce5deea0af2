/**
 * `npm run bench:worker`: the Worker bundle that `npm run build:worker` produces, run in
 * one local workerd process (Miniflare), with PostgreSQL through the local Hyperdrive
 * binding and the fake LINE Platform on loopback. Signed webhook requests (one follow
 * event each, with a reply token) go in `--concurrency` at a time until `--events` are
 * acknowledged; then it waits until every event is processed and its reply sent.
 *
 * What it shows: what one isolate (one thread) does with the real bundle. What it does
 * not: Cloudflare runs many isolates, and locally every request opens its own PostgreSQL
 * connections straight to the server (no Hyperdrive pool in between), so connection
 * set-up that Hyperdrive absorbs in production is paid here. Numbers feed the capacity
 * plan in docs/deploy.md.
 *
 * Flags: --events N (default 2000), --concurrency N (16), --pg URL (BENCH_PG_URL, default
 * postgres://postgres:postgres@127.0.0.1:5432/postgres; a fresh database is created and
 * dropped). Output: a summary on stdout and in .tmp/bench-worker.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import postgres from 'postgres';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { openPostgres } from '../../db/postgres';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { startFakeLinePlatform } from '../fakes/line-platform';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const flag = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const EVENTS = Number(flag('events', '2000'));
const CONCURRENCY = Number(flag('concurrency', '16'));
const PG =
  flag('pg', '') ||
  process.env.BENCH_PG_URL ||
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';

const outdir = join(ROOT, '.tmp/worker-bench');
const build = spawnSync(
  process.execPath,
  ['scripts/build-worker.mjs', '--outdir', outdir, '--env', ''],
  {
    cwd: ROOT,
    encoding: 'utf8',
  },
);
if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);

const dbName = `fs_bench_worker_${randomHex(4)}`;
const admin = postgres(PG, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(PG);
dbUrl.pathname = `/${dbName}`;
const database = openPostgres(dbUrl.toString(), { max: 2 });
await database.migrate();

const secrets = {
  APP_SECRET: randomHex(32),
  LINE_CHANNEL_SECRET: randomHex(16),
  LINE_CHANNEL_ACCESS_TOKEN: `bench-${randomHex(8)}`,
};
const line = await startFakeLinePlatform({ accessToken: secrets.LINE_CHANNEL_ACCESS_TOKEN });
const mf = new Miniflare({
  modules: true,
  scriptPath: join(outdir, 'entry.worker.js'),
  compatibilityDate: '2025-09-01',
  compatibilityFlags: ['nodejs_compat'],
  hyperdrives: { HYPERDRIVE: dbUrl.toString() },
  r2Buckets: ['PHOTOS'],
  bindings: {
    ...secrets,
    DEFAULT_ORG_SLUG: 'bench',
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    LOG_LEVEL: 'warn',
  },
});

await mf.ready;

/** CPU seconds (user + system) used so far by the workerd child process, from /proc (Linux). */
function workerdCpuSeconds(): number | null {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!stat.includes('(workerd)') || Number(fields[1]) !== process.pid) continue;
      return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
    } catch {
      // the process went away while we looked
    }
  }
  return null;
}

const key = await importHmacKey(secrets.LINE_CHANNEL_SECRET);
const post = async (body: string) => {
  const res = await mf.dispatchFetch('http://bench.local/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': await signBody(key, body) },
    body,
  });
  await res.arrayBuffer();
  return res.status;
};
const bodies = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const userId = `Ubench${i.toString().padStart(26, '0')}`;
    return webhookBody([
      lineEvents.follow({ userId, replyToken: line.fake.issueReplyToken(userId) }),
    ]);
  });

async function closedLoop(all: string[]) {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < all.length) {
        const body = all[next++]!;
        const t = performance.now();
        if ((await post(body)) !== 200) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, failed };
}

try {
  // Warm-up: creates the organisation from the secrets, compiles the hot paths.
  await closedLoop(bodies(100));
  const waitAll = async (target: number, since: number) => {
    const client = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      for (;;) {
        const [row] =
          await client`select count(*)::int as n from inbox_events where processed_at is not null`;
        if (row!.n >= target) return (performance.now() - since) / 1000;
        if (performance.now() - since > 120_000)
          throw new Error(`only ${row!.n}/${target} processed`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await client.end();
    }
  };
  await waitAll(100, performance.now());

  const work = bodies(EVENTS);
  const cpu0 = workerdCpuSeconds();
  const t0 = performance.now();
  const run = await closedLoop(work);
  const allProcessed = await waitAll(100 + EVENTS, t0);
  const cpu1 = workerdCpuSeconds();
  const sorted = run.latencies.sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const replies = line.fake.calls('/v2/bot/message/reply').filter((r) => r.status === 200).length;
  const summary = {
    events: EVENTS,
    concurrency: CONCURRENCY,
    failedAcks: run.failed,
    acksPerSecond: Math.round(EVENTS / run.seconds),
    ackP50ms: Math.round(pct(0.5) * 10) / 10,
    ackP99ms: Math.round(pct(0.99) * 10) / 10,
    processedPerSecond: Math.round(EVENTS / allProcessed),
    repliesSent: replies,
    workerdCpuMsPerEvent:
      cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) * 1000 * 10) / EVENTS) / 10,
  };
  // Bytes each event leaves behind, per table (heap + indexes + TOAST), for the capacity plan.
  const client = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
  await client`vacuum analyze`;
  const sizes = await client<{ table: string; rows: number; bytes: number }[]>`
    select c.relname as table, c.reltuples::int as rows, pg_total_relation_size(c.oid)::int as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.reltuples > 0 order by bytes desc`;
  await client.end();
  const total = 100 + EVENTS;
  Object.assign(summary, {
    bytesPerEvent: Object.fromEntries(
      sizes.map((r) => [r.table, Math.round(r.bytes / total)]).filter(([, b]) => Number(b) > 0),
    ),
  });
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(ROOT, '.tmp/bench-worker.json'), JSON.stringify(summary, null, 2));
} finally {
  await mf.dispose();
  await line.close();
  await database.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
