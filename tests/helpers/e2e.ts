import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../bot/logger';
import { startServer, type RunningServer } from '../../bot/node-server';
import { launchChromium } from './browser';
import { simulatorEnv } from './server';

/**
 * For a browser test file: `npm start` in simulator mode on a fresh DATA_DIR and a free
 * port, plus Debian's Chromium, started before the tests and stopped after them.
 */
export function useServerAndBrowser(): { server: RunningServer; browser: Browser; base: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-e2e-'));
  const ctx = {} as { server: RunningServer; browser: Browser; base: string };
  beforeAll(async () => {
    ctx.server = await startServer(simulatorEnv(dataDir), {
      logger: silentLogger,
      host: '127.0.0.1',
    });
    ctx.base = `http://127.0.0.1:${ctx.server.port}`;
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return ctx;
}
