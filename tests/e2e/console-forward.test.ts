/**
 * Forwarding to another agency in the staff console, in Chromium (decision 038): the clerk adds
 * an e-mail agency in the directory (#agencies), forwards a case from its screen with a note,
 * sees the text to send by hand, and the resident is told who handles the case now. The
 * executive's dashboard shows the fiscal year's outcomes (decision 043).
 */
import { describe, expect, it } from 'vitest';
import { th } from '../../shared/text/th';
import { forward as F } from '../../shared/text/th-forward';
import { outcomes } from '../../shared/text/th-outcomes';
import { useServerAndBrowser } from '../helpers/e2e';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('forwarding to another agency in the console (Chromium, simulator mode)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  async function residentSays(userId: string, kind: 'text' | 'postback', value: string) {
    const res = await fetch(`${e2e.base}/dev/line/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        kind === 'text' ? { userId, kind, text: value } : { userId, kind, data: value },
      ),
    });
    expect(res.status).toBeLessThan(300);
    await e2e.server.drain();
  }

  it('adds an agency, forwards a case with a note, and the resident is told', async () => {
    const resident = newUser();
    const conv = th.conv;
    await residentSays(resident, 'postback', 'menu:complain');
    await residentSays(resident, 'text', 'น้ำประปาไม่ไหลสามวันแล้ว');
    await residentSays(resident, 'text', 'หมู่ 4 ทั้งหมู่บ้าน');
    await residentSays(resident, 'text', 'การประปา');
    await residentSays(resident, 'text', conv.skip);
    await residentSays(resident, 'text', conv.confirm);
    const receipt = e2e.server
      .simulator!.messagesFor(resident)
      .map((m) => JSON.stringify(m.message));
    const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(receipt.join())![0];
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { name: string; position: string; lineUserId: string }[];
    };
    const clerk = staff.find((s) => s.position === 'ปลัดเทศบาล')!;

    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}#agencies`);
      await page.locator('#agency-form').waitFor();
      await page.locator('#agency-form input[name=name]').fill('การประปาส่วนภูมิภาคสาขาทดสอบ');
      await page.locator('#agency-form input[name=contact]').fill('โทร 1662');
      await page.locator('#agency-form select[name=channel]').selectOption('email');
      await page.locator('#agency-form input[name=address]').fill('pwa-test@example.org');
      await page.locator('#agency-add').click();
      await expect
        .poll(() => page.locator('#agency-list').textContent())
        .toContain('การประปาส่วนภูมิภาคสาขาทดสอบ');

      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}`);
      await page.locator(`a[data-case="${code}"]`).click();
      await expect.poll(() => page.locator('#case-code').textContent()).toBe(code);
      await page.locator('#forward-out-form').waitFor();
      await page.locator('#forward-out-note').fill('น้ำประปาเป็นความรับผิดชอบของการประปา');
      const seen = e2e.server.simulator!.messagesFor(resident).at(-1)?.seq ?? 0;
      await page.locator('#forward-out').click();
      await page.locator('#flash').waitFor();
      expect(await page.locator('#case-state').textContent()).toBe(th.cases.stateLabels.forwarded);
      const list = await page.locator('#forward-list').textContent();
      expect(list).toContain(F.console.delivery.clerk);
      expect(await page.locator('.forward-mail').inputValue()).toContain('pwa-test@example.org');
      expect(await page.locator('#outcome-kind').textContent()).toBe(outcomes.kinds.forwarded_out);
      await expect
        .poll(
          () =>
            e2e.server.simulator!.messagesFor(resident, seen).map((m) => JSON.stringify(m.message)),
          { timeout: 10_000 },
        )
        .toEqual([expect.stringContaining('การประปาส่วนภูมิภาคสาขาทดสอบ')]);

      // The executive's dashboard (the clerk here is also executive) shows the outcomes.
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}#dashboard`);
      await expect
        .poll(() => page.locator('#dash-outcomes [data-outcome="forwarded_out"]').textContent())
        .toBe('1');
    } finally {
      await page.close();
    }
  });
});
