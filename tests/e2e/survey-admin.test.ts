import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundOf } from '../../shared/survey/rounds';
import { th } from '../../shared/text/th';
import { useServerAndBrowser } from '../helpers/e2e';

const W = th.survey.console;

describe('survey administration in the staff console (Chromium, LIFF mock)', () => {
  const e2e = useServerAndBrowser({ liff: true });
  let staff: { name: string; position: string; lineUserId: string }[];

  beforeAll(async () => {
    ({ staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { name: string; position: string; lineUserId: string }[];
    });
  });

  const label = roundOf(new Date()).label;
  const roundItem = (page: Page) => page.locator(`li[data-label="${label}"]`);
  const respondents = async (page: Page) =>
    Number(await roundItem(page).getByTestId('round-respondents').getAttribute('data-count'));

  it('a granted typist enters a paper form; it counts in the round once the clerk confirms the batch', async () => {
    const clerk = staff.find((s) => s.position === 'ปลัดเทศบาล')!; // clerk's office and admin
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    page.on('dialog', (d) => void d.accept());
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}`);
      await page.locator('#rounds-link').click();
      await roundItem(page).waitFor();
      const before = await respondents(page);

      // Set the target sample: the progress bar appears.
      await roundItem(page).getByLabel(W.target).fill('30');
      await roundItem(page).getByRole('button', { name: W.setTarget }).click();
      await page.locator('#rounds-status').getByText(W.done).waitFor();
      expect(await roundItem(page).textContent()).toContain(W.respondents(before, 30));
      expect(await roundItem(page).locator('progress').getAttribute('max')).toBe('100');

      // The paper form is for staff an admin granted paper entry (the finance head in the
      // demo); the clerk sees the batches, not the form.
      const typist = staff.find((s) => s.position === 'ผู้อำนวยการกองคลัง')!;
      await page.locator('a[href="#"]').first().click();
      await page.locator('#paper-link').click();
      await page.locator('#paper-title').waitFor();
      expect(await page.locator('#paper-form').count()).toBe(0);
      expect(await page.locator('#app').textContent()).toContain(th.survey.errors.paperNotGranted);

      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${typist.lineUserId}#paper`);
      await page.locator('#paper-form').waitFor();
      const required = page.locator('fieldset[aria-required="true"]');
      const n = await required.count();
      expect(n).toBeGreaterThan(5);
      await page.locator('#paper-save').click();
      expect(await page.locator('#paper-status').textContent()).toBe(W.missing(n));

      for (let i = 0; i < n; i++) await required.nth(i).locator('input').last().check();
      await page.locator('textarea[name="comment"]').fill('กรอกจากแบบกระดาษ ฉบับที่ 1');
      await page.locator('#paper-save').click();
      await expect.poll(() => page.locator('#paper-status').textContent()).toMatch(/ชุดที่ \d+/);
      const saved = (await page.locator('#paper-status').textContent())!;
      const batch = Number(/ชุดที่ (\d+)/.exec(saved)![1]);
      expect(saved).toBe(W.saved(batch, 1));
      // The typist cannot confirm their own batch.
      expect(await page.locator(`li[data-batch="${batch}"] form`).count()).toBe(0);

      // Not counted until a second person confirms.
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}#rounds`);
      await roundItem(page).waitFor();
      expect(await respondents(page)).toBe(before);
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}#paper`);
      const item = page.locator(`li[data-batch="${batch}"]`);
      await item.waitFor();
      expect(await item.textContent()).toContain(W.batchPending);
      await item.getByLabel(W.confirmCount(1)).fill('1');
      await item.getByRole('button', { name: W.confirmBatch }).click();
      await page.locator('#paper-status').getByText(W.done).waitFor();
      expect(await page.locator(`li[data-batch="${batch}"]`).textContent()).not.toContain(
        W.batchPending,
      );

      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}#rounds`);
      await roundItem(page).waitFor();
      expect(await respondents(page)).toBe(before + 1);
      expect(await roundItem(page).textContent()).toContain(W.paperCount(1));

      // Closed round: the API refuses the next paper form, and the console says so in Thai.
      await roundItem(page).getByRole('button', { name: W.close }).click();
      await page.locator('#rounds-status').getByText(W.done).waitFor();
      expect(await roundItem(page).textContent()).toContain(W.isClosed);
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${typist.lineUserId}#paper`);
      await page.locator('#paper-form').waitFor();
      for (let i = 0; i < n; i++) await required.nth(i).locator('input').first().check();
      await page.locator('#paper-save').click();
      await expect.poll(() => page.locator('#paper-status').textContent()).toBe(W.roundClosed);
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}#rounds`);
      await roundItem(page).getByRole('button', { name: W.open }).click();
      await page.locator('#rounds-status').getByText(W.done).waitFor();
      expect(await roundItem(page).textContent()).toContain(W.isOpen);
      expect(await respondents(page)).toBe(before + 1);
    } finally {
      await page.close();
    }
  });

  it('an officer sees the rounds but cannot open, close or set targets', async () => {
    const officer = staff.find((s) => s.position === 'นายช่างไฟฟ้า')!;
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${officer.lineUserId}#rounds`);
      await roundItem(page).waitFor();
      expect(await page.locator('#app').textContent()).toContain(W.readOnly);
      expect(await roundItem(page).locator('form').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
