import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { parseEnv } from '../../bot/env';
import { createLogger } from '../../bot/logger';
import { startServer } from '../../bot/node-server';
import { sweepInbox } from '../../bot/pipeline/inbox';
import type { InboxWorkers } from '../../bot/pipeline/workers';
import { rawRows } from '../../db/raw';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';

/**
 * Issue 17 / decision 050: on PostgreSQL the server hands stored events to worker threads.
 * Residents walk the complaint flow at the same time, each sending the next message as soon
 * as the last was acknowledged (not answered): every case must hold its own resident's words
 * (one sender's events in order across threads), every message be answered once, and the
 * threads' log lines reach the server's logger with the thread named.
 */
describe.skipIf(!process.env.DATABASE_URL)('stored events handled in worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangsiang-threads-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A server on PostgreSQL with `threads` inbox threads, a fake LINE Platform and a signed poster. */
  async function start(threads: number) {
    const channelSecret = randomHex(16);
    const accessToken = `tok-${randomHex(24)}`;
    const line = await startFakeLinePlatform({ accessToken });
    const lines: string[] = [];
    const env = parseEnv({
      ...process.env,
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      APP_SECRET: randomHex(32),
      DEFAULT_ORG_SLUG: `t${randomHex(4)}`,
      LINE_CHANNEL_SECRET: channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: accessToken,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      INBOX_THREADS: String(threads),
    });
    const server = await startServer(env, {
      logger: createLogger('info', (l) => lines.push(l)),
      host: '127.0.0.1',
      jobs: false,
    });
    const key = await importHmacKey(channelSecret);
    const post = async (events: unknown[]) => {
      const body = webhookBody(events);
      const res = await fetch(`http://127.0.0.1:${server.port}/webhook/${env.DEFAULT_ORG_SLUG}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Line-Signature': await signBody(key, body),
        },
        body,
      });
      expect(res.status).toBe(200);
    };
    const close = async () => {
      await server.stop();
      await line.close();
    };
    return { env, line, lines, server, post, close };
  }

  it('keeps each resident’s order, answers every message once and logs through the server', async () => {
    const { env, line, lines, server, post, close } = await start(2);
    try {
      expect(server.deps.inboxWorkers).toBeDefined();
      const residents = Array.from({ length: 8 }, (_, i) => ({
        userId: `U${randomHex(16)}`,
        words: `ดับมาสามวันแล้ว หน้าบ้านเลขที่ ${100 + i}`,
      }));
      await Promise.all(
        residents.map(async (r) => {
          const replyToken = () => line.fake.issueReplyToken(r.userId);
          await post([
            lineEvents.postback({
              userId: r.userId,
              replyToken: replyToken(),
              data: 'menu:complain',
            }),
          ]);
          for (const text of ['ไฟถนนดับ', r.words, 'ซอย 5', th.conv.skip, th.conv.confirm])
            await post([lineEvents.text({ userId: r.userId, replyToken: replyToken(), text })]);
        }),
      );
      // An event type the bot does not handle: its log line comes from a thread.
      await post([
        {
          type: 'beacon',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId: residents[0]!.userId },
          webhookEventId: `01${randomHex(12)}`,
          deliveryContext: { isRedelivery: false },
          replyToken: line.fake.issueReplyToken(residents[0]!.userId),
          beacon: { hwid: 'd41d8cd98f', type: 'enter' },
        },
      ]);
      await server.drain();

      const rows = await rawRows(
        server.deps.db,
        sql`select c.description, r.line_user_id as "userId" from cases c
            join residents r on r.id = c.resident_id
            join orgs o on o.id = c.org_id where o.slug = ${env.DEFAULT_ORG_SLUG}`,
      );
      expect(rows.length).toBe(residents.length);
      for (const r of residents)
        expect(String(rows.find((c) => c.userId === r.userId)?.description)).toContain(r.words);
      for (const r of residents)
        expect(line.fake.messagesFor(r.userId).length).toBeGreaterThanOrEqual(6);
      const tokens = line.fake.requests
        .filter((q) => q.path.endsWith('/message/reply') && q.status === 200)
        .map((q) => (q.body as { replyToken: string }).replyToken);
      expect(new Set(tokens).size).toBe(tokens.length);
      expect(tokens.length).toBe(residents.length * 6);

      const unhandled = lines
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === 'unhandled LINE event type');
      expect(unhandled).toMatchObject({ level: 'info', type: 'beacon' });
      expect(unhandled.thread).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });

  it('replaces a thread that ends; what was acknowledged meanwhile is stored and swept', async () => {
    const { line, lines, server, post, close } = await start(1);
    try {
      const workers = server.deps.inboxWorkers as InboxWorkers;
      const first = workers.threads[0]!;
      await first.terminate();
      expect(workers.threads[0]).toBeNull();
      // Acknowledged while the slot is empty: the job has no thread, the event is stored.
      const userId = `U${randomHex(16)}`;
      const say = (text: string) =>
        post([lineEvents.text({ userId, replyToken: line.fake.issueReplyToken(userId), text })]);
      await say('สวัสดีค่ะ');
      expect(line.fake.messagesFor(userId)).toEqual([]);
      expect(await sweepInbox(server.deps, { graceMs: 0 })).toBe(1);
      expect(line.fake.messagesFor(userId).length).toBeGreaterThan(0);
      const answered = line.fake.messagesFor(userId).length;

      // A second later another thread is in the slot, and it handles the next message.
      await vi.waitFor(() => expect(workers.threads[0]).toBeTruthy(), { timeout: 5000 });
      expect(workers.threads[0]).not.toBe(first);
      await say('ไฟถนนดับ');
      await server.drain();
      expect(line.fake.messagesFor(userId).length).toBeGreaterThan(answered);
      const ended = lines.map((l) => JSON.parse(l)).find((l) => l.msg.includes('thread ended'));
      expect(ended).toMatchObject({ level: 'warn', thread: 0 });
    } finally {
      await close();
    }
  });
});
