import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
