/**
 * `npm run bench:webhook`: signed LINE webhook events over loopback against the Node
 * server (PGlite, then PostgreSQL) and, in the same run, against a bare Hono server that
 * only verifies the signature (tests/bench/bare-server.ts): the ceiling.
 *
 * The events: 200 residents (`--users`) each send a report in words, then "ยกเลิก", and
 * again, so every message moves their saved state.
 * Each server runs as a child process, so the load generator has its own event loop.
 * The fake LINE Platform the bot replies to runs in this process (real loopback HTTP).
 * Per server:
 *   (a) closed loop: `--concurrency` requests in flight until `--events` are acknowledged;
 *   (b) open loop: `--rate` events/s for `--seconds`, sent on schedule whatever the answers;
 * then every event must have been processed exactly once (one reply per reply token,
 * every inbox row processed, every outbox row sent).
 *
 * Flags (or env): --events N (BENCH_EVENTS, default 3000), --only bare|pglite|postgres[,…],
 * --concurrency N (32), --rate N (500), --seconds N (6), --warmup-seconds N (3; a closed loop
 * before measuring, at most --warmup events, default 20000), --pg URL (BENCH_PG_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, through /var/run/postgresql's socket when
 * it exists (decision 050); a fresh database is created there
 * and dropped at the end). BENCH_CHILD_NODE_ARGS adds node flags to the server children,
 * e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof" to profile them.
 * Output: a table on stdout and a JSON summary in .tmp/bench-webhook.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { lineEvents, newWebhookEventId, webhookBody } from '../../bot/dev/events';
import { openPglite } from '../../db/pglite';
import { postgresArgs } from '../../db/postgres-client';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { startFakeLinePlatform } from '../fakes/line-platform';

// ---------------------------------------------------------------- configuration

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
type ServerKind = 'bare' | 'pglite' | 'postgres';
const ALL_KINDS: ServerKind[] = ['bare', 'pglite', 'postgres'];

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function intOption(
  name: string,
  envName: string | null,
  def: number,
  min: number,
  max: number,
): number {
  const raw = flag(name) ?? (envName ? process.env[envName] : undefined);
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer in ${min}..${max} (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

const CONFIG = {
  events: intOption('events', 'BENCH_EVENTS', 3000, 1, 1_000_000),
  concurrency: intOption('concurrency', 'BENCH_CONCURRENCY', 32, 1, 1024),
  rate: intOption('rate', 'BENCH_RATE', 500, 1, 100_000),
  seconds: intOption('seconds', 'BENCH_SECONDS', 6, 1, 600),
  /** Warm-up (not measured): closed loop for this long, at most `warmup` events. */
  warmupSeconds: intOption('warmup-seconds', 'BENCH_WARMUP_SECONDS', 3, 0, 600),
  warmup: intOption('warmup', 'BENCH_WARMUP', 20_000, 0, 1_000_000),
  users: intOption('users', 'BENCH_USERS', 200, 1, 100_000),
  maxSockets: 64,
  requestTimeoutMs: 30_000,
  /** Time limit of the closed loop (it stops early, reporting what it did). */
  closedLoopLimitMs: 180_000,
  /** How long to wait for every event to be processed after a phase. */
  drainLimitMs: 60_000,
  /** The local server's Unix socket when it has one (as a deployment on one machine would). */
  pgUrl:
    flag('pg') ??
    process.env.BENCH_PG_URL ??
    (existsSync('/var/run/postgresql/.s.PGSQL.5432')
      ? 'postgres://postgres@127.0.0.1:5432/postgres?host=/var/run/postgresql'
      : 'postgres://postgres@127.0.0.1:5432/postgres'),
  only: (flag('only') ?? process.env.BENCH_ONLY ?? '').split(',').filter(Boolean) as ServerKind[],
  /** Whole-run limit: the script kills its children and exits after this. */
  runLimitMs: 20 * 60_000,
};
for (const k of CONFIG.only) {
  if (!ALL_KINDS.includes(k)) {
    console.error(`--only takes ${ALL_KINDS.join('|')} (comma separated), got "${k}"`);
    process.exit(2);
  }
}
const KINDS = CONFIG.only.length ? ALL_KINDS.filter((k) => CONFIG.only.includes(k)) : ALL_KINDS;
const FIXED_COUNT = CONFIG.rate * CONFIG.seconds;

/** Issue 17: ≥ 60% of the bare server on PostgreSQL (≥ 30% on PGlite), p99 ≤ 50 ms at 500/s, ≤ 1.5 ms of server CPU per event. */
const TARGETS = { ceilingShare: 0.6, pgliteCeilingShare: 0.3, p99AtRateMs: 50, cpuMsPerEvent: 1.5 };

// ---------------------------------------------------------------- cleanup

const children = new Set<Child>();
const cleanups: Array<() => Promise<void> | void> = [];
let cleaningUp: Promise<void> | undefined;

function cleanup(): Promise<void> {
  return (cleaningUp ??= (async () => {
    for (const c of children) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error('cleanup:', (e as Error).message);
      }
    }
  })());
}

process.once('SIGINT', () => {
  console.error('\nSIGINT: stopping children and cleaning up');
  void cleanup().finally(() => process.exit(130));
});
setTimeout(() => {
  console.error(`bench exceeded its ${CONFIG.runLimitMs / 60_000} min limit; aborting`);
  void cleanup().finally(() => process.exit(3));
}, CONFIG.runLimitMs).unref();

// ---------------------------------------------------------------- small helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const now = () => performance.now();

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => res(port));
    });
  });
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: round(kb('VmRSS') / 1024, 1), peakRssMb: round(kb('VmHWM') / 1024, 1) };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux: clock ticks of 10 ms). */
function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
  } catch {
    return null;
  }
}

/** CPU time the whole machine spent busy so far, in ms (Linux /proc/stat; idle and iowait left out). */
function machineBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user, nice, system, , , irq, softirq, steal] = line;
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 10;
  } catch {
    return null;
  }
}

/** This process's CPU time (the load generator and the fake LINE Platform), in ms. */
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Where a phase's CPU went, per event: the server, this process (load generator and fake LINE
 * Platform) and the rest of the machine (PostgreSQL, mostly). Their sum bounds what the
 * machine can do: `cores × 1000 / total` events/s.
 */
function cpuSplit(pid: number) {
  const start = { server: cpuMsOf(pid), own: ownCpuMs(), machine: machineBusyMs() };
  return (events: number) => {
    const server = cpuMsOf(pid);
    const machine = machineBusyMs();
    const per = (ms: number) => round(ms / Math.max(events, 1), 3);
    if (server === null || start.server === null) return null;
    const serverMs = server - start.server;
    const ownMs = ownCpuMs() - start.own;
    const machineMs = machine === null || start.machine === null ? null : machine - start.machine;
    return {
      serverCpuMsPerEvent: per(serverMs),
      loadGenCpuMsPerEvent: per(ownMs),
      otherCpuMsPerEvent:
        machineMs === null ? null : per(Math.max(0, machineMs - serverMs - ownMs)),
      machineCpuMsPerEvent: machineMs === null ? null : per(machineMs),
    };
  };
}

/** `to.push(...from)` without spreading: a long run of a load test overflows the stack. */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

function round(n: number, digits = 1): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---------------------------------------------------------------- child processes

interface Child {
  kind: ServerKind;
  proc: ChildProcess;
  pid: number;
  port: number;
  tail: string[];
  exited: Promise<number | null>;
  exitCode: number | null | undefined;
}

/** Variables the bot reads; the children get only the ones this bench sets. */
const BOT_ENV_KEYS = [
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'LINE_CHANNEL_SECRET',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'LINE_API_BASE_URL',
  'LINE_DATA_API_BASE_URL',
  'LIFF_ID',
  'APP_SECRET',
  'DEFAULT_ORG_SLUG',
  'PUBLIC_BASE_URL',
  'OUTBOX_MAX_ATTEMPTS',
  'LOG_LEVEL',
];

function startChild(
  kind: ServerKind,
  script: string,
  port: number,
  env: Record<string, string>,
): Child {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const k of BOT_ENV_KEYS) delete childEnv[k];
  Object.assign(childEnv, env, { PORT: String(port) });
  // `node --import tsx` (not `npx tsx`) so that the pid is the server's own process.
  const extra = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...extra, '--import', 'tsx', script], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${script}`);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const child: Child = {
    kind,
    proc,
    pid: proc.pid,
    port,
    tail,
    exitCode: undefined,
    exited: new Promise((r) =>
      proc.once('exit', (code, signal) => {
        child.exitCode = code ?? (signal ? -1 : null);
        children.delete(child);
        r(child.exitCode);
      }),
    ),
  };
  children.add(child);
  return child;
}

async function waitReady(child: Child, limitMs = 90_000): Promise<void> {
  const deadline = now() + limitMs;
  while (now() < deadline) {
    if (child.exitCode !== undefined) {
      throw new Error(
        `${child.kind} server exited (${child.exitCode}) before it was ready:\n${child.tail.join('\n')}`,
      );
    }
    try {
      const res = await fetch(`http://127.0.0.1:${child.port}/healthz`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) return;
      await res.arrayBuffer();
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(
    `${child.kind} server not ready after ${limitMs / 1000} s:\n${child.tail.join('\n')}`,
  );
}

async function stopChild(child: Child, limitMs = 20_000): Promise<number | null> {
  if (child.exitCode !== undefined) return child.exitCode;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const code = await Promise.race([child.exited, sleep(limitMs).then(() => 'timeout' as const)]);
  if (code !== 'timeout') return code;
  console.error(
    `  ${child.kind} server did not exit ${limitMs / 1000} s after SIGTERM; killing it`,
  );
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  return child.exited;
}

// ---------------------------------------------------------------- load

interface Prepared {
  body: Buffer;
  signature: string;
  replyToken: string;
}

async function prepareEvents(
  count: number,
  channelSecret: string,
  users: string[],
): Promise<Prepared[]> {
  const key = await importHmacKey(channelSecret);
  const out: Prepared[] = [];
  for (let i = 0; i < count; i++) {
    const replyToken = randomHex(16);
    const body = webhookBody([
      lineEvents.text({
        userId: users[i % users.length]!,
        replyToken,
        webhookEventId: newWebhookEventId(),
        // Each resident reports, then cancels, and again: every message moves their saved
        // state (a report with a guessed category, then idle), as most of a real chat does.
        text: Math.floor(i / users.length) % 2 === 0 ? `ถนนหน้าบ้านมีหลุม ทดสอบ #${i}` : 'ยกเลิก',
      }),
    ]);
    out.push({ body: Buffer.from(body, 'utf8'), signature: await signBody(key, body), replyToken });
  }
  return out;
}

interface Ack {
  status: number;
  ms: number;
  /** performance.now() when the response was complete. */
  end: number;
  /** Why there was no answer (status 0): ECONNRESET, timeout, … */
  error?: string;
}

function post(agent: http.Agent, port: number, path: string, ev: Prepared): Promise<Ack> {
  const start = now();
  return new Promise((resolvePost) => {
    let settled = false;
    const done = (status: number, err?: Error) => {
      if (settled) return;
      settled = true;
      const end = now();
      const error = err ? ((err as NodeJS.ErrnoException).code ?? err.message) : undefined;
      resolvePost({ status, ms: end - start, end, ...(error ? { error } : {}) });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': ev.body.length,
          'X-Line-Signature': ev.signature,
        },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', (e) => done(0, e));
      },
    );
    req.setTimeout(CONFIG.requestTimeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done(0, e));
    req.end(ev.body);
  });
}

interface LatencyStats {
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function latencyStats(acks: Ack[]): LatencyStats {
  const ms = acks
    .filter((a) => a.status === 200)
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const a of acks) {
    const key = a.status === 0 ? `0 ${a.error ?? 'no answer'}` : String(a.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return {
    ok: ms.length,
    errors: acks.length - ms.length,
    statuses,
    p50Ms: round(percentile(ms, 0.5), 2),
    p99Ms: round(percentile(ms, 0.99), 2),
    maxMs: round(ms[ms.length - 1] ?? NaN, 2),
  };
}

/** Closed loop: `concurrency` workers, each sending its next event when the previous is answered. */
async function closedLoop(
  agent: http.Agent,
  port: number,
  path: string,
  events: Prepared[],
  concurrency: number,
  limitMs: number,
): Promise<{ acks: Ack[]; acked: Prepared[]; wallMs: number; timedOut: boolean }> {
  const acks: Ack[] = [];
  const acked: Prepared[] = [];
  let next = 0;
  let timedOut = false;
  const start = now();
  const deadline = start + limitMs;
  const worker = async () => {
    while (next < events.length) {
      if (now() > deadline) {
        timedOut = true;
        return;
      }
      const ev = events[next++]!;
      const ack = await post(agent, port, path, ev);
      acks.push(ack);
      if (ack.status === 200) acked.push(ev);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, events.length) }, worker));
  return { acks, acked, wallMs: now() - start, timedOut };
}

/** Open loop: event i is sent at start + i/rate, whether or not earlier ones were answered. */
async function openLoop(
  agent: http.Agent,
  port: number,
  path: string,
  events: Prepared[],
  rate: number,
): Promise<{
  acks: Ack[];
  acked: Prepared[];
  fromScheduleMs: number[];
  maxSendLagMs: number;
  sent: number;
  sendSpanMs: number;
  ackSpanMs: number;
  start: number;
}> {
  const interval = 1000 / rate;
  const acks: Ack[] = [];
  const acked: Prepared[] = [];
  const fromScheduleMs: number[] = [];
  const inflight: Promise<void>[] = [];
  let maxSendLagMs = 0;
  const start = now() + 20;
  // Sending stops (the rest counted as not sent) if the schedule slips this far behind.
  const sendDeadline = start + (events.length / rate) * 1000 * 3 + 5000;
  let i = 0;
  let lastSend = start;
  while (i < events.length) {
    const t = now();
    if (t > sendDeadline) break;
    const due = start + i * interval;
    if (due > t) {
      await sleep(Math.max(0, due - t - 0.5));
      continue;
    }
    // Send everything that is due (catches up if a timer fired late).
    while (i < events.length && start + i * interval <= now()) {
      const scheduled = start + i * interval;
      const ev = events[i++]!;
      maxSendLagMs = Math.max(maxSendLagMs, now() - scheduled);
      lastSend = now();
      inflight.push(
        post(agent, port, path, ev).then((ack) => {
          acks.push(ack);
          if (ack.status === 200) {
            acked.push(ev);
            fromScheduleMs.push(ack.end - scheduled);
          }
        }),
      );
    }
    // Yield so responses are read even when catching up.
    await new Promise<void>((r) => setImmediate(r));
  }
  await Promise.all(inflight); // each request has its own timeout
  const lastAck = acks.reduce((m, a) => Math.max(m, a.end), start);
  return {
    acks,
    acked,
    fromScheduleMs: fromScheduleMs.sort((a, b) => a - b),
    maxSendLagMs,
    sent: i,
    sendSpanMs: lastSend - start,
    ackSpanMs: lastAck - start,
    start,
  };
}

// ---------------------------------------------------------------- exactly once

interface DbCounts {
  inbox: number;
  unprocessed: number;
  reclaimed: number;
  failedAttempts: number;
  outbox: number;
  outboxNotSent: number;
  outboxAttempts: number;
}

const COUNTS_SQL = `select
  (select count(*) from inbox_events)::int as inbox,
  (select count(*) from inbox_events where processed_at is null)::int as unprocessed,
  (select count(*) from inbox_events where attempts > 1)::int as reclaimed,
  (select count(*) from inbox_events where last_error is not null)::int as "failedAttempts",
  (select count(*) from outbox)::int as outbox,
  (select count(*) from outbox where state <> 'sent')::int as "outboxNotSent",
  (select count(*) from outbox_attempts)::int as "outboxAttempts"`;

interface Fake {
  fake: Awaited<ReturnType<typeof startFakeLinePlatform>>['fake'];
}

function replyStats(line: Fake, expected: Prepared[]) {
  const ok = line.fake.calls('/v2/bot/message/reply').filter((r) => r.status === 200);
  const seen = new Map<string, number>();
  for (const r of ok) {
    const token = (r.body as { replyToken?: string } | null)?.replyToken ?? '';
    seen.set(token, (seen.get(token) ?? 0) + 1);
  }
  let missing = 0;
  let duplicated = 0;
  for (const ev of expected) {
    const n = seen.get(ev.replyToken) ?? 0;
    if (n === 0) missing++;
    else if (n > 1) duplicated++;
  }
  const expectedTokens = new Set(expected.map((e) => e.replyToken));
  const unexpected = [...seen.keys()].filter((t) => !expectedTokens.has(t)).length;
  return {
    replies200: ok.length,
    replyCallsNot200: line.fake.calls('/v2/bot/message/reply').length - ok.length,
    pushes: line.fake.calls('/v2/bot/message/push').length,
    missing,
    duplicated,
    unexpected,
  };
}

/** Polls until the fake has one reply per acknowledged event (or the limit passes); returns ms waited. */
async function waitForReplies(
  line: Fake,
  count: number,
  limitMs: number,
): Promise<{ ms: number; complete: boolean }> {
  const start = now();
  // Counted as they come (a request's status is set once it is answered): rescanning every
  // recorded request each poll took this process's CPU from the server under test.
  const requests = line.fake.requests;
  let unanswered: typeof requests = [];
  let seen = 0;
  let replies = 0;
  const ok = () => {
    // One by one: spreading a long run of new requests into push() overflows the stack.
    for (; seen < requests.length; seen++) unanswered.push(requests[seen]!);
    unanswered = unanswered.filter((r) => {
      if (r.status === 0) return true;
      if (r.status === 200 && r.path.endsWith('/v2/bot/message/reply')) replies++;
      return false;
    });
    return replies;
  };
  while (now() - start < limitMs) {
    if (ok() >= count) return { ms: now() - start, complete: true };
    await sleep(25);
  }
  return { ms: now() - start, complete: ok() >= count };
}

// ---------------------------------------------------------------- one server

interface PhaseClosed extends LatencyStats {
  events: number;
  eventsPerSec: number;
  wallMs: number;
  timedOut: boolean;
  /** Until the last reply of this phase reached the fake LINE (bot only). */
  processedPerSec: number | null;
  drainAfterLastAckMs: number | null;
  /** CPU the server process used per event, from the phase's start until it was drained. */
  serverCpuMsPerEvent: number | null;
  /** The same span's CPU per event: server, load generator, rest of the machine, all. */
  cpu: ReturnType<ReturnType<typeof cpuSplit>>;
  rssMb: number | null;
  peakRssMb: number | null;
}

interface PhaseFixed extends LatencyStats {
  targetRate: number;
  scheduled: number;
  sent: number;
  achievedSendRate: number;
  achievedAckRate: number;
  p99FromScheduleMs: number;
  maxSendLagMs: number;
  processedPerSec: number | null;
  drainAfterLastAckMs: number | null;
  /** CPU the server process used per event, from the phase's start until it was drained. */
  serverCpuMsPerEvent: number | null;
  cpu: ReturnType<ReturnType<typeof cpuSplit>>;
  rssMb: number | null;
  peakRssMb: number | null;
}

interface ExactlyOnce {
  ok: boolean;
  expected: number;
  replies: ReturnType<typeof replyStats>;
  db: DbCounts | null;
  detail: string;
}

interface ServerResult {
  kind: ServerKind;
  skipped?: string;
  error?: string;
  startupMs?: number;
  warmupEvents?: number;
  /** RSS once the server answered /healthz, before any load. */
  startRssMb?: number | null;
  totalEvents?: number;
  closed?: PhaseClosed;
  fixed?: PhaseFixed;
  exactlyOnce?: ExactlyOnce | null;
  exitCode?: number | null;
}

async function runServer(kind: ServerKind): Promise<ServerResult> {
  const result: ServerResult = { kind };
  const localCleanups: Array<() => Promise<void> | void> = [];
  const later = (fn: () => Promise<void> | void) => {
    localCleanups.push(fn);
    cleanups.push(fn);
  };
  const runLocalCleanups = async () => {
    for (const fn of localCleanups.splice(0).reverse()) {
      const at = cleanups.indexOf(fn);
      if (at >= 0) cleanups.splice(at, 1);
      try {
        await fn();
      } catch (e) {
        console.error(`  cleanup (${kind}):`, (e as Error).message);
      }
    }
  };

  let child: Child | undefined;
  try {
    // --- database (PostgreSQL: a fresh database on the local server)
    let databaseUrl: string | undefined;
    let admin: postgres.Sql | undefined;
    if (kind === 'postgres') {
      const u = new URL(CONFIG.pgUrl);
      if (!isLoopbackHost(u.hostname)) {
        result.skipped = `--pg host ${u.hostname} is not a loopback address`;
        return result;
      }
      admin = postgres(...postgresArgs(CONFIG.pgUrl, { max: 1, connect_timeout: 3 }));
      const a = admin;
      try {
        await a`select 1`;
      } catch (e) {
        await a.end({ timeout: 1 }).catch(() => {});
        result.skipped = `PostgreSQL not reachable at ${u.host} (${(e as Error).message})`;
        return result;
      }
      const name = `fs_bench_${randomHex(6)}`;
      await a.unsafe(`CREATE DATABASE ${name}`);
      later(async () => {
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end({ timeout: 2 });
      });
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
      const socket = u.searchParams.get('host');
      console.log(
        `  database ${name} created (${socket ? `Unix socket in ${socket}` : `TCP ${u.host}`})`,
      );
    }

    // --- fake LINE platform (bot only), data dir, secrets
    const channelSecret = randomHex(16);
    const accessToken = `bench-${randomHex(16)}`;
    let line: Awaited<ReturnType<typeof startFakeLinePlatform>> | undefined;
    let dataDir: string | undefined;
    const port = await freePort();
    const started = now();
    if (kind === 'bare') {
      child = startChild(kind, 'tests/bench/bare-server.ts', port, {
        LINE_CHANNEL_SECRET: channelSecret,
      });
    } else {
      const l = await startFakeLinePlatform({ strictReplyTokens: false, accessToken });
      line = l;
      later(() => Promise.race([l.close(), sleep(3000)]));
      const dir = mkdtempSync(join(os.tmpdir(), `fs-bench-${kind}-`));
      dataDir = dir;
      later(() => rmSync(dir, { recursive: true, force: true }));
      child = startChild(kind, 'bot/entry.node.ts', port, {
        DATA_DIR: dir,
        LINE_CHANNEL_SECRET: channelSecret,
        LINE_CHANNEL_ACCESS_TOKEN: accessToken,
        LINE_API_BASE_URL: line.url,
        LINE_DATA_API_BASE_URL: line.url,
        APP_SECRET: randomHex(32),
        LOG_LEVEL: 'warn',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      });
    }
    const c = child;
    later(async () => {
      await stopChild(c, 5000);
    });
    await waitReady(child);
    result.startupMs = Math.round(now() - started);
    result.startRssMb = memoryOf(child.pid)?.rssMb ?? null;
    console.log(`  ready in ${result.startupMs} ms (pid ${child.pid}, port ${port})`);

    // --- events, prepared and signed before timing
    const users = Array.from({ length: CONFIG.users }, () => `U${randomHex(16)}`);
    const signStart = now();
    const all = await prepareEvents(
      CONFIG.warmup + CONFIG.events + FIXED_COUNT,
      channelSecret,
      users,
    );
    console.log(`  ${all.length} events signed in ${Math.round(now() - signStart)} ms`);
    const warm = CONFIG.warmupSeconds > 0 ? all.slice(0, CONFIG.warmup) : [];
    const closedEvents = all.slice(CONFIG.warmup, CONFIG.warmup + CONFIG.events);
    const fixedEvents = all.slice(CONFIG.warmup + CONFIG.events);
    const path = '/webhook/demo';
    const acked: Prepared[] = [];
    // A fresh keep-alive pool per phase: sockets left idle while the bot drains its backlog
    // would meet the server's keep-alive timeout (5 s) and could fail with ECONNRESET on reuse.
    // `timeout` matters too: Node's agent only honours the server's "Keep-Alive: timeout=5"
    // (closing idle sockets a second early) when it has a timeout of its own; without one, a
    // socket idle for 5 s in a long run was reused as the server closed it (5 in 90,000).
    const newAgent = () =>
      new http.Agent({ keepAlive: true, maxSockets: CONFIG.maxSockets, timeout: 60_000 });
    let agent = newAgent();
    const freshAgent = () => {
      agent.destroy();
      agent = newAgent();
    };
    later(() => agent.destroy());

    // --- warm-up (not measured): lets V8 optimise both sides; the bot then drains its backlog
    if (warm.length) {
      const w = await closedLoop(
        agent,
        port,
        path,
        warm,
        CONFIG.concurrency,
        CONFIG.warmupSeconds * 1000,
      );
      append(acked, w.acked);
      const drained = line ? await waitForReplies(line, acked.length, CONFIG.drainLimitMs) : null;
      result.warmupEvents = w.acks.length;
      console.log(
        `  warm-up: ${w.acks.length} events in ${Math.round(w.wallMs)} ms` +
          (drained ? `, processed ${Math.round(drained.ms)} ms later` : ''),
      );
    }

    // --- (a) closed loop
    freshAgent();
    console.log(`  closed loop: ${closedEvents.length} events, concurrency ${CONFIG.concurrency}`);
    const closedStart = now();
    const cpuA = cpuSplit(child.pid);
    const cl = await closedLoop(
      agent,
      port,
      path,
      closedEvents,
      CONFIG.concurrency,
      CONFIG.closedLoopLimitMs,
    );
    const memA = memoryOf(child.pid);
    append(acked, cl.acked);
    const clStats = latencyStats(cl.acks);
    let clProcessed: number | null = null;
    let clDrain: number | null = null;
    if (line) {
      const lastAck = cl.acks.reduce((m, a) => Math.max(m, a.end), closedStart);
      const w = await waitForReplies(line, acked.length, CONFIG.drainLimitMs);
      const doneAt = now();
      clDrain = Math.round(Math.max(0, doneAt - lastAck));
      clProcessed = w.complete ? round(cl.acked.length / ((doneAt - closedStart) / 1000), 0) : null;
      if (!w.complete)
        console.log(
          `  closed loop: not every event processed within ${CONFIG.drainLimitMs / 1000} s`,
        );
    }
    const cpuClosed = cpuA(cl.acks.length);
    result.closed = {
      events: cl.acks.length,
      eventsPerSec: round(clStats.ok / (cl.wallMs / 1000), 0),
      wallMs: Math.round(cl.wallMs),
      timedOut: cl.timedOut,
      ...clStats,
      processedPerSec: clProcessed,
      drainAfterLastAckMs: clDrain,
      serverCpuMsPerEvent: cpuClosed?.serverCpuMsPerEvent ?? null,
      cpu: cpuClosed,
      rssMb: memA?.rssMb ?? null,
      peakRssMb: memA?.peakRssMb ?? null,
    };
    console.log(
      `  closed loop: ${result.closed.eventsPerSec} ev/s, p50 ${clStats.p50Ms} ms, p99 ${clStats.p99Ms} ms` +
        (clStats.errors ? `, ${clStats.errors} errors ${JSON.stringify(clStats.statuses)}` : '') +
        (clProcessed !== null
          ? `, processed ${clProcessed} ev/s (drained ${clDrain} ms after the last ack)`
          : ''),
    );

    // --- (b) open loop at a fixed rate
    console.log(`  fixed rate: ${fixedEvents.length} events at ${CONFIG.rate}/s`);
    const cpuB = cpuSplit(child.pid);
    freshAgent();
    const ol = await openLoop(agent, port, path, fixedEvents, CONFIG.rate);
    const memB = memoryOf(child.pid);
    append(acked, ol.acked);
    const olStats = latencyStats(ol.acks);
    let olProcessed: number | null = null;
    let olDrain: number | null = null;
    if (line) {
      const olStart = ol.start;
      const w = await waitForReplies(line, acked.length, CONFIG.drainLimitMs);
      olDrain = Math.round(w.ms);
      olProcessed = w.complete ? round(ol.acked.length / ((now() - olStart) / 1000), 0) : null;
      if (!w.complete)
        console.log(
          `  fixed rate: not every event processed within ${CONFIG.drainLimitMs / 1000} s`,
        );
    }
    const cpuFixed = cpuB(ol.acks.length);
    result.fixed = {
      targetRate: CONFIG.rate,
      scheduled: fixedEvents.length,
      sent: ol.sent,
      achievedSendRate: round(ol.sent / (Math.max(ol.sendSpanMs, 1) / 1000), 0),
      achievedAckRate: round(olStats.ok / (Math.max(ol.ackSpanMs, 1) / 1000), 0),
      ...olStats,
      p99FromScheduleMs: round(percentile(ol.fromScheduleMs, 0.99), 2),
      maxSendLagMs: round(ol.maxSendLagMs, 2),
      processedPerSec: olProcessed,
      drainAfterLastAckMs: olDrain,
      serverCpuMsPerEvent: cpuFixed?.serverCpuMsPerEvent ?? null,
      cpu: cpuFixed,
      rssMb: memB?.rssMb ?? null,
      peakRssMb: memB?.peakRssMb ?? null,
    };
    console.log(
      `  fixed rate: ${result.fixed.achievedAckRate} ack/s, p50 ${olStats.p50Ms} ms, p99 ${olStats.p99Ms} ms` +
        ` (from schedule ${result.fixed.p99FromScheduleMs} ms)` +
        (olStats.errors ? `, ${olStats.errors} errors ${JSON.stringify(olStats.statuses)}` : ''),
    );
    result.totalEvents = acked.length;

    // --- exactly once
    if (line) {
      let db: DbCounts | null = null;
      if (kind === 'postgres') {
        // The reply reaches LINE just before the row is marked sent: let the last updates land.
        const q = postgres(...postgresArgs(databaseUrl!, { max: 1 }));
        try {
          const deadline = now() + 15_000;
          for (;;) {
            const [row] = await q.unsafe<DbCounts[]>(COUNTS_SQL);
            db = row!;
            if ((db.unprocessed === 0 && db.outboxNotSent === 0) || now() > deadline) break;
            await sleep(100);
          }
        } finally {
          await q.end({ timeout: 2 });
        }
        result.exitCode = await stopChild(child);
      } else {
        // PGlite has one writer: stop the server (it drains its queue), then open its directory.
        result.exitCode = await stopChild(child);
        const database = await openPglite(dataDir!);
        try {
          const r = (await database.db.execute(sql.raw(COUNTS_SQL))) as unknown;
          const rows = (Array.isArray(r) ? r : (r as { rows: DbCounts[] }).rows) as DbCounts[];
          db = rows[0]!;
        } finally {
          await database.close();
        }
      }
      const replies = replyStats(line, acked);
      const expected = acked.length;
      const checks: Array<[boolean, string]> = [
        [replies.replies200 === expected, `replies ${replies.replies200}/${expected}`],
        [replies.missing === 0, `missing ${replies.missing}`],
        [replies.duplicated === 0 && replies.unexpected === 0, `duplicated ${replies.duplicated}`],
        [replies.pushes === 0, `pushes ${replies.pushes}`],
        [db?.inbox === expected, `inbox ${db?.inbox}`],
        [db?.unprocessed === 0, `unprocessed ${db?.unprocessed}`],
        [db?.outbox === expected, `outbox ${db?.outbox}`],
        [db?.outboxNotSent === 0, `outbox not sent ${db?.outboxNotSent}`],
      ];
      const ok = checks.every(([pass]) => pass);
      result.exactlyOnce = {
        ok,
        expected,
        replies,
        db,
        detail: checks.map(([, text]) => text).join(', '),
      };
      console.log(`  processed exactly once: ${ok ? 'yes' : 'NO'} (${result.exactlyOnce.detail})`);
    } else {
      result.exactlyOnce = null;
      result.exitCode = await stopChild(child);
    }
    if (result.exitCode !== 0)
      console.log(
        `  note: server exited with ${result.exitCode}\n${child.tail.slice(-10).join('\n')}`,
      );
    const warnings = child.tail.filter(
      (l) => l.includes('"level":"error"') || l.includes('"level":"warn"'),
    );
    if (warnings.length)
      console.log(
        `  server logged ${warnings.length} warning/error lines, last:\n    ${warnings.slice(-3).join('\n    ')}`,
      );
  } catch (e) {
    result.error = (e as Error).stack ?? String(e);
    console.error(`  ${kind} failed: ${(e as Error).message}`);
    if (child) console.error(child.tail.slice(-15).join('\n'));
  } finally {
    await runLocalCleanups();
  }
  return result;
}

// ---------------------------------------------------------------- report

function fmt(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  return `${v}${unit}`;
}

function table(results: ServerResult[]): string {
  const cols = results.map((r) => ({
    r,
    title:
      r.kind === 'bare'
        ? 'bare Hono (ceiling)'
        : r.kind === 'pglite'
          ? 'bot + PGlite'
          : 'bot + PostgreSQL',
  }));
  const row = (label: string, f: (r: ServerResult) => string) => [
    label,
    ...cols.map((c) => (c.r.skipped ? 'skipped' : c.r.error ? 'error' : f(c.r))),
  ];
  const rows: string[][] = [
    ['', ...cols.map((c) => c.title)],
    row('events sent (incl. warm-up)', (r) => fmt(r.totalEvents)),
    row('RSS when ready', (r) => fmt(r.startRssMb, ' MB')),
    row(`closed loop (c=${CONFIG.concurrency}): events/s`, (r) => fmt(r.closed?.eventsPerSec)),
    row(
      '  ack p50 / p99',
      (r) => `${fmt(r.closed?.p50Ms, ' ms')} / ${fmt(r.closed?.p99Ms, ' ms')}`,
    ),
    row('  errors', (r) => fmt(r.closed?.errors)),
    row('  processed end-to-end /s', (r) =>
      r.kind === 'bare' ? 'n/a' : fmt(r.closed?.processedPerSec),
    ),
    row('  drained after last ack', (r) =>
      r.kind === 'bare' ? 'n/a' : fmt(r.closed?.drainAfterLastAckMs, ' ms'),
    ),
    row('  server CPU per event', (r) => fmt(r.closed?.serverCpuMsPerEvent, ' ms')),
    row('  load generator / rest of machine', (r) =>
      r.closed?.cpu
        ? `${fmt(r.closed.cpu.loadGenCpuMsPerEvent, ' ms')} / ${fmt(r.closed.cpu.otherCpuMsPerEvent, ' ms')}`
        : 'n/a',
    ),
    row('  machine CPU per event (ceiling)', (r) =>
      r.closed?.cpu?.machineCpuMsPerEvent
        ? `${fmt(r.closed.cpu.machineCpuMsPerEvent, ' ms')} (${Math.round((os.cpus().length * 1000) / r.closed.cpu.machineCpuMsPerEvent)} ev/s)`
        : 'n/a',
    ),
    row(
      '  RSS / peak RSS',
      (r) => `${fmt(r.closed?.rssMb, ' MB')} / ${fmt(r.closed?.peakRssMb, ' MB')}`,
    ),
    row(`fixed rate ${CONFIG.rate}/s: achieved ack/s`, (r) => fmt(r.fixed?.achievedAckRate)),
    row('  ack p50 / p99', (r) => `${fmt(r.fixed?.p50Ms, ' ms')} / ${fmt(r.fixed?.p99Ms, ' ms')}`),
    row(
      '  p99 from schedule / max send lag',
      (r) => `${fmt(r.fixed?.p99FromScheduleMs, ' ms')} / ${fmt(r.fixed?.maxSendLagMs, ' ms')}`,
    ),
    row('  errors', (r) => fmt(r.fixed?.errors)),
    row('  drained after last ack', (r) =>
      r.kind === 'bare' ? 'n/a' : fmt(r.fixed?.drainAfterLastAckMs, ' ms'),
    ),
    row('  server CPU per event', (r) => fmt(r.fixed?.serverCpuMsPerEvent, ' ms')),
    row(
      '  RSS / peak RSS',
      (r) => `${fmt(r.fixed?.rssMb, ' MB')} / ${fmt(r.fixed?.peakRssMb, ' MB')}`,
    ),
    row('processed exactly once', (r) =>
      r.exactlyOnce === null ? 'n/a' : r.exactlyOnce ? (r.exactlyOnce.ok ? 'yes' : 'NO') : '-',
    ),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  console.log(
    `bench:webhook: ${CONFIG.events} events closed loop (c=${CONFIG.concurrency}), ${FIXED_COUNT} at ${CONFIG.rate}/s, ` +
      `${CONFIG.warmupSeconds} s warm-up (≤ ${CONFIG.warmup} events), ${CONFIG.users} users; servers: ${KINDS.join(', ')}; ` +
      `node ${process.version}, ${os.cpus().length} CPUs`,
  );
  const results: ServerResult[] = [];
  for (const kind of KINDS) {
    console.log(`\n[${kind}]`);
    const r = await runServer(kind);
    if (r.skipped) console.log(`  skipped: ${r.skipped}`);
    results.push(r);
  }

  const byKind = (k: ServerKind) => results.find((r) => r.kind === k && !r.skipped && !r.error);
  const bare = byKind('bare');
  const pg = byKind('postgres');
  const ratio =
    bare?.closed && pg?.closed ? pg.closed.eventsPerSec / bare.closed.eventsPerSec : null;
  const lite = byKind('pglite');
  const liteRatio =
    bare?.closed && lite?.closed ? lite.closed.eventsPerSec / bare.closed.eventsPerSec : null;
  const cpu = pg?.closed?.serverCpuMsPerEvent ?? null;
  const verdict = pg
    ? {
        throughputShareOfCeiling: ratio === null ? null : round(ratio, 3),
        throughputPass: ratio === null ? null : ratio >= TARGETS.ceilingShare,
        p99AtRateMs: pg.fixed?.p99Ms ?? null,
        p99Pass: pg.fixed ? pg.fixed.p99Ms <= TARGETS.p99AtRateMs && pg.fixed.errors === 0 : null,
        exactlyOncePass: pg.exactlyOnce?.ok ?? null,
        cpuMsPerEvent: cpu,
        cpuPass: cpu === null ? null : cpu <= TARGETS.cpuMsPerEvent,
        pgliteShareOfCeiling: liteRatio === null ? null : round(liteRatio, 3),
        pglitePass: liteRatio === null ? null : liteRatio >= TARGETS.pgliteCeilingShare,
      }
    : null;
  const pass = verdict
    ? verdict.throughputPass === true &&
      verdict.p99Pass === true &&
      verdict.exactlyOncePass === true &&
      verdict.cpuPass === true &&
      verdict.pglitePass !== false
    : null;

  console.log('\n' + table(results) + '\n');
  if (verdict) {
    const pf = (b: boolean | null) => (b === null ? 'n/a' : b ? 'PASS' : 'FAIL');
    console.log(
      `PostgreSQL vs ceiling: ${ratio === null ? 'n/a (no ceiling run)' : `${round(ratio * 100, 1)}%`} of the bare server's throughput ` +
        `(target ≥ ${TARGETS.ceilingShare * 100}%): ${pf(verdict.throughputPass)}`,
    );
    console.log(
      `PostgreSQL p99 ack at ${CONFIG.rate}/s: ${fmt(verdict.p99AtRateMs, ' ms')} (target ≤ ${TARGETS.p99AtRateMs} ms): ${pf(verdict.p99Pass)}`,
    );
    console.log(
      `PostgreSQL server CPU per event (closed loop, until drained): ${fmt(verdict.cpuMsPerEvent, ' ms')} (target ≤ ${TARGETS.cpuMsPerEvent} ms): ${pf(verdict.cpuPass)}`,
    );
    if (liteRatio !== null)
      console.log(
        `PGlite vs ceiling: ${round(liteRatio * 100, 1)}% (target ≥ ${TARGETS.pgliteCeilingShare * 100}%): ${pf(verdict.pglitePass)}`,
      );
    console.log(`PostgreSQL exactly once: ${pf(verdict.exactlyOncePass)}`);
    console.log(`Overall: ${pass ? 'PASS' : 'FAIL'}`);
  } else {
    console.log('PostgreSQL was not run: no verdict against the targets.');
  }

  const summary = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    config: {
      events: CONFIG.events,
      warmupSeconds: CONFIG.warmupSeconds,
      warmupMaxEvents: CONFIG.warmup,
      concurrency: CONFIG.concurrency,
      rate: CONFIG.rate,
      seconds: CONFIG.seconds,
      users: CONFIG.users,
      maxSockets: CONFIG.maxSockets,
    },
    targets: TARGETS,
    servers: Object.fromEntries(
      results.map((r) => [
        r.kind,
        r.skipped
          ? { skipped: r.skipped }
          : r.error
            ? { error: r.error }
            : {
                events: r.totalEvents,
                warmupEvents: r.warmupEvents,
                startRssMb: r.startRssMb,
                startupMs: r.startupMs,
                closedLoop: r.closed,
                fixedRate: r.fixed,
                rssMb: r.fixed?.rssMb ?? r.closed?.rssMb,
                peakRssMb: r.fixed?.peakRssMb ?? r.closed?.peakRssMb,
                exactlyOnce: r.exactlyOnce,
                exitCode: r.exitCode,
              },
      ]),
    ),
    verdict: verdict ? { ...verdict, pass } : null,
  };
  const out = join(ROOT, '.tmp', 'bench-webhook.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
  console.log(`\nsummary written to ${out}`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (e) => {
    console.error(e);
    await cleanup();
    process.exit(1);
  },
);
