import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOGO_TOO_BIG } from '../../shared/admin/schemas';
import { thAdmin } from '../../shared/text/th-admin';
import { useServerAndBrowser } from '../helpers/e2e';

const W = thAdmin.console;
const P = W.profile;
/** Screenshots for the clerks' guide (docs/guide), retaken by every run so they never go stale. */
const SHOTS = join(import.meta.dirname, '../../docs/guide/img');
/** A 1280×900 PNG: larger than the 256×256 a logo is shrunk to. */
const BIG_PNG = join(import.meta.dirname, '../../docs/guide/img/admin-faq-desktop.png');

describe('the admin console: organisation profile (Chromium, LIFF mock, 390×844)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('an admin sets a logo and a signatory, sees the preview, and finds them saved', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    const admin = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    mkdirSync(SHOTS, { recursive: true });
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('dialog', (d) => void d.accept());
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${admin.lineUserId}`);
      await page.locator('#admin-link').click();
      await page.getByRole('link', { name: W.tabs.profile }).click();
      const form = page.locator('#profile-form');
      await form.waitFor();

      // A logo over the limit is refused here, in Thai, and nothing is chosen.
      await page.locator('#logo-file').setInputFiles({
        name: 'huge.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(300_000)}</svg>`),
      });
      await expect.poll(() => page.locator('#logo-msg').textContent()).toBe(LOGO_TOO_BIG);
      expect(await page.locator('#logo-img').count()).toBe(0);

      // A large PNG is shrunk to at most 256×256 and shown in the residents' preview.
      await page.locator('#logo-file').setInputFiles(BIG_PNG);
      await expect.poll(() => page.locator('#logo-msg').textContent()).toBe(P.logoReady);
      await page.getByLabel(P.phone).fill('043-999888');
      await page.getByLabel(P.website).fill('https://demo.go.th');
      const executive = page.locator('fieldset.signer', { hasText: P.executive });
      await executive.getByLabel(P.signName).fill('นายสมชาย ใจดี');
      await executive.getByLabel(P.signPosition).fill('นายกเทศมนตรีตำบลตัวอย่าง');
      const preview = page.locator('#profile-preview');
      expect(await preview.textContent()).toContain('043-999888');
      await form.getByRole('button', { name: W.save }).click();
      await form.locator('.saved').getByText(W.saved).waitFor();
      expect(await page.locator('#line-contact').textContent()).toContain('โทร 043-999888');
      await page.screenshot({ path: join(SHOTS, 'admin-profile-phone.png'), fullPage: true });

      // Saved: a fresh page reads it all back from the server.
      await page.reload();
      await form.waitFor();
      const size = await page
        .locator('#logo-img')
        .evaluate((img: HTMLImageElement) =>
          img.decode().then(() => [img.naturalWidth, img.naturalHeight, img.src.slice(0, 22)]),
        );
      expect(size[0]).toBe(256);
      expect(size[1]).toBeLessThanOrEqual(256);
      expect(size[2]).toBe('data:image/png;base64,');
      expect(await executive.getByLabel(P.signName).inputValue()).toBe('นายสมชาย ใจดี');
      expect(await executive.getByLabel(P.signPosition).inputValue()).toBe('นายกเทศมนตรีตำบลตัวอย่าง');
      // The whole-organisation file: a file that is not JSON is refused; a good one previewed.
      await page.locator('details.org-file summary').click();
      const orgFile = page.locator('#org-file-input');
      await orgFile.setInputFiles({
        name: 'x.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{'),
      });
      await page.locator('#org-file-result').getByText(W.orgFile.notJson).waitFor();
      const doc = {
        format: 'fangsiang.org/1',
        org: { name: 'ทดสอบ' },
        holidays: [{ day: '2099-07-07', name: 'ก' }],
      };
      await orgFile.setInputFiles({
        name: 'org.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(doc)),
      });
      await expect
        .poll(() => page.locator('#org-file-result').textContent())
        .toBe(W.orgFile.preview({ divisions: 0, categories: 0, services: 0, faq: 0, holidays: 1 }));
      expect(await page.getByRole('button', { name: W.csv.apply }).isVisible()).toBe(true);

      // Residents see the new contact details on the public page, no restart.
      const pub = await (await fetch(`${e2e.base}/public/demo/channels`)).text();
      expect(pub).toContain('043-999888');
      expect(pub).toContain('https://demo.go.th');

      // The other new screens, for the guide (and a look at 390 px).
      await page.getByRole('link', { name: W.tabs.staff }).click();
      await page.locator('details[data-staff]').first().waitFor();
      await page.locator('details[data-staff] summary').first().click();
      await page.screenshot({ path: join(SHOTS, 'admin-staff-phone.png'), fullPage: true });
      await page.getByRole('link', { name: W.tabs.holidays }).click();
      await page.locator('#holiday-add').waitFor();
      await page.getByLabel(W.holidays.day).fill('2099-03-03');
      await page.getByLabel(W.holidays.name).fill('งานประเพณีท้องถิ่น');
      await page.getByRole('button', { name: W.holidays.add }).click();
      await page.locator('#holiday-result').getByText(W.holidays.moved(0)).waitFor();
      expect(await page.locator('table').textContent()).toContain('2642');
      await page.screenshot({ path: join(SHOTS, 'admin-holidays-phone.png'), fullPage: true });
      await page.getByRole('button', { name: W.holidays.remove }).click();
      await page.getByText(W.holidays.none).waitFor();

      // A holidays file saved by Thai Excel (Windows-874): previewed, converted, then applied.
      const csv = 'วันที่ (ค.ศ. ปปปป-ดด-วว),ชื่อวันหยุด\r\n2099-05-05,วันหยุดจากไฟล์\r\n';
      const tis = Buffer.from(
        [...csv].map((ch) => {
          const c = ch.codePointAt(0)!;
          return c < 0x80 ? c : c - 0x0e00 + 0xa0;
        }),
      );
      const box = page.locator('details.csv-box');
      await box.locator('summary').click();
      await box
        .locator('.csv-file')
        .setInputFiles({ name: 'holidays.csv', mimeType: 'text/csv', buffer: tis });
      await box.getByText(thAdmin.csv.converted).waitFor();
      expect(await box.locator('.csv-result').textContent()).toContain(W.csv.preview(1, 0));
      await page.screenshot({ path: join(SHOTS, 'admin-csv-phone.png'), fullPage: true });
      await box.getByRole('button', { name: W.csv.apply }).click();
      await page.locator('table').getByText('วันหยุดจากไฟล์').waitFor();

      // A service's standard, edited here, is what the public service manual shows.
      await page.getByRole('link', { name: W.tabs.services }).click();
      const service = page.locator('details[data-service="welfare"]');
      await service.locator('summary').click();
      await service.getByLabel(W.services.timeFrame).fill('20 นาที (แก้จากหน้าตั้งค่า)');
      await service.getByRole('button', { name: W.save }).click();
      await service.locator('.saved').getByText(W.saved).waitFor();
      await page.screenshot({ path: join(SHOTS, 'admin-services-phone.png'), fullPage: true });
      expect(await (await fetch(`${e2e.base}/public/demo/services`)).text()).toContain(
        '20 นาที (แก้จากหน้าตั้งค่า)',
      );
    } finally {
      await page.close();
    }
  }, 180_000);
});
