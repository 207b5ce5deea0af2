import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineApiError, LineClient } from './client';
import { nodeFetch } from './node-fetch';

/** The Node transport against a real local HTTP server: what the LINE client relies on. */
describe('nodeFetch', () => {
  let server: http.Server;
  let base = '';
  const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] =
    [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
        if (req.url === '/stalled-body') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"partial":');
          return void setTimeout(() => res.end('1}'), 2000);
        }
        if (req.url === '/v2/bot/message/push') {
          res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' });
          return void res.end('{"message":"Too many requests"}');
        }
        if (req.url === '/empty') return void res.writeHead(204).end();
        if (req.url === '/bytes') {
          res.writeHead(200, { 'Content-Type': 'image/jpeg' });
          return void res.end(Buffer.from([0xff, 0xd8, 0xff, 0x00]));
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, got: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends method, headers and a text body; reads status, headers and JSON', async () => {
    const res = await nodeFetch(`${base}/x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Line-Retry-Key': 'k-1' },
      body: '{"a":"ก"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true, got: '{"a":"ก"}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', headers: { 'x-line-retry-key': 'k-1' } });
  });

  it('bytes, form fields and 204', async () => {
    const bytes = await nodeFetch(`${base}/bytes`);
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff, 0x00]);
    await nodeFetch(`${base}/form`, {
      method: 'POST',
      body: new URLSearchParams({ id_token: 't' }),
    });
    expect(seen.at(-1)).toMatchObject({
      body: 'id_token=t',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    });
    expect((await nodeFetch(`${base}/empty`)).status).toBe(204);
  });

  it('through the LINE client: a 429 keeps its Retry-After; a timeout and a refused connection are failures', async () => {
    const client = (apiBaseUrl: string, timeoutMs = 10_000) =>
      new LineClient({
        apiBaseUrl,
        dataApiBaseUrl: apiBaseUrl,
        channelAccessToken: 't',
        fetch: nodeFetch,
        timeoutMs,
      });
    const err = await client(base)
      .push('U1', [{ type: 'text', text: 'x' }], 'key')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LineApiError);
    expect(err).toMatchObject({ status: 429, retryAfter: '7' });
    await expect(
      nodeFetch(`${base}/slow`, { signal: AbortSignal.timeout(100) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    // Headers in time, then the body stalls: the timeout still ends the call (the request's
    // `signal` errors the answer's stream, so nothing hangs until the outbox lease runs out).
    const started = Date.now();
    await expect(
      nodeFetch(`${base}/stalled-body`, { signal: AbortSignal.timeout(150) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(nodeFetch('http://127.0.0.1:1/')).rejects.toBeInstanceOf(TypeError);
  });
});
