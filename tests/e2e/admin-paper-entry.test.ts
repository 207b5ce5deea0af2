import { describe, expect, it } from 'vitest';
import { thAdmin } from '../../shared/text/th-admin';
import { useServerAndBrowser } from '../helpers/e2e';

const W = thAdmin.console;

describe('the admin console: granting paper survey entry (Chromium, LIFF mock, 390×844)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('an admin grants paper_entry on the staff screen, it is kept, and taken back', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    const admin = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('dialog', (d) => void d.accept());
    try {
      await page.goto(
        `${e2e.base}/liff/console.html?org=demo&user=${admin.lineUserId}#admin/staff`,
      );
      const member = page.locator('details[data-staff]', { hasText: 'นายช่างไฟฟ้า' });
      const box = () => member.getByLabel(W.paperEntry);
      const set = async (on: boolean) => {
        await member.locator('summary').click();
        await box().setChecked(on);
        await member.getByRole('button', { name: W.save }).click();
        await member.locator('.saved').getByText(W.saved).waitFor();
        await page.reload();
        await member.waitFor();
      };
      await member.waitFor();
      expect(await box().isChecked()).toBe(false);
      await set(true);
      expect(await box().isChecked()).toBe(true);
      expect(await member.locator('summary small').textContent()).toContain(W.paperEntry);
      // The officer's other role is kept.
      expect(await member.getByLabel(W.roles.officer).isChecked()).toBe(true);
      await set(false);
      expect(await box().isChecked()).toBe(false);
      expect(await member.locator('summary small').textContent()).not.toContain(W.paperEntry);
    } finally {
      await page.close();
    }
  }, 180_000);
});
