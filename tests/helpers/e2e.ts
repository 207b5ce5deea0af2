import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../bot/logger';
import { startServer, type RunningServer } from '../../bot/node-server';
import { launchChromium } from './browser';
import { simulatorEnv } from './server';

export interface E2e {
  server: RunningServer;
  browser: Browser;
  /** e.g. http://127.0.0.1:40123 */
  base: string;
  /** The test's own folder: `data/` (DATA_DIR) and, with `liff`, `dist/liff/` (the build). */
  dir: string;
}

/**
 * For a browser test file: `npm start` in simulator mode on a fresh DATA_DIR and a free
 * port, plus Debian's Chromium, started before the tests and stopped after them. With
 * `liff: true` the LIFF app is first built (as `npm run build:liff` does) into the test's
 * folder and served from there.
 */
export function useServerAndBrowser(
  opts: { liff?: boolean; env?: Record<string, string> } = {},
): E2e {
  const ctx = { dir: mkdtempSync(join(tmpdir(), 'fangsiang-e2e-')) } as E2e;
  beforeAll(async () => {
    if (opts.liff) {
      const { build } = await import('vite');
      await build({
        configFile: join(import.meta.dirname, '../../liff-app/vite.config.ts'),
        logLevel: 'error',
        build: { outDir: join(ctx.dir, 'dist/liff') },
      });
    }
    ctx.server = await startServer(simulatorEnv(join(ctx.dir, 'data'), opts.env), {
      logger: silentLogger,
      host: '127.0.0.1',
      ...(opts.liff ? { liffDir: join(ctx.dir, 'dist') } : {}),
    });
    ctx.base = `http://127.0.0.1:${ctx.server.port}`;
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    rmSync(ctx.dir, { recursive: true, force: true });
  });
  return ctx;
}
