import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { parseEnv } from '../../bot/env';
import { createLogger } from '../../bot/logger';
import { startServer } from '../../bot/node-server';
import { sendOutbox } from '../../bot/pipeline/outbox';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';

const LINE_USER_ID = /U[0-9a-f]{32}/;

/**
 * Issue 12: the server's logs never hold a secret (channel secret, access token, APP_SECRET)
 * or a LINE user id. Real mode against the fake LINE Platform; every log line and everything
 * written to the console during a flow with failures is captured and searched.
 */
describe('logs hold no secrets and no LINE user ids', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangsiang-logs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a resident files a complaint while LINE fails, bad requests come in; the logs are clean', async () => {
    const channelSecret = randomHex(16);
    const accessToken = `tok-${randomHex(24)}`;
    const appSecret = randomHex(32);
    const line = await startFakeLinePlatform({ accessToken });
    const lines: string[] = [];
    const consoleLines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => {
        consoleLines.push(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
      }),
    );
    const env = parseEnv({
      ...process.env,
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      APP_SECRET: appSecret,
      LINE_CHANNEL_SECRET: channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: accessToken,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      LOG_LEVEL: 'debug',
    });
    const server = await startServer(env, {
      logger: createLogger('debug', (l) => lines.push(l)),
      host: '127.0.0.1',
      jobs: false,
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const key = await importHmacKey(channelSecret);
      const user = `U${randomHex(16)}`;
      const post = async (events: unknown[], signature?: string) => {
        const body = webhookBody(events);
        return fetch(`${base}/webhook/demo`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Line-Signature': signature ?? (await signBody(key, body)),
          },
          body,
        });
      };
      // LINE fails now and then: replies and pushes are retried, profile lookups fail.
      line.fake.failNext({ path: /reply$/, status: 500, times: 2 });
      line.fake.failNext({ path: /profile/, status: 500, times: 3 });
      line.fake.failNext({ path: /push$/, status: 429, times: 1, retryAfter: '0' });
      line.fake.failNext({
        path: /reply$/,
        status: 400,
        times: 1,
        message: `bad reply for ${user}`,
      });
      line.fake.failNext({ path: /push$/, status: 400, times: 1, message: `bad push to ${user}` });
      const say = async (text: string) =>
        post([
          lineEvents.text({ userId: user, replyToken: line.fake.issueReplyToken(user), text }),
        ]);
      await post([
        lineEvents.follow({ userId: user, replyToken: line.fake.issueReplyToken(user) }),
      ]);
      await post([
        lineEvents.postback({
          userId: user,
          replyToken: line.fake.issueReplyToken(user),
          data: 'menu:complain',
        }),
      ]);
      for (const t of ['ไฟถนนดับ', 'ดับมาสามวันแล้ว', 'ซอย 5', th.conv.skip, th.conv.confirm])
        expect((await say(t)).status).toBe(200);
      // An event type the bot does not handle.
      await post([
        {
          type: 'beacon',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId: user },
          webhookEventId: `01${randomHex(12)}`,
          deliveryContext: { isRedelivery: false },
          replyToken: line.fake.issueReplyToken(user),
          beacon: { hwid: 'd41d8cd98f', type: 'enter' },
        },
      ]);
      // Bad requests: a wrong signature, broken JSON, forged tokens, bad URLs.
      expect((await post([], 'bad-signature')).status).toBe(401);
      await fetch(`${base}/webhook/demo`, {
        method: 'POST',
        headers: {
          'X-Line-Signature': await signBody(key, '{'),
          'Content-Type': 'application/json',
        },
        body: '{',
      });
      await fetch(`${base}/api/survey/demo/responses`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      await fetch(`${base}/api/staff/demo/me`, { headers: { Authorization: 'Bearer x.y.z' } });
      await fetch(`${base}/liff/%E0%A4%A`);
      await server.drain();
      for (let i = 0; i < 5; i++) await sendOutbox(server.deps);
      expect(line.fake.messagesFor(user).length).toBeGreaterThan(3);
    } finally {
      await server.stop();
      await line.close();
      for (const s of spies) s.mockRestore();
    }
    const all = [...lines, ...consoleLines];
    expect(lines.length).toBeGreaterThan(0);
    for (const l of all) {
      expect(l).not.toContain(channelSecret);
      expect(l).not.toContain(accessToken);
      expect(l).not.toContain(appSecret);
      expect(l, l).not.toMatch(LINE_USER_ID);
    }
  }, 120_000);
});
