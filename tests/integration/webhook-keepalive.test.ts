import { serve, type ServerType } from '@hono/node-server';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * Issue 17: early refusals of the webhook close the connection, so a keep-alive client's
 * next request on the same socket does not hit a reset. A real Node http.Agent with
 * keep-alive and one socket, against the app served by @hono/node-server.
 */
describe('webhook refusals and keep-alive clients', () => {
  let h: Harness;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    h = await createHarness();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await h.close();
  });

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());

  function post(
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; socket: unknown }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              body: text,
              socket: req.socket,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const goodEvent = async () => {
    const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
    const body = webhookBody([
      lineEvents.follow({ userId, replyToken: h.fake.issueReplyToken(userId) }),
    ]);
    return { body, headers: { 'x-line-signature': await h.sign(body) } };
  };

  it('answers 413 to a 2 MB body with Connection: close, and the next request on the agent succeeds', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'x');
    const refused = await post(`/webhook/${h.slug}`, big, { 'x-line-signature': 'x' });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');

    const next = await goodEvent();
    const ok = await post(`/webhook/${h.slug}`, next.body, next.headers);
    expect(ok.status).toBe(200);
    // Accepted requests keep the connection for reuse.
    expect(ok.headers.connection).toBe('keep-alive');
  });

  it('closes after 404 (unknown organisation, body unread) and 401 (bad signature) too', async () => {
    const unknown = await post('/webhook/no-such-org', Buffer.alloc(200_000, 'y'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.connection).toBe('close');
    const forged = await post(`/webhook/${h.slug}`, webhookBody([]), {
      'x-line-signature': 'AAAA',
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.connection).toBe('close');
    for (let i = 0; i < 3; i++) {
      const next = await goodEvent();
      expect((await post(`/webhook/${h.slug}`, next.body, next.headers)).status).toBe(200);
    }
  });
});
