import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../../bot/http/security-headers';
import { silentLogger } from '../../bot/logger';
import { startServer, type RunningServer } from '../../bot/node-server';
import { simulatorEnv } from '../helpers/server';

/**
 * Issue 12: a CSP on every HTML page the Node server answers, `frame-ancestors` open only on
 * the public views meant for embedding (`?embed=1`); nosniff and a referrer policy everywhere;
 * every inline script of a page allowed by this response's nonce or its hash, no other way.
 */
describe('security headers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangsiang-headers-'));
  let server: RunningServer;
  let base: string;
  const LIFF_PAGE = `<!doctype html><html><head><script>window.early = 1;</script>
<script type="module" src="/liff/assets/app.js"></script></head><body></body></html>`;

  beforeAll(async () => {
    // A stand-in for the LIFF build: a page with an inline script, as survey.html has.
    mkdirSync(join(dir, 'dist/liff'), { recursive: true });
    for (const f of ['survey.html', 'console.html', 'report.html'])
      writeFileSync(join(dir, 'dist/liff', f), LIFF_PAGE);
    server = await startServer(
      { ...simulatorEnv(join(dir, 'data')), PUBLIC_EMBED_ANCESTORS: 'https://www.example.go.th' },
      { logger: silentLogger, host: '127.0.0.1', jobs: false, liffDir: join(dir, 'dist') },
    );
    base = `http://127.0.0.1:${server.port}`;
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';
  const directive = (policy: string, name: string) =>
    policy
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? '';

  /** Every inline script of the page runs only by this response's nonce or a listed hash. */
  async function checkScripts(html: string, policy: string) {
    const script = directive(policy, 'script-src');
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)];
    const hashes = await inlineScriptHashes(html);
    inline.forEach((m, i) => {
      const nonce = /\bnonce="([^"]+)"/.exec(m[1]!)?.[1];
      const ok = nonce ? script.includes(`'nonce-${nonce}'`) : script.includes(`'${hashes[i]}'`);
      expect(ok, `inline script ${i} of the page is allowed`).toBe(true);
    });
  }

  const pages: { path: string; ancestors: string }[] = [
    { path: '/dev/line', ancestors: "'none'" },
    { path: '/guide/README.md', ancestors: "'none'" },
    { path: '/liff/survey.html?org=demo', ancestors: "'self'" },
    { path: '/liff/console.html?org=demo', ancestors: "'self'" },
    { path: '/liff/report.html?org=demo', ancestors: "'self'" },
    { path: '/liff/', ancestors: "'self'" },
    { path: '/operator', ancestors: "'none'" },
    { path: '/public/demo', ancestors: "'none'" },
    { path: '/public/demo/corruption', ancestors: "'none'" },
    { path: '/public/demo/corruption?embed=1', ancestors: "'none'" },
    { path: '/public/demo/track', ancestors: "'none'" },
    { path: '/public/demo/track?embed=1', ancestors: "'none'" },
    { path: '/public/demo/channels', ancestors: "'none'" },
    { path: '/public/demo/stats/services', ancestors: "'none'" },
    { path: '/public/demo/stats/services?embed=1', ancestors: 'https://www.example.go.th' },
    { path: '/public/demo/stats/corruption?embed=1', ancestors: 'https://www.example.go.th' },
    { path: '/public/demo/services?embed=1', ancestors: 'https://www.example.go.th' },
    { path: '/public/demo/reports?embed=1', ancestors: 'https://www.example.go.th' },
    { path: '/public/demo/survey/poster/front-desk', ancestors: "'none'" },
    { path: '/public/no-such-org', ancestors: "'none'" },
  ];

  it.each(pages)('$path: a CSP, frame-ancestors $ancestors', async ({ path, ancestors }) => {
    const res = await fetch(base + path, { redirect: 'manual' });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = csp(res);
    expect(policy).toContain("default-src 'none'");
    expect(directive(policy, 'frame-ancestors')).toBe(`frame-ancestors ${ancestors}`);
    expect(directive(policy, 'base-uri')).toBe("base-uri 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    if (ancestors === "'none'") expect(res.headers.get('x-frame-options')).toBe('DENY');
    await checkScripts(await res.text(), policy);
  });

  it('LIFF pages may load the LINE SDK and call LINE and our API; nothing else may', async () => {
    const policy = csp(await fetch(`${base}/liff/survey.html`));
    expect(directive(policy, 'script-src')).toContain('https://static.line-scdn.net');
    expect(directive(policy, 'connect-src')).toMatch(/^connect-src 'self' https:\/\/api\.line\.me/);
    // Other pages load no script from elsewhere.
    const other = csp(await fetch(`${base}/public/demo`));
    expect(directive(other, 'script-src')).not.toContain('https:');
  });

  it('every other answer (JSON, Markdown, images, errors) carries nosniff and a closed CSP', async () => {
    for (const path of [
      '/healthz',
      '/api/survey/demo',
      '/guide/README.md?raw=1',
      '/public/demo/stats/services.csv',
      '/public/demo/survey/qr/front-desk.svg',
      '/no/such/route',
      '/liff/%E0%A4%A',
    ]) {
      const res = await fetch(base + path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(csp(res), path).toBe("default-src 'none'; frame-ancestors 'none'");
      await res.arrayBuffer();
    }
  });
});
