import { describe, expect, it } from 'vitest';
import { thAdmin } from '../../shared/text/th-admin';
import { useServerAndBrowser } from '../helpers/e2e';

const W = thAdmin.console;
const V = W.surveys;

describe('the admin console: survey versions and rounds (Chromium, LIFF mock, 390×844)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('an admin copies the survey into a draft, sees a Thai error by path, publishes it, and creates the next round', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    const admin = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('dialog', (d) => void d.accept());
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${admin.lineUserId}`);
      await page.locator('#admin-link').click();
      await page.getByRole('link', { name: W.tabs.surveys }).click();
      await page.getByRole('button', { name: V.fromCurrent }).click();
      await expect.poll(() => page.locator('#survey-status').textContent()).toMatch(/ร่างฉบับที่/);
      const draft = page.locator('details[data-published="false"]').first();
      await draft.locator('summary').click();
      const area = draft.locator('textarea');
      await expect.poll(() => area.inputValue()).toContain('"sections"');

      // A broken title: "ตรวจสอบ" names the path, in Thai; nothing is published.
      const def = JSON.parse(await area.inputValue()) as { title: string };
      await area.fill(JSON.stringify({ ...def, title: '' }, null, 2));
      await draft.getByRole('button', { name: V.check }).click();
      await expect.poll(() => draft.locator('.saved').textContent()).toContain('title');
      await area.fill(JSON.stringify({ ...def, title: 'แบบสำรวจฉบับใหม่' }, null, 2));
      await draft.getByRole('button', { name: V.check }).click();
      await expect.poll(() => draft.locator('.saved').textContent()).toBe(V.checkOk);

      // Publish (after the confirm dialog): the version is listed as published, read-only.
      await draft.getByRole('button', { name: V.publish }).click();
      await expect.poll(() => page.locator('#survey-status').textContent()).toMatch(/^เผยแพร่ฉบับที่/);
      expect(await page.locator('details[data-published="false"]').count()).toBe(0);
      await expect
        .poll(() => page.locator('.admin-surveys').textContent())
        .toContain('แบบสำรวจฉบับใหม่');

      // The next round, once.
      const next = page.locator('#round-next');
      const label = (await next.getAttribute('data-label'))!;
      await next.click();
      await expect
        .poll(() => page.locator('#round-status').textContent())
        .toBe(V.roundCreated(label));
      expect(await page.locator('table').textContent()).toContain(label);
      expect(await page.locator('#round-next').count()).toBe(0);
      // Nothing on this screen wider than the phone (the mock's own user picker aside).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('section, section *, nav.admin-tabs')]
          .filter((e) => e.getBoundingClientRect().right > 391)
          .map((e) => e.tagName),
      );
      expect(wide).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
