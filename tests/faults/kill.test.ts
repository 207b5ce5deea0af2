import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';
import { seededRandom } from '../helpers/harness';
import { faultServer, sleep, type FaultServer } from './child';

/**
 * Issue 12 / 17: the server is killed with `kill -9` again and again while residents walk
 * the six-step complaint flow as separate signed webhooks, 50–300 ms apart. LINE's part is
 * played here: an event that got no 200 is sent again with the same webhookEventId
 * (isRedelivery) until it gets one, and a fifth of the acknowledged ones are redelivered
 * anyway. Then: every event stored once and handled once, in each resident's order, every
 * answer delivered once (counted at the fake LINE Platform), and every resident's case
 * has that resident's own subject, description and concerning.
 * FAULT_EVENTS (default 2000) sets the size.
 */
const TOTAL = Number(process.env.FAULT_EVENTS ?? 2000);
const STEPS = 6;
// unique events + 25 % of them redelivered = TOTAL sends, so 20 % of sends are redeliveries.
const RESIDENTS = Math.max(4, Math.round(TOTAL / (STEPS * 1.25)));

describe('kill -9 while signed events are in flight', () => {
  let server: FaultServer | undefined;
  let closeLine: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.cleanup();
    await closeLine?.();
  });

  it('handles every event exactly once, in each resident’s order, and files every complaint with its own fields', async () => {
    const random = seededRandom(1712);
    const line = await startFakeLinePlatform();
    closeLine = line.close;
    const s = await faultServer({ lineUrl: line.url });
    server = s;
    await s.start();

    const stats = { sends: 0, acked: 0, failedSends: 0, redeliveries: 0, duplicates: 0, kills: 0 };
    type Ev = ReturnType<typeof lineEvents.text> | ReturnType<typeof lineEvents.postback>;
    const residents = Array.from({ length: RESIDENTS }, (_, i) => {
      const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
      return {
        userId,
        subject: `ถนนซอย ${i} เป็นหลุมลึก`,
        description: `รายละเอียดเรื่องที่ ${i}: รถจักรยานยนต์ล้มสองคัน`,
        concerning: `กองช่าง หมู่ ${i}`,
        events: [] as Ev[],
      };
    });

    /** Sends until a 200, as LINE does: the same event, marked as a redelivery after a failure. */
    async function deliver(event: Ev, redelivery: boolean): Promise<void> {
      let e = redelivery ? { ...event, deliveryContext: { isRedelivery: true } } : event;
      let tries = 0;
      if (redelivery) stats.duplicates++;
      for (;;) {
        stats.sends++;
        try {
          const body = webhookBody([e]);
          const res = await fetch(`${s.url}/webhook/demo`, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json', 'x-line-signature': await s.sign(body) },
            signal: AbortSignal.timeout(15_000),
          });
          await res.arrayBuffer();
          if (res.status === 200) {
            stats.acked++;
            return;
          }
        } catch {
          /* connection refused or reset: the server is down */
        }
        stats.failedSends++;
        stats.redeliveries++;
        e = { ...event, deliveryContext: { isRedelivery: true } };
        // LINE backs off too; a restarting server is not hammered.
        await sleep(Math.min(4000, 250 * 2 ** Math.min(4, tries++)) * (0.5 + random()));
      }
    }

    const extra: Promise<void>[] = [];
    async function walk(r: (typeof residents)[number], startAfter: number) {
      await sleep(startAfter);
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
        await deliver(event, false);
        // LINE sometimes delivers an acknowledged event again.
        if (random() < 0.25) {
          extra.push(sleep(random() * 3000).then(() => deliver(event, true)));
        }
        await sleep(50 + random() * 250);
      }
    }

    const progress = setInterval(
      () =>
        process.stderr.write(
          `kill test: ${JSON.stringify({ ...stats, delivered: line.fake.requests.filter((q) => q.status === 200).length })}\n`,
        ),
      5000,
    );
    // Residents start over ~30 s so that kills land in the middle of many conversations.
    let loadDone = false;
    const load = Promise.all(residents.map((r, i) => walk(r, (i / RESIDENTS) * 30_000))).then(
      async () => {
        await Promise.all(extra);
        loadDone = true;
      },
    );
    // A kill comes once the restarted server has acknowledged a share of the load, at a
    // random moment after that: kills land mid-conversation however slow the machine is.
    const KILL_EVERY_ACKS = Math.max(10, Math.round(TOTAL / 7));
    const killer = (async () => {
      while (!loadDone) {
        const from = stats.acked;
        while (!loadDone && stats.acked - from < KILL_EVERY_ACKS) await sleep(100);
        await sleep(random() * 500);
        if (loadDone) break;
        await s.kill();
        stats.kills++;
        const t = Date.now();
        await s.start();
        process.stderr.write(`kill test: restarted in ${Date.now() - t} ms\n`);
      }
    })();
    await load;
    await killer;

    // Wait until every event has had its answer delivered (or time runs out).
    const userIds = new Set(residents.map((r) => r.userId));
    const unique = residents.reduce((n, r) => n + r.events.length, 0);
    const accepted = () =>
      line.fake.requests.filter(
        (q) =>
          q.status === 200 &&
          (q.path.endsWith('/message/reply') ||
            (q.path.endsWith('/message/push') && userIds.has((q.body as any)?.to))),
      );
    const deadline = Date.now() + 120_000;
    while (accepted().length < unique && Date.now() < deadline) await sleep(500);
    await sleep(3000);
    if (process.env.DATABASE_URL) {
      // On PostgreSQL a killed process's rows left "sending" are sent again when their 60 s
      // lease runs out (another live process may hold them, so a start does not release
      // them as on PGlite): let the running server get there before counting.
      const live = await s.open();
      try {
        for (const until = Date.now() + 90_000; Date.now() < until; await sleep(1000)) {
          const r = await live.db.execute(
            sql`select count(*)::int as n from outbox where state <> 'sent'`,
          );
          if (Number(((Array.isArray(r) ? r : (r as any).rows) as { n: number }[])[0]!.n) === 0)
            break;
        }
      } finally {
        await live.close();
      }
    }
    clearInterval(progress);
    await s.stop();

    const database = await s.open();
    try {
      const db = database.db;
      const rows = <T>(q: ReturnType<typeof sql>) =>
        db.execute(q).then((r) => (Array.isArray(r) ? r : (r as any).rows) as T[]);
      const inbox = await rows<{
        id: string;
        webhook_event_id: string;
        source_id: string;
        processed_at: Date | string | null;
        seq: string | number;
      }>(
        sql`select id, webhook_event_id, source_id, processed_at, seq from inbox_events order by source_id, event_timestamp, seq`,
      );
      const byWebhookId = new Map(inbox.map((r) => [r.webhook_event_id, r]));
      // Stored once each, nothing unknown, nothing left unhandled.
      expect(inbox.length).toBe(unique);
      for (const r of residents)
        for (const e of r.events) expect(byWebhookId.has(e.webhookEventId)).toBe(true);
      expect(inbox.filter((r) => r.processed_at === null)).toEqual([]);
      // Handled once: one answer queued per event.
      const answers = await rows<{ source_inbox_id: string; n: string | number }>(
        sql`select source_inbox_id, count(*) as n from outbox where source_inbox_id is not null group by 1`,
      );
      expect(answers.length).toBe(unique);
      expect(answers.filter((a) => Number(a.n) !== 1)).toEqual([]);
      const unsent = await rows<{ id: string; state: string; last_error: string }>(
        sql`select id, state, last_error from outbox where state <> 'sent'`,
      );
      expect(unsent).toEqual([]);

      // In each resident's order: handling times never go backwards along the events.
      let outOfOrder = 0;
      for (const r of residents) {
        const times = r.events.map((e) =>
          new Date(byWebhookId.get(e.webhookEventId)!.processed_at!).getTime(),
        );
        for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) outOfOrder++;
      }
      expect(outOfOrder).toBe(0);

      // Every conversation acknowledged to the end has its case, with its own fields.
      const filed = await rows<{
        line_user_id: string;
        kind: string;
        subject: string;
        description: string;
        concerning: string;
      }>(
        sql`select r.line_user_id, c.kind, c.subject, c.description, c.concerning
            from cases c join residents r on r.id = c.resident_id`,
      );
      const casesOf = new Map<string, typeof filed>();
      for (const c of filed)
        casesOf.set(c.line_user_id, [...(casesOf.get(c.line_user_id) ?? []), c]);
      let complete = 0;
      const wrong: unknown[] = [];
      for (const r of residents) {
        const got = casesOf.get(r.userId) ?? [];
        const ok =
          got.length === 1 &&
          got[0]!.kind === 'complaint' &&
          got[0]!.subject === r.subject &&
          got[0]!.description === r.description &&
          got[0]!.concerning === r.concerning;
        if (ok) complete++;
        else wrong.push({ userId: r.userId, got });
      }

      // At the fake LINE Platform: each reply token used once, each push accepted once.
      const replies = line.fake.requests.filter(
        (q) => q.path.endsWith('/message/reply') && q.status === 200,
      );
      const tokens = new Map<string, number>();
      for (const q of replies) {
        const t = (q.body as any).replyToken as string;
        tokens.set(t, (tokens.get(t) ?? 0) + 1);
      }
      const pushes = line.fake.requests.filter(
        (q) => q.path.endsWith('/message/push') && q.status === 200,
      );
      const keys = new Map<string, number>();
      for (const q of pushes) {
        const k = q.headers['x-line-retry-key']!;
        keys.set(k, (keys.get(k) ?? 0) + 1);
      }
      const residentPushes = pushes.filter((q) => userIds.has((q.body as any)?.to)).length;
      const summary = {
        db: s.dbKind,
        sends: stats.sends,
        uniqueEvents: unique,
        // Acknowledged events that LINE sent again anyway (the 20 %), and the sends that
        // failed during a kill and were redelivered with the same webhookEventId.
        duplicatesOfAcknowledged: stats.duplicates,
        duplicateShare: Math.round((stats.duplicates / (unique + stats.duplicates)) * 1000) / 10,
        failedSendsRedelivered: stats.failedSends,
        kills: stats.kills,
        conversationsAcknowledgedToTheEnd: RESIDENTS,
        complaintsFiled: complete,
        repliesAccepted: replies.length,
        answersAsPushAfterExpiredToken: residentPushes,
        answersDeliveredPerEvent: (replies.length + residentPushes) / unique,
        duplicateAnswers: replies.length + residentPushes - unique,
        staffPushes: pushes.length - residentPushes,
        outOfOrder,
      };
      console.log(`kill test: ${JSON.stringify(summary)}`);
      mkdirSync('.tmp', { recursive: true });
      writeFileSync(`.tmp/faults-kill-${s.dbKind}.json`, JSON.stringify(summary, null, 2));

      expect(stats.kills).toBeGreaterThanOrEqual(3);
      expect(wrong).toEqual([]);
      expect(complete).toBe(RESIDENTS);
      expect([...tokens.values()].filter((n) => n > 1)).toEqual([]);
      expect([...keys.values()].filter((n) => n > 1)).toEqual([]);
      // No answer lost. A reply LINE took just before a kill, before it was recorded, is sent
      // again as a push (its token is used): counted in the summary, see decision 024.
      expect(replies.length + residentPushes).toBeGreaterThanOrEqual(unique);
    } finally {
      await database.close();
    }
  });
});
