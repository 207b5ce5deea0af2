/**
 * `npx tsx tests/bench/staff-alert.bench.ts`: the time from a new complaint to the staff alert
 * leaving the outbox, on `npm start`'s Node server (PGlite, or DATABASE_URL) with its job
 * timers, while a background load of signed webhook text events (--rate per second) runs.
 *
 * Each resident walks the complaint chat up to the last step untimed; the clock starts when
 * the confirming webhook is posted and stops when the fake LINE Platform (loopback HTTP)
 * records the alert push to the clerk's office. Pushes leave through the outbox sender,
 * which runs every 2 s on Node, so that timer dominates the figure.
 *
 * Flags: --complaints N (default 40), --rate N background events/s (default 100),
 * --pg URL: run on PostgreSQL instead, in a fresh database created on that server and
 * dropped at the end.
 * Output: median, p95 and max in ms on stdout and in .tmp/bench-staff-alert.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { parseEnv } from '../../bot/env';
import { silentLogger } from '../../bot/logger';
import { startServer } from '../../bot/node-server';
import { orgs, outbox, staff } from '../../db/schema';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';

function flag(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  return Number.isFinite(v) && v > 0 ? v : def;
}
const COMPLAINTS = flag('complaints', 40);
const RATE = flag('rate', 100);
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stringFlag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const pg = stringFlag('pg');
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | null = null;
  if (pg) {
    const name = `fs_alert_bench_${Date.now().toString(36)}`;
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
  const dataDir = mkdtempSync(join(tmpdir(), 'fs-alert-bench-'));
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
      DEFAULT_ORG_SLUG: 'demo',
      LOG_LEVEL: 'error',
    }),
    { logger: silentLogger, host: '127.0.0.1', seedDemo: true },
  );
  const key = await importHmacKey(channelSecret);
  const post = async (event: unknown) => {
    const body = webhookBody([event]);
    const res = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/webhook/demo`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Line-Signature': await signBody(key, body),
      },
      body,
    });
    if (res.status !== 200) throw new Error(`webhook ${res.status}`);
  };
  const say = (userId: string, text: string) =>
    post(lineEvents.text({ userId, replyToken: line.fake.issueReplyToken(userId), text }));
  const tap = (userId: string, data: string) =>
    post(lineEvents.postback({ userId, replyToken: line.fake.issueReplyToken(userId), data }));

  try {
    const { db } = server.deps;
    const [org] = await db.select().from(orgs).where(eq(orgs.slug, 'demo'));
    const clerkLine = newUser();
    await db
      .update(staff)
      .set({ lineUserId: clerkLine })
      .where(and(eq(staff.orgId, org!.id), eq(staff.position, 'ปลัดเทศบาล')));

    // Background load: text events from many users at RATE/s until the measurement ends.
    let loading = true;
    let background = 0;
    const loadUsers = Array.from({ length: 50 }, newUser);
    const load = (async () => {
      const tick = 1000 / RATE;
      let next = performance.now();
      const inflight = new Set<Promise<void>>();
      while (loading) {
        const u = loadUsers[background % loadUsers.length]!;
        const p = say(u, `สอบถามเวลาทำการ ${background++}`).catch(() => {});
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        next += tick;
        await sleep(Math.max(0, next - performance.now()));
      }
      await Promise.all(inflight);
    })();

    const conv = th.conv;
    const samples: number[] = [];
    await Promise.all(
      Array.from({ length: COMPLAINTS }, async (_, i) => {
        await sleep(i * 150);
        const u = newUser();
        // Each step waits for the bot's answer, so the clock below times the last one alone.
        const step = async (send: () => Promise<void>) => {
          const seen = line.fake.messagesFor(u).length;
          await send();
          for (let waited = 0; line.fake.messagesFor(u).length === seen; waited += 10) {
            if (waited > 60_000) throw new Error('no answer');
            await sleep(10);
          }
        };
        await step(() => tap(u, 'menu:complain'));
        await step(() => say(u, `ร้องเรียนทดสอบ ${i}`));
        await step(() => say(u, 'รายละเอียด'));
        await step(() => say(u, 'งานทะเบียน'));
        await step(() => say(u, conv.skip));
        const before = line.fake.messagesFor(clerkLine).length;
        const t0 = Date.now();
        await say(u, conv.confirm);
        // Wait for the receipt to learn the code, then for the clerk's alert with it.
        let code: string | null = null;
        for (let waited = 0; waited < 30_000; waited += 20) {
          if (!code) {
            const r = line.fake
              .messagesFor(u)
              .map((m) => JSON.stringify(m.message))
              .join();
            code = /FS-\d{4}-[A-Z2-9]{4}/.exec(r)?.[0] ?? null;
          }
          const alert = code
            ? line.fake
                .messagesFor(clerkLine)
                .slice(before)
                .find((m) => JSON.stringify(m.message).includes(code!))
            : undefined;
          if (alert) {
            samples.push(new Date(alert.at).getTime() - t0);
            return;
          }
          await sleep(20);
        }
        throw new Error(`no alert for complaint ${i}`);
      }),
    );
    loading = false;
    await load;
    samples.sort((a, b) => a - b);
    const pct = (q: number) =>
      samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
    console.log(
      `complaint → staff alert sent (${server.deps.dbKind}, ${COMPLAINTS} complaints, ` +
        `${RATE} background events/s, ${background} background events):`,
    );
    console.log(`  median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${samples.at(-1)} ms`);
    // Where the time goes: from the alert's outbox row being committed to it being sent.
    const rows = await db.select().from(outbox).where(eq(outbox.target, clerkLine));
    const waits = rows
      .filter((r) => r.sentAt)
      .map((r) => r.sentAt!.getTime() - r.createdAt.getTime())
      .sort((a, b) => a - b);
    const w = (q: number) => waits[Math.min(waits.length - 1, Math.ceil(q * waits.length) - 1)]!;
    console.log(
      `  of which in the outbox (row committed → sent): median ${w(0.5)} ms, p95 ${w(0.95)} ms`,
    );
    mkdirSync('.tmp', { recursive: true });
    const summary = {
      at: new Date().toISOString(),
      database: server.deps.dbKind,
      complaints: COMPLAINTS,
      backgroundRate: RATE,
      backgroundEvents: background,
      medianMs: pct(0.5),
      p95Ms: pct(0.95),
      maxMs: samples.at(-1),
      outboxWait: { medianMs: w(0.5), p95Ms: w(0.95) },
    };
    writeFileSync('.tmp/bench-staff-alert.json', JSON.stringify(summary, null, 2) + '\n');
  } finally {
    await server.stop();
    await line.close();
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
