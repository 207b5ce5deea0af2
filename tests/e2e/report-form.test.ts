import { Resvg } from '@resvg/resvg-js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '../../db/schema';
import { reportForm as T } from '../../shared/text/th-report-form';
import { useServerAndBrowser } from '../helpers/e2e';

/** Screenshots go to E2E_SCREENSHOTS when set (to look at), else the test's own folder. */
const shots = (dir: string) => process.env.E2E_SCREENSHOTS ?? dir;
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

/** A real photo-sized PNG (3000×2000, noisy so it compresses badly): the page must shrink it. */
function bigPhoto(): Buffer {
  const dots = Array.from(
    { length: 1500 },
    (_, i) =>
      `<circle cx="${(i * 7919) % 3000}" cy="${(i * 104729) % 2000}" r="${20 + (i % 60)}" fill="hsl(${(i * 37) % 360},70%,50%)"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><rect width="3000" height="2000" fill="#234"/>${dots}</svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

describe('the LIFF report form in Chromium (LIFF mock, simulator mode, phone viewport)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('files a report with a photo and a pin; the receipt reaches the chat and the case the staff console', async () => {
    const resident = newUser();
    const photo = bigPhoto();
    expect(photo.length).toBeGreaterThan(1024 * 1024);
    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      permissions: ['geolocation'],
      geolocation: { latitude: 14.35421, longitude: 100.56789 },
      locale: 'th-TH',
    });
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.base}/liff/report.html?org=demo&user=${resident}`);
      await page.getByRole('heading', { name: T.pageTitle }).waitFor();

      // Sending an empty form: Thai reasons, nothing filed.
      await page.getByRole('button', { name: T.send }).click();
      await page.getByText(T.errors.category).waitFor();
      await page.getByText(T.errors.description).waitFor();
      await page.getByText(T.errors.place).waitFor();

      await page.getByRole('radio', { name: 'ไฟฟ้าส่องสว่าง' }).check();
      await page.getByLabel(T.description).fill('ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
      await page.locator('#photo-input').setInputFiles({
        name: 'street-light.png',
        mimeType: 'image/png',
        buffer: photo,
      });
      await page.locator('#photo-list img').waitFor();
      await page.getByRole('button', { name: T.useLocation }).click();
      await page.getByText(T.located('14.354210', '100.567890')).waitFor();
      // Fixed fields lose their error.
      for (const e of [T.errors.category, T.errors.description, T.errors.place])
        expect(await page.getByText(e).isVisible()).toBe(false);
      await page.screenshot({ path: `${shots(e2e.dir)}/report-form.png`, fullPage: true });
      await page.getByRole('button', { name: T.send }).click();
      await page.locator('#done').waitFor();
      const code = (await page.locator('#tracking-code').textContent())!;
      expect(code).toMatch(/^FS-\d{4}-[A-Z2-9]{4}$/);
      await page.screenshot({ path: `${shots(e2e.dir)}/report-form-done.png` });

      const [row] = await e2e.server.deps.db
        .select()
        .from(cases)
        .where(eq(cases.trackingCode, code));
      expect(row).toMatchObject({
        category: 'street_light',
        latitude: 14.35421,
        longitude: 100.56789,
      });
      const photos = row!.photos as { bytes: number; contentType: string }[];
      expect(photos).toHaveLength(1);
      expect(photos[0]!.contentType).toBe('image/jpeg');
      expect(photos[0]!.bytes).toBeLessThanOrEqual(1024 * 1024);

      // The same receipt as the chat's, in the resident's chat.
      await expect
        .poll(
          () => e2e.server.simulator!.messagesFor(resident).map((m) => JSON.stringify(m.message)),
          { timeout: 10_000 },
        )
        .toContainEqual(expect.stringContaining(code));

      // The works division's electrician sees it in the staff console.
      const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
        staff: { name: string; position: string; lineUserId: string }[];
      };
      const electrician = staff.find((s) => s.position === 'ผู้อำนวยการกองช่าง')!;
      const console_ = await context.newPage();
      await console_.goto(`${e2e.base}/liff/console.html?org=demo&user=${electrician.lineUserId}`);
      await console_.locator(`a[data-case="${code}"]`).click();
      await expect.poll(() => console_.locator('#case-code').textContent()).toBe(code);
      expect(await console_.locator('main').textContent()).toContain('ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
    } finally {
      await context.close();
    }
  });
});
