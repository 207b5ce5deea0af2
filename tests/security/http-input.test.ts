import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bot/app';
import { bodyLimitFor } from '../../bot/http/body-limit';
import { liffStaticRoutes } from '../../bot/liff-static';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

/** Issue 12: bad percent-encoding and oversized bodies are the client's mistake, never a 500. */
describe('HTTP input limits', () => {
  let h: Harness;
  let liffDir: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    h = await createHarness();
    liffDir = await mkdtemp(join(tmpdir(), 'fs-liff-'));
    await mkdir(join(liffDir, 'liff'));
    await writeFile(join(liffDir, 'liff', 'survey.html'), '<!doctype html><title>x</title>');
    app = createApp({
      ...h.deps,
      extraRoutes: (a) => a.route('/liff', liffStaticRoutes(liffDir)),
    });
  });
  afterAll(async () => {
    await h.close();
    await rm(liffDir, { recursive: true, force: true });
  });

  it('answers 400 with a Thai reason to bad percent-encoding, never 500', async () => {
    for (const path of ['/liff/%E0%A4%A', '/liff/%', '/liff/assets/%ZZ.js']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error).toEqual({ code: 'bad_url', message: th.sec.badUrl });
    }
    expect((await app.request('/liff/survey.html')).status).toBe(200);
    // Elsewhere a bad escape is a 404 or a Thai page, not a crash.
    for (const path of ['/public/%E0%A4%A/track', `/api/staff/${h.slug}/cases/%E0%A4%A`]) {
      expect((await app.request(path)).status, path).toBeLessThan(500);
    }
  });

  const big = (n: number) => 'a'.repeat(n);
  const routes = () => [
    { path: `/public/${h.slug}/track`, type: 'application/x-www-form-urlencoded', html: true },
    { path: `/public/${h.slug}/corruption`, type: 'application/x-www-form-urlencoded', html: true },
    { path: `/api/survey/${h.slug}/responses`, type: 'application/json' },
    { path: `/api/survey/${h.slug}/staff/paper`, type: 'application/json' },
    { path: `/api/survey/${h.slug}/staff/rounds/2569-1`, type: 'application/json' },
    { path: `/api/staff/${h.slug}/link`, type: 'application/json' },
    { path: `/api/staff/${h.slug}/cases/${crypto.randomUUID()}/accept`, type: 'application/json' },
    { path: `/api/staff/${h.slug}/cases/${crypto.randomUUID()}/state`, type: 'application/json' },
    { path: `/webhook/${h.slug}`, type: 'application/json' },
    { path: `/webhook`, type: 'application/json' },
  ];

  it('refuses a body over its route limit with 413, a reason and Connection: close', async () => {
    for (const r of routes()) {
      const limit = bodyLimitFor(r.path);
      const res = await app.request(r.path, {
        method: 'POST',
        headers: { 'Content-Type': r.type, 'Content-Length': String(limit + 1) },
        body: big(limit + 1),
      });
      expect(res.status, r.path).toBe(413);
      expect(res.headers.get('connection'), r.path).toBe('close');
      if (r.html) {
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(await res.text()).toContain(th.sec.tooLargeTitle);
      } else {
        const body = (await res.json()) as { error: { code: string; reason: string } };
        expect(body.error.code, r.path).toBe('payload_too_large');
        expect(body.error.reason).toBe('body_too_large');
      }
    }
  });

  it('counts a chunked body (no Content-Length) while it streams', async () => {
    const path = `/public/${h.slug}/track`;
    const limit = bodyLimitFor(path);
    let sent = 0;
    const chunk = new TextEncoder().encode(big(8192));
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        // A sender that would go on for 400 MB; we stop reading at the limit.
        if (sent > 400 * 1024 * 1024) return ctrl.close();
        sent += chunk.length;
        ctrl.enqueue(chunk);
      },
    });
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: stream,
      // @ts-expect-error Node's fetch needs this for a streamed body
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(limit + 3 * chunk.length);
  });

  it('keeps the limits small for forms and JSON, large only for uploads', () => {
    expect(bodyLimitFor(`/public/x/track`)).toBeLessThanOrEqual(32 * 1024);
    expect(bodyLimitFor(`/api/survey/x/responses`)).toBeLessThanOrEqual(64 * 1024);
    expect(bodyLimitFor(`/api/staff/x/cases/y/accept`)).toBeLessThanOrEqual(64 * 1024);
    expect(bodyLimitFor(`/public/x/corruption`)).toBeGreaterThan(10 * 1024 * 1024);
    expect(bodyLimitFor(`/api/staff/x/cases/y/state`)).toBeGreaterThan(15 * 1024 * 1024);
    expect(bodyLimitFor(`/somewhere/else`)).toBeLessThanOrEqual(16 * 1024);
  });

  it('lets a body under the limit through to the route', async () => {
    const path = `/public/${h.slug}/track`;
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `code=FS-0000-AAAA&pin=123456&pad=${big(10_000)}`,
    });
    expect(res.status).toBe(403); // no form token: the route ran, the limit did not refuse it
  });
});
