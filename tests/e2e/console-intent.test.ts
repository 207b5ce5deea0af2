import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleText as K } from '../../shared/text/th-console';
import { th } from '../../shared/text/th';
import { useServerAndBrowser } from '../helpers/e2e';

const ARTIFACTS = join(import.meta.dirname, '../../.tmp/e2e');
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
/** A tiny JPEG, as a resident's photo of the street light. */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]).toString('base64');

/**
 * The console does what the clerk means (issue 15), in Chromium at phone width: an internal
 * note never reaches the resident, a reply does, and the state changes only when chosen.
 */
describe('the staff console keeps notes, replies and state changes apart (390×844)', () => {
  const e2e = useServerAndBrowser({ liff: true });

  async function send(body: object) {
    const res = await fetch(`${e2e.base}/dev/line/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    await e2e.server.drain();
  }

  /** A resident reports a broken street light with a photo, through the LINE simulator. */
  async function streetLight(userId: string): Promise<string> {
    await send({ userId, kind: 'postback', data: 'menu:report' });
    await send({ userId, kind: 'postback', data: 'cat:street_light' });
    await send({ userId, kind: 'text', text: 'ไฟดับ 3 ต้น หน้าโรงเรียน' });
    await send({ userId, kind: 'image', imageBase64: JPEG, contentType: 'image/jpeg' });
    await send({ userId, kind: 'location', latitude: 16.44, longitude: 102.83, address: 'ถนน' });
    await send({ userId, kind: 'text', text: th.conv.confirm });
    const all = e2e.server.simulator!.messagesFor(userId).map((m) => JSON.stringify(m.message));
    return /FS-\d{4}-[A-Z2-9]{4}/.exec(all.join())![0];
  }

  const toResident = (userId: string, after: number) =>
    e2e.server.simulator!.messagesFor(userId, after).map((m) => JSON.stringify(m.message));

  it('keeps an internal note from the resident, sends a reply, and changes the state only when chosen', async () => {
    const resident = newUser();
    const code = await streetLight(resident);
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { name: string; position: string; lineUserId: string; divisions: string[] }[];
    };
    const clerk = staff.find((s) => s.position === 'ปลัดเทศบาล')!;
    // The simulator's staff picker names divisions.
    expect(staff.some((s) => s.divisions.length > 0)).toBe(true);

    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo`);
      const pickerText = await page.locator('#staff-picker').textContent();
      const withDivision = staff.find((s) => s.divisions.length)!;
      expect(pickerText).toContain(withDivision.divisions[0]);
      await page.locator('#staff-picker').selectOption(clerk.lineUserId);
      await page.waitForURL(/user=/);

      // The queue card shows the category by name and the resident's photo.
      const card = page.locator(`a[data-case="${code}"]`);
      await card.waitFor();
      const categoryName = await card.locator('.category').textContent();
      expect(categoryName).toContain(K.card.category);
      expect(categoryName).not.toContain('street_light');
      await expect.poll(() => card.locator('img.thumb').getAttribute('src')).toMatch(/^blob:/);

      // Filters: category by name, dates in พ.ศ. (dd/mm/yyyy).
      const option = page.locator('#filter-category option', { hasText: /^ไฟฟ้าส่องสว่าง$/ });
      const optionText = (await option.textContent())!;
      expect(categoryName).toContain(optionText);
      await page.locator('#filter-category').selectOption({ label: optionText });
      const today = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Bangkok',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      })
        .format(new Date())
        .replace(/(\d{4})$/, (y) => String(Number(y) + 543));
      await page.locator('#filter-from').fill('12/31/2569');
      await page.getByRole('button', { name: th.staff.console.filter }).click();
      await expect
        .poll(() => page.locator('#filters .error').textContent())
        .toBe(K.filters.badDate);
      await page.locator('#filter-from').fill(today);
      await page.locator('#filter-to').fill(today);
      await page.getByRole('button', { name: th.staff.console.filter }).click();
      await page.waitForURL(/category=street_light/);
      expect(page.url()).toMatch(/from=\d{4}-\d{2}-\d{2}/);
      // The case's photo is held back until after the tap: on a slow phone the buttons must
      // work before the photos arrive (a tap used to reload the page instead).
      let release!: () => void;
      const photoHeld = new Promise<void>((r) => (release = r));
      await page.route('**/photos/case/**', async (r) => {
        await photoHeld;
        await r.continue();
      });
      await card.click();
      await expect.poll(() => page.locator('#case-code').textContent()).toBe(code);

      // Accept in the console: the timeline and the resident's message name the console.
      let seen = e2e.server.simulator!.messagesFor(resident).at(-1)?.seq ?? 0;
      await page.locator('#accept').click();
      release();
      await page.locator('#flash').waitFor();
      await page.unroute('**/photos/case/**');
      // The page drawn before the tap goes on loading: it must not add a second forwards card.
      await page.locator('#case-outcome').waitFor();
      await page.waitForTimeout(1000);
      expect(await page.locator('#case-outcome').count()).toBe(1);
      expect(await page.locator('ol.timeline').textContent()).toContain(K.acceptNote);
      await expect.poll(() => toResident(resident, seen), { timeout: 10_000 }).toHaveLength(1);
      expect(toResident(resident, seen)[0]).toContain(K.acceptNote);
      expect(toResident(resident, seen)[0]).not.toContain(th.staff.alert.acceptNote);
      seen = e2e.server.simulator!.messagesFor(resident).at(-1)!.seq;
      const stateAfterAccept = await page.locator('#case-state').textContent();

      // 1. An internal note: in the timeline, marked, and nothing goes to LINE.
      const secret = 'ผู้แจ้งรายนี้เคยโทรมาหลายครั้ง ให้ช่างโทรกลับก่อนเข้าพื้นที่';
      expect(await page.locator('#note-form').textContent()).toContain(K.internalNote.hint);
      await page.locator('#internal-note').fill(secret);
      await page.locator('#note-save').click();
      const flash = page.locator('#note-form + #flash');
      await flash.waitFor();
      expect(await flash.textContent()).toBe(K.internalNote.saved);
      expect(await page.locator('ol.timeline li.internal').last().textContent()).toContain(secret);
      expect(await page.locator('#case-state').textContent()).toBe(stateAfterAccept);

      // 2. A reply: says beside the button that it goes to the resident, shows a preview.
      const reply = 'ช่างจะเข้าซ่อมพรุ่งนี้ช่วงเช้าค่ะ';
      expect(await page.locator('#reply-form .to-resident').textContent()).toBe(K.toResident.hint);
      await page.locator('#reply-note').fill(reply);
      expect(await page.locator('#reply-preview').textContent()).toBe(
        th.staff.resident.reply(code, reply),
      );
      await page.locator('#reply-send').click();
      await page.locator('#reply-form + #flash').waitFor();
      await expect.poll(() => toResident(resident, seen), { timeout: 10_000 }).toHaveLength(1);
      // Only the reply arrived (sent after the note, so the note would have come first).
      expect(toResident(resident, seen)[0]).toContain(reply);
      expect(toResident(resident, seen).join()).not.toContain(secret);
      expect(await page.locator('#case-state').textContent()).toBe(stateAfterAccept);
      seen = e2e.server.simulator!.messagesFor(resident).at(-1)!.seq;

      // 3. The state: nothing preselected; a note alone does not move the case.
      expect(await page.locator('#state-to').inputValue()).toBe('');
      const progress = 'ออกตรวจพื้นที่แล้ว รออะไหล่';
      await page.locator('#state-note').fill(progress);
      await page.locator('#state-save').click();
      expect(
        await page.locator('#state-to').evaluate((s: HTMLSelectElement) => s.validity.valid),
      ).toBe(false);
      await new Promise((r) => setTimeout(r, 500));
      expect(await page.locator('#case-state').textContent()).toBe(stateAfterAccept);
      expect(toResident(resident, seen)).toEqual([]);
      await page.locator('#state-to').selectOption('follow_up');
      const label = th.cases.stateLabels.follow_up;
      expect(await page.locator('#state-preview').textContent()).toBe(
        th.staff.resident.stateChanged(code, label, progress),
      );
      await page.locator('#state-save').click();
      await page.locator('#state-form + #flash').waitFor();
      expect(await page.locator('#flash').textContent()).toBe(K.state.saved(label));
      expect(await page.locator('#case-state').textContent()).toBe(label);
      await expect.poll(() => toResident(resident, seen), { timeout: 10_000 }).toHaveLength(1);
      expect(toResident(resident, seen)[0]).toContain(progress);
      // The whole conversation never carried the internal note.
      expect(toResident(resident, 0).join()).not.toContain(secret);
      // For a person to look at: the case screen after the three actions.
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'console-case-390.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
