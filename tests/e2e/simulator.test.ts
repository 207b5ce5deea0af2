import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/logger';
import { simulatorEnv } from '../helpers/server';
import { startServer, type RunningServer } from '../../bot/node-server';
import { th } from '../../shared/text/th';
import { launchChromium } from '../helpers/browser';

describe('the LINE simulator in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-e2e-'));
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const env = simulatorEnv(dataDir);
    server = await startServer(env, { logger: silentLogger, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends a message and shows the bot’s reply with quick replies', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 760 } });
    const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
    await page.goto(`http://127.0.0.1:${server.port}/dev/line?user=${userId}`);

    await page.locator('#composer-input').fill('ไฟถนนดับหน้าโรงเรียน');
    await page.locator('#composer-send').click();
    await expect
      .poll(() => page.getByTestId('user-message').allTextContents())
      .toContain('ไฟถนนดับหน้าโรงเรียน');

    const reply = page.getByTestId('bot-message').filter({ hasText: 'ไฟถนนดับหน้าโรงเรียน' });
    await reply.first().waitFor({ timeout: 15_000 });
    const chips = await page.getByTestId('quick-reply').allTextContents();
    expect(chips.map((c) => c.trim())).toEqual(Object.values(th.menu));

    // Tapping a quick reply sends its text as the user and gets another answer.
    const before = await page.getByTestId('bot-message').count();
    await page.getByTestId('quick-reply').filter({ hasText: th.menu.track }).click();
    await expect
      .poll(() => page.getByTestId('bot-message').count(), { timeout: 15_000 })
      .toBeGreaterThan(before);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'simulator.png') });
  });

  it('greets a new follower with the organisation’s name and the privacy notice', async () => {
    const page = await browser.newPage();
    const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
    await page.goto(`http://127.0.0.1:${server.port}/dev/line?user=${userId}`);
    await page.locator('#btn-follow').click();
    await page
      .getByTestId('bot-message')
      .filter({ hasText: 'เทศบาลตำบลฟังเสียง' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page
      .getByTestId('bot-message')
      .filter({ hasText: 'พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล' })
      .first()
      .waitFor();
  });
});
