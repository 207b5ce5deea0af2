import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../../bot/http/security-headers';
import { writeWorkersHeaders } from '../../scripts/liff-headers';
import { firstScreenGzip } from '../helpers/liff-size';

/** Decision 030: each resident page's first screen is ≤ 40 KB gzipped, the LINE SDK included. */
const LIMIT = 40 * 1024;

describe('LIFF pages: gzipped first screen with the LINE SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangsiang-liff-size-'));
  const liffDir = join(dir, 'liff');
  beforeAll(async () => {
    await build({
      configFile: join(import.meta.dirname, '../../liff-app/vite.config.ts'),
      logLevel: 'error',
      build: { outDir: liffDir },
    });
    await writeWorkersHeaders(liffDir);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const page of ['survey.html', 'report.html']) {
    it(`${page} ≤ 40 KB with the pluggable SDK`, () => {
      const s = firstScreenGzip(liffDir, page);
      console.log(`${page}: ${s.total} B gzipped (SDK ${s.sdk} B) ${JSON.stringify(s.files)}`);
      // The SDK chunk is really there and is the pluggable core, not the whole SDK (~35 KB).
      expect(s.sdk).toBeGreaterThan(10_000);
      expect(s.sdk).toBeLessThan(30_000);
      expect(s.total).toBeLessThanOrEqual(LIMIT);
    });
  }

  it('writes _headers for Workers: each page with its CSP allowing exactly its inline scripts', async () => {
    const headers = readFileSync(join(dir, '_headers'), 'utf8');
    for (const page of ['survey', 'console', 'report']) {
      const html = readFileSync(join(liffDir, `${page}.html`), 'utf8');
      const block = headers.split(`/liff/${page}.html\n`)[1]!.split('\n')[0]!;
      expect(block).toMatch(/^ {2}Content-Security-Policy: default-src 'none'/);
      expect(block).toContain("frame-ancestors 'self'");
      for (const h of await inlineScriptHashes(html)) expect(block).toContain(`'${h}'`);
      expect(headers).toContain(`/liff/${page}\n  Content-Security-Policy: `);
    }
    expect(headers).toMatch(/^\/liff\/\*\n {2}X-Content-Type-Options: nosniff/);
  });
});
