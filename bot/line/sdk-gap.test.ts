/**
 * Decision 006: why the outbox's LINE client is ours and not @line/bot-sdk's
 * messagingApi.MessagingApiClient. The SDK pinned here (10.8, types only) has the same
 * HTTP layer (dist/http-fetch.js) as 11.2, the newest checked; these tests run the SDK
 * against a loopback server and show what fits and what is missing.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { LineApiError, LineClient } from './client';

let server: Server | null = null;
const seen: IncomingMessage[] = [];

/** A loopback LINE stand-in: `handler` answers or, when it returns false, never answers. */
async function start(
  handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => boolean,
): Promise<string> {
  server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return `http://127.0.0.1:${addr.port}`;
}

afterEach(async () => {
  seen.length = 0;
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = null;
});

const push = { to: 'U' + '0'.repeat(32), messages: [{ type: 'text' as const, text: 'สวัสดี' }] };

describe('decision 006: @line/bot-sdk MessagingApiClient against the outbox needs', () => {
  it('fits: base URL, retry key on push, status and Retry-After of a failure', async () => {
    const base = await start((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end('{"message":"Too many requests"}');
      return true;
    });
    const sdk = new messagingApi.MessagingApiClient({ channelAccessToken: 't', baseURL: base });
    const err = await sdk.pushMessage(push, 'b2f8e3a6-8c5e-4a63-9d0e-6d1c1f0f3a11').catch((e) => e);
    expect(err).toBeInstanceOf(HTTPFetchError);
    expect(err.status).toBe(429);
    expect(err.headers.get('retry-after')).toBe('7');
    expect(seen[0]!.headers['x-line-retry-key']).toBe('b2f8e3a6-8c5e-4a63-9d0e-6d1c1f0f3a11');
  });

  it('missing: no timeout and no way to pass one — a push to a LINE that never answers hangs', async () => {
    const base = await start(() => false);
    const sdk = new messagingApi.MessagingApiClient({ channelAccessToken: 't', baseURL: base });
    const ours = new LineClient({
      apiBaseUrl: base,
      dataApiBaseUrl: base,
      channelAccessToken: 't',
      timeoutMs: 200,
    });
    const sdkPush = sdk.pushMessage(push, crypto.randomUUID()).then(
      () => 'answered',
      () => 'failed',
    );
    const ourPush = ours.push(push.to, push.messages, crypto.randomUUID()).catch((e) => e);
    const after = new Promise((r) => setTimeout(() => r('still waiting'), 600));
    expect(await Promise.race([sdkPush, after])).toBe('still waiting');
    const err = await ourPush;
    expect(err).toBeInstanceOf(LineApiError);
    expect(err.status).toBe(0); // the outbox retries it later
  });

  it('missing: content download is a Node stream and the HTTP layer imports node: built-ins', async () => {
    const base = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.from([0xff, 0xd8, 0xff]));
      return true;
    });
    const blob = new messagingApi.MessagingApiBlobClient({
      channelAccessToken: 't',
      baseURL: base,
    });
    expect(await blob.getMessageContent('1')).toBeInstanceOf(Readable);
    const ours = new LineClient({
      apiBaseUrl: base,
      dataApiBaseUrl: base,
      channelAccessToken: 't',
    });
    expect((await ours.getContent('1')).bytes).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));

    const require = createRequire(import.meta.url);
    const dist = join(dirname(require.resolve('@line/bot-sdk')), '..');
    const httpFetch = readFileSync(join(dist, 'http-fetch.js'), 'utf8');
    expect(httpFetch).toMatch(/from ["']node:stream["']/);
    expect(httpFetch).toMatch(/from ["']node:buffer["']/);
    const clientSrc = readFileSync(join(dist, 'messaging-api/api/messagingApiClient.js'), 'utf8');
    // The LIFF ID-token check (LINE Login's /oauth2/v2.1/verify) is not in the Messaging API client.
    expect(clientSrc).not.toContain('/oauth2/v2.1/verify');
  });
});
