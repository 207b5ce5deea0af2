import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thAdmin } from '../../shared/text/th-admin';
import { useServerAndBrowser } from '../helpers/e2e';

const W = thAdmin.console;
/** Screenshots for the clerks' guide (docs/guide), retaken by every run so they never go stale. */
const SHOTS = join(import.meta.dirname, '../../docs/guide/img');

async function simulatorAnswer(base: string, text: string): Promise<string> {
  const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
  await fetch(`${base}/dev/line/api/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, kind: 'text', text }),
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

describe('the admin console (Chromium, LIFF mock)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  it('an admin edits an FAQ answer and the simulator answers with the new text, no restart', async () => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    const admin = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    mkdirSync(SHOTS, { recursive: true });
    for (const [width, height, name] of [
      [1280, 900, 'desktop'],
      [360, 740, 'phone'],
    ] as const) {
      const page = await e2e.browser.newPage({ viewport: { width, height } });
      try {
        await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${admin.lineUserId}`);
        await page.locator('#admin-link').click();
        const first = page.locator('details[data-faq]').first();
        await first.waitFor();
        const question = (await first.locator('summary').textContent())!.trim();
        const before = await simulatorAnswer(e2e.base, question);

        // Try a question: which entry, with what confidence, what the resident sees.
        await page.getByLabel(W.tryTitle).fill(question);
        await page.getByRole('button', { name: W.tryButton }).click();
        await page.locator('#faq-try-result .bubble').waitFor();
        expect(await page.locator('#faq-try-result').textContent()).toContain(question);

        await first.locator('summary').click();
        const newAnswer = `คำตอบที่แก้จากหน้าตั้งค่า (${name})`;
        await first.locator('textarea[name="answer"]').fill(newAnswer);
        await first.getByRole('button', { name: W.save }).click();
        await first.locator('.saved').getByText(W.saved).waitFor();
        await page.screenshot({ path: join(SHOTS, `admin-faq-${name}.png`), fullPage: false });

        const after = await simulatorAnswer(e2e.base, question);
        expect(after).toContain(newAnswer);
        expect(after).not.toBe(before);

        // An empty answer is refused with the field named, nothing saved.
        await first
          .locator('textarea[name="answer"]')
          .evaluate((t) => t.removeAttribute('required'));
        await first.locator('textarea[name="answer"]').fill('');
        await first.getByRole('button', { name: W.save }).click();
        await expect.poll(() => first.locator('.saved').textContent()).toMatch(/^answer: /);
        expect(await simulatorAnswer(e2e.base, question)).toContain(newAnswer);
      } finally {
        await page.close();
      }
    }
  }, 180_000);
});
