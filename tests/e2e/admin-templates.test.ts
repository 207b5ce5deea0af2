import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thAdmin } from '../../shared/text/th-admin';
import { useServerAndBrowser } from '../helpers/e2e';

const W = thAdmin.console;
const M = W.templates;
const L = thAdmin.templates.labels;
/** Screenshots for the clerks' guide (docs/guide), retaken by every run so they never go stale. */
const SHOTS = join(import.meta.dirname, '../../docs/guide/img');

/** A new friend in the simulator; the first message the bot answers with. */
async function greetingOf(base: string): Promise<string> {
  const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
  await fetch(`${base}/dev/line/api/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, kind: 'follow' }),
  });
  const end = Date.now() + 15_000;
  for (;;) {
    const r = await fetch(`${base}/dev/line/api/messages?userId=${userId}&after=0`);
    const { messages } = (await r.json()) as { messages: { message: { text?: string } }[] };
    if (messages.length) return messages[0]!.message.text ?? '';
    if (Date.now() > end) throw new Error('no answer');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the admin console: message templates (Chromium, LIFF mock)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('an admin rewords the greeting with a live LINE preview; the bot uses it, and reset restores it', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    const admin = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    const before = await greetingOf(e2e.base);
    mkdirSync(SHOTS, { recursive: true });
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('dialog', (d) => void d.accept());
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${admin.lineUserId}`);
      await page.locator('#admin-link').click();
      await page.getByRole('link', { name: W.tabs.templates }).click();
      const item = page.locator('details[data-template="greeting"]');
      await item.locator('summary').first().click();
      const box = item.getByLabel(L.greeting);
      const preview = item.locator('[data-preview="greeting"] .line-bubble');
      expect(await preview.textContent()).toBe(before);

      // The preview follows the typing, the organisation's name in place of {org}.
      const orgName = before.match(/ของ(.+?) ท่าน/)![1]!;
      await box.fill('สวัสดีค่ะ ยินดีต้อนรับสู่ไลน์ของ{org} พิมพ์ "เมนู" ได้ทุกเมื่อ');
      await expect
        .poll(() => preview.textContent())
        .toBe(`สวัสดีค่ะ ยินดีต้อนรับสู่ไลน์ของ${orgName} พิมพ์ "เมนู" ได้ทุกเมื่อ`);
      // Nothing of this screen is wider than the phone (the simulator's staff picker aside).
      const wide = await page.evaluate(
        () =>
          [...document.querySelectorAll('ul.admin-templates *')].filter(
            (e) => e.getBoundingClientRect().right > 391,
          ).length,
      );
      expect(wide).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'admin-templates-phone.png'), fullPage: true });

      // Tapping a placeholder puts it at the cursor (no braces to type on a phone).
      await box.fill('ยินดีต้อนรับสู่ ');
      await item
        .getByRole('button', { name: M.insert('org', thAdmin.templates.placeholders.org) })
        .click();
      expect(await box.inputValue()).toBe('ยินดีต้อนรับสู่ {org}');
      await expect.poll(() => preview.textContent()).toBe(`ยินดีต้อนรับสู่ ${orgName}`);

      // A placeholder this message does not know is refused by the server, in Thai, by name.
      await box.fill('สวัสดี {code}');
      await item.getByRole('button', { name: W.save }).click();
      await expect
        .poll(() => item.locator('.saved.error').textContent())
        .toContain(thAdmin.templates.unknown('code', '{org}'));

      await box.fill('สวัสดีค่ะ ยินดีต้อนรับสู่ไลน์ของ{org}');
      await item.getByRole('button', { name: W.save }).click();
      const saved = page.locator('details[data-template="greeting"]');
      await saved.locator('.saved').getByText(W.saved).waitFor();
      expect(await saved.locator('summary .chip').first().textContent()).toBe(M.custom);
      expect(await greetingOf(e2e.base)).toBe(`สวัสดีค่ะ ยินดีต้อนรับสู่ไลน์ของ${orgName}`);

      // Reset: the catalogue's greeting is back, in the editor and in the chat.
      await saved.getByRole('button', { name: M.reset }).click();
      await page
        .locator('details[data-template="greeting"] .saved')
        .getByText(M.resetDone)
        .waitFor();
      expect(await page.locator('details[data-template="greeting"] textarea').inputValue()).toBe(
        before.replace(orgName, '{org}'),
      );
      expect(await greetingOf(e2e.base)).toBe(before);

      // Desktop: the editor and the preview side by side.
      await page.setViewportSize({ width: 1280, height: 900 });
      const receipt = page.locator('details[data-template="caseReceipt"]');
      await receipt.locator('summary').first().click();
      await receipt.locator('.line-card').waitFor();
      await page.screenshot({ path: join(SHOTS, 'admin-templates-desktop.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 180_000);
});
