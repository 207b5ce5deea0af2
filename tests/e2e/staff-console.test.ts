import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundOf } from '../../shared/metrics/round';
import { th } from '../../shared/text/th';
import { useServerAndBrowser } from '../helpers/e2e';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('the staff console in Chromium (LIFF mock, simulator mode)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  /** A resident in the LINE simulator (signed webhooks to the real /webhook). */
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

  it('opens a case from the queue, changes its state with a note, and the resident is told', async () => {
    const resident = newUser();
    const conv = th.conv;
    await residentSays(resident, 'postback', 'menu:complain');
    await residentSays(resident, 'text', 'ไฟถนนหน้าบ้านดับมาหนึ่งสัปดาห์ แจ้งแล้วไม่มีใครมา');
    await residentSays(resident, 'text', 'ซอย 3 หมู่ 2');
    await residentSays(resident, 'text', 'กองช่าง');
    await residentSays(resident, 'text', conv.skip);
    await residentSays(resident, 'text', conv.confirm);
    const receipt = e2e.server
      .simulator!.messagesFor(resident)
      .map((m) => JSON.stringify(m.message));
    const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(receipt.join())![0];

    // The clerk (complaints go to the clerk's office), picked in the simulator's staff picker.
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { name: string; position: string; lineUserId: string }[];
    };
    const clerk = staff.find((s) => s.position === 'ปลัดเทศบาล')!;

    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo`);
      await page.locator('#staff-picker').selectOption(clerk.lineUserId);
      await page.waitForURL(/user=/);
      await page.getByText(clerk.name).first().waitFor();
      await page.locator(`a[data-case="${code}"]`).click();
      await expect.poll(() => page.locator('#case-code').textContent()).toBe(code);
      expect(await page.locator('#case-state').textContent()).toBe(th.cases.stateLabels.waiting);

      // A state change without a note is refused by the browser form (required).
      await page.locator('#state-to').selectOption('in_progress');
      const note = 'ส่งเรื่องให้กองช่างออกตรวจแล้ว คาดว่าเสร็จภายในสัปดาห์นี้';
      await page.locator('#state-note').fill(note);
      const seen = e2e.server.simulator!.messagesFor(resident).at(-1)?.seq ?? 0;
      await page.locator('#state-save').click();
      await page.locator('#flash').waitFor();
      expect(await page.locator('#case-state').textContent()).toBe(
        th.cases.stateLabels.in_progress,
      );
      expect(await page.locator('ol.timeline').textContent()).toContain(note);

      // The resident's notification reaches the fake LINE Platform (through the outbox).
      await expect
        .poll(
          () =>
            e2e.server.simulator!.messagesFor(resident, seen).map((m) => JSON.stringify(m.message)),
          { timeout: 10_000 },
        )
        .toEqual([expect.stringContaining(note)]);
      const told = JSON.stringify(e2e.server.simulator!.messagesFor(resident, seen)[0]!.message);
      expect(told).toContain(code);
      expect(told).toContain(th.cases.stateLabels.in_progress);
    } finally {
      await page.close();
    }
  });

  it('shows an executive the dashboard: the round, its scores and open cases by division', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { name: string; position: string; lineUserId: string }[];
    };
    const executive = staff.find((s) => s.position === 'ปลัดเทศบาล')!; // also executive
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${executive.lineUserId}`);
      await page.locator('#dashboard-link').click();
      const D = th.staff.console.dashboard;
      const heading = await page.locator('#dash-title').textContent();
      expect(heading).toContain(roundOf(new Date()).label.split('-')[0]);
      expect(heading).toContain(D.round('').trim());
      expect(
        Number(await page.getByTestId('dash-respondents').textContent()),
      ).toBeGreaterThanOrEqual(0);
      expect(await page.locator('#dashboard').textContent()).toContain(D.cases);
    } finally {
      await page.close();
    }
  });
});
