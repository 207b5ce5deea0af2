import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orgs, outbox } from '../../db/schema';
import { thUndelivered as U } from '../../shared/text/th-undelivered';
import { useServerAndBrowser } from '../helpers/e2e';

/** Issue 17: the clerk's office sees a given-up message in the console and sends it again. */
describe('undelivered messages in the staff console (Chromium, LIFF mock)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('lists a given-up message without the LINE id and "ส่งอีกครั้ง" delivers it', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    const clerk = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    const db = e2e.server.deps.db;
    const [org] = await db.select().from(orgs).where(eq(orgs.slug, 'demo'));
    const resident = `U${crypto.randomUUID().replace(/-/g, '')}`;
    const [row] = await db
      .insert(outbox)
      .values({
        orgId: org!.id,
        kind: 'push',
        target: resident,
        messages: [{ type: 'text', text: 'ข้อความทดสอบที่ส่งไม่ถึง' }],
        state: 'failed',
        attempts: 8,
        nextAttemptAt: new Date(),
        lastError: `gave up after 8 attempts: LINE POST /v2/bot/message/push → 500 (${resident})`,
      })
      .returning();

    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${clerk.lineUserId}`);
      await page.locator('#undelivered-link').click();
      const tr = page.locator(`tr[data-id="${row!.id}"]`);
      await tr.waitFor();
      expect(await tr.textContent()).toContain(U.recipients.resident);
      expect(await page.locator('#app').textContent()).not.toContain(resident);
      await tr.getByRole('button', { name: U.retry }).click();
      await page.locator('#undelivered-status').getByText(U.sent).waitFor();
      expect(await page.locator(`tr[data-id="${row!.id}"]`).count()).toBe(0);
      const [after] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
      expect(after!.state).toBe('sent');
    } finally {
      await page.close();
    }
  }, 180_000);
});
