import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';
import { seededRandom } from '../helpers/harness';
import { faultServer, sleep, type FaultServer } from './child';

/**
 * Issue 17: the database connection cut mid-load, on PostgreSQL. While residents walk the
 * complaint flow (signed webhooks; LINE's part played here: no 200 → the same event again),
 * the test database refuses new connections and every backend of it is terminated
 * (`pg_terminate_backend`), for a few seconds, several times. Then: the webhook answered 503
 * (never 200) while it could not store, the server recovered without a restart, and every
 * event was stored once and handled once, each complaint filed whole with its own fields.
 * FAULT_CUT_RESIDENTS (default 30) sets the size.
 */
const RESIDENTS = Number(process.env.FAULT_CUT_RESIDENTS ?? 30);
const STEPS = 6;

describe.skipIf(!process.env.DATABASE_URL)('the database connection cut mid-load', () => {
  let server: FaultServer | undefined;
  let closeLine: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.cleanup();
    await closeLine?.();
  });

  it('answers 503 while it cannot store, recovers without a restart, loses and duplicates nothing', async () => {
    const random = seededRandom(1731);
    const line = await startFakeLinePlatform();
    closeLine = line.close;
    const s = await faultServer({ lineUrl: line.url });
    server = s;
    await s.start();
    const pid = s.pid;
    const dbName = new URL(s.dbUrl!).pathname.slice(1);
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });

    let down = false;
    const stats = {
      sends: 0,
      acked: 0,
      acksWhileDown: 0,
      status503: 0,
      other: 0,
      noAnswer: 0,
      cuts: 0,
    };
    type Ev = ReturnType<typeof lineEvents.text> | ReturnType<typeof lineEvents.postback>;
    const residents = Array.from({ length: RESIDENTS }, (_, i) => ({
      userId: `U${crypto.randomUUID().replace(/-/g, '')}`,
      subject: `ไฟถนนซอย ${i} ดับ`,
      description: `รายละเอียดที่ ${i}: มืดทั้งซอย`,
      concerning: `กองช่าง หมู่ ${i}`,
      events: [] as Ev[],
    }));

    const alive = () => {
      try {
        process.kill(pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    const giveUpAt = Date.now() + 150_000;
    async function deliver(event: Ev): Promise<void> {
      let e = event;
      for (let tries = 0; ; tries++) {
        if (!alive() || Date.now() > giveUpAt) {
          throw new Error(
            `the server ${alive() ? 'did not recover' : 'exited'}:\n${s.logs.slice(-30).join('\n')}`,
          );
        }
        stats.sends++;
        // Sent while the database was refusing connections, and answered before it was back.
        const sentDown = down;
        try {
          const body = webhookBody([e]);
          const res = await fetch(`${s.url}/webhook/demo`, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json', 'x-line-signature': await s.sign(body) },
            signal: AbortSignal.timeout(20_000),
          });
          await res.arrayBuffer();
          if (res.status === 200) {
            stats.acked++;
            if (sentDown && down) stats.acksWhileDown++;
            return;
          }
          if (res.status === 503) stats.status503++;
          else stats.other++;
        } catch {
          stats.noAnswer++;
        }
        e = { ...event, deliveryContext: { isRedelivery: true } };
        await sleep(Math.min(3000, 200 * 2 ** Math.min(4, tries)) * (0.5 + random()));
      }
    }

    async function walk(r: (typeof residents)[number], after: number) {
      await sleep(after);
      const texts = [r.subject, r.description, r.concerning, th.conv.skip, th.conv.confirm];
      for (let step = 0; step < STEPS; step++) {
        const o = {
          userId: r.userId,
          replyToken: line.fake.issueReplyToken(r.userId),
          timestamp: Date.now(),
        };
        const event =
          step === 0
            ? lineEvents.postback({ ...o, data: 'menu:complain' })
            : lineEvents.text({ ...o, text: texts[step - 1]! });
        r.events.push(event);
        await deliver(event);
        await sleep(100 + random() * 300);
      }
    }

    let loadDone = false;
    const load = Promise.all(residents.map((r, i) => walk(r, (i / RESIDENTS) * 15_000))).then(
      () => (loadDone = true),
    );
    // Three cuts of 3 s, a few seconds apart, while the load runs.
    const cutter = (async () => {
      await sleep(2000);
      for (let i = 0; i < 3 && !loadDone; i++) {
        await admin.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
        await admin`select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = ${dbName} and pid <> pg_backend_pid()`;
        // The terminated backends are gone within moments; from then on nothing can be stored.
        await sleep(200);
        down = true;
        stats.cuts++;
        await sleep(3000);
        down = false;
        await admin.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
        await sleep(3000 + random() * 2000);
      }
    })();
    await Promise.all([load, cutter]);

    // Every event answered (a reply, or a push once its reply token has gone stale).
    const unique = residents.length * STEPS;
    const userIds = new Set(residents.map((r) => r.userId));
    const answered = () =>
      line.fake.requests.filter(
        (q) =>
          q.status === 200 &&
          (q.path.endsWith('/message/reply') ||
            (q.path.endsWith('/message/push') && userIds.has((q.body as any)?.to))),
      ).length;
    // Rows a cut left 'sending' wait for their 60 s lease; inbox rows for the sweeper's backoff.
    const live = await s.open();
    const rows = <T>(q: ReturnType<typeof sql>) =>
      live.db.execute(q).then((r) => (Array.isArray(r) ? r : (r as any).rows) as T[]);
    try {
      for (const until = Date.now() + 100_000; Date.now() < until; await sleep(1000)) {
        const [n] = await rows<{ inbox: number; outbox: number }>(
          sql`select (select count(*)::int from inbox_events where processed_at is null) as inbox,
                     (select count(*)::int from outbox where state <> 'sent') as outbox`,
        );
        if (n!.inbox === 0 && n!.outbox === 0 && answered() >= unique) break;
      }
      // Recovered by itself: the same process, still serving.
      expect(s.pid).toBe(pid);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);

      const inbox = await rows<{ webhook_event_id: string; processed_at: unknown }>(
        sql`select webhook_event_id, processed_at from inbox_events`,
      );
      const ids = new Set(inbox.map((r) => r.webhook_event_id));
      expect(inbox.length).toBe(unique);
      for (const r of residents)
        for (const e of r.events) expect(ids.has(e.webhookEventId)).toBe(true);
      expect(inbox.filter((r) => r.processed_at === null)).toEqual([]);
      const answers = await rows<{ n: number }>(
        sql`select count(*)::int as n from outbox where source_inbox_id is not null group by source_inbox_id`,
      );
      expect(answers.length).toBe(unique);
      expect(answers.filter((a) => Number(a.n) !== 1)).toEqual([]);
      expect(
        await rows(sql`select id, state, last_error from outbox where state <> 'sent'`),
      ).toEqual([]);
      // No partial case: each resident has exactly one, with their own fields.
      const filed = await rows<{
        line_user_id: string;
        subject: string;
        description: string;
        concerning: string;
      }>(
        sql`select r.line_user_id, c.subject, c.description, c.concerning from cases c join residents r on r.id = c.resident_id`,
      );
      const wrong = residents.filter((r) => {
        const got = filed.filter((c) => c.line_user_id === r.userId);
        return !(
          got.length === 1 &&
          got[0]!.subject === r.subject &&
          got[0]!.description === r.description &&
          got[0]!.concerning === r.concerning
        );
      });
      expect(wrong.map((r) => r.userId)).toEqual([]);
      expect(filed.length).toBe(RESIDENTS);
      const tokens = new Map<string, number>();
      for (const q of line.fake.requests.filter(
        (q) => q.path.endsWith('/message/reply') && q.status === 200,
      ))
        tokens.set((q.body as any).replyToken, (tokens.get((q.body as any).replyToken) ?? 0) + 1);
      expect([...tokens.values()].filter((n) => n > 1)).toEqual([]);

      const summary = { ...stats, uniqueEvents: unique, answered: answered() };
      console.log(`cut database: ${JSON.stringify(summary)}`);
      mkdirSync('.tmp', { recursive: true });
      writeFileSync('.tmp/faults-cut-database.json', JSON.stringify(summary, null, 2));
      expect(stats.cuts).toBeGreaterThanOrEqual(2);
      // The webhook said "not stored" while the database was gone, and never "stored".
      expect(stats.status503).toBeGreaterThan(0);
      expect(stats.other).toBe(0);
      expect(stats.acksWhileDown).toBe(0);
    } finally {
      await live.close();
      await admin.end();
    }
  });
});
