import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_RESIDENTS } from '../../bot/dev/people';
import { silentLogger } from '../../bot/logger';
import { startServer, type RunningServer } from '../../bot/node-server';
import { th } from '../../shared/text/th';
import { simulatorMore as M } from '../../shared/text/th-simulator';
import { launchChromium } from '../helpers/browser';
import { simulatorEnv } from '../helpers/server';

/** Screenshots go to E2E_SCREENSHOTS when set (to look at), else the test's own folder. */
const PHONE = { width: 390, height: 844 };

describe('the LINE simulator shows what residents and staff see (390×844, Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangsiang-sim-'));
  const shots = process.env.E2E_SCREENSHOTS ?? join(dir, 'shots');
  const env = simulatorEnv(join(dir, 'data'));
  let server: RunningServer;
  let browser: Browser;
  const start = async () =>
    (server = await startServer(env, { logger: silentLogger, host: '127.0.0.1' }));
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const base = () => `http://127.0.0.1:${server.port}`;
  const botSays = (page: Page, text: string) =>
    page.getByTestId('bot-message').filter({ hasText: text }).last().waitFor({ timeout: 20_000 });

  it('rich menu taps, a staff member’s chat gets the new-case alert, chats survive a restart', async () => {
    const resident = SIMULATED_RESIDENTS[0];
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base()}/dev/line`);
    // The page says how to open a staff member's chat.
    await page.getByText(M.help).waitFor();
    await page.getByTestId('who').selectOption(resident.userId);
    await page.locator('#user-name', { hasText: resident.displayName }).waitFor();

    // The organisation's rich menu under the chat: six areas, reachable at phone width.
    const area = (label: string) => page.getByTestId('rich-menu-area').filter({ hasText: label });
    expect(await page.getByTestId('rich-menu-area').count()).toBe(6);
    for (const label of [th.menu.contact, th.menu.survey]) {
      const box = (await area(label).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await area(th.menu.contact).click();
    await page.getByTestId('user-message').filter({ hasText: th.menu.contact }).waitFor();
    await botSays(page, 'ติดต่อเทศบาลตำบลฟังเสียง');
    await area(th.menu.survey).click();
    await page.getByTestId('user-message').filter({ hasText: th.menu.survey }).waitFor();
    await botSays(page, th.conv.surveyInvite);
    // The survey link is a button (a uri action), never a bare URL in the text.
    await page
      .getByTestId('quick-reply')
      .filter({ hasText: th.conv.surveyButton })
      .last()
      .waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(shots, 'simulator-resident.png') });

    // The resident files a street-light report (through the LIFF form's API, as the rich
    // menu's แจ้งเหตุ does) ...
    const { idToken } = (await (
      await fetch(`${base()}/dev/line/platform/liff-mock/id-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: resident.userId, clientId: 'simulator' }),
      })
    ).json()) as { idToken: string };
    const form = new FormData();
    form.set('category', 'street_light');
    form.set('description', 'ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
    form.set('place', 'หน้าวัดป่า ซอย 3');
    const filed = await fetch(`${base()}/api/report/demo/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${idToken}` },
      body: form,
    });
    expect(filed.status).toBe(201);
    const code = ((await filed.json()) as { case: { trackingCode: string } }).case.trackingCode;
    await botSays(page, code);

    // ... and the works division's staff, bound to simulated LINE users from the start, get the alert.
    const { staff } = (await (await fetch(`${base()}/dev/line/api/people`)).json()) as {
      staff: { name: string; position: string; lineUserId: string }[];
    };
    expect(staff.length).toBeGreaterThanOrEqual(7);
    const head = staff.find((s) => s.position === 'ผู้อำนวยการกองช่าง')!;
    await page.getByTestId('who').selectOption(head.lineUserId);
    await page.locator('#staff-bar').getByText(M.staffNote).waitFor();
    await botSays(page, code);
    await page.screenshot({ path: join(shots, 'simulator-staff.png') });

    // A restart on the same DATA_DIR: both chats are still there.
    await page.close();
    await server.stop();
    await start();
    const again = await browser.newPage({ viewport: PHONE });
    await again.goto(`${base()}/dev/line`);
    await again.getByTestId('who').selectOption(head.lineUserId);
    await botSays(again, code);
    await again.getByTestId('who').selectOption(resident.userId);
    await again.getByTestId('user-message').filter({ hasText: th.menu.contact }).waitFor();
    await botSays(again, code);
    await again.screenshot({ path: join(shots, 'simulator-after-restart.png') });
    await again.close();
  });
});
