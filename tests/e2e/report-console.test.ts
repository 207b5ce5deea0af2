/**
 * The console's "ออกรายงาน" page in Chromium at phone width (390×844), on `npm start` with the
 * demo answers a newcomer gets: an admin reaches it from the dashboard, sees the current round's
 * draft, saves recommendations, publishes, and downloads the PDF (twice: the second is the kept
 * file); an officer is refused by the server.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRound, roundOf } from '../../shared/metrics/round';
import { reportConsole as R } from '../../shared/text/th-report-console';
import { useServerAndBrowser } from '../helpers/e2e';

const ARTIFACTS = join(process.cwd(), '.tmp', 'report-pages');

describe('the report page (Chromium, phone width)', () => {
  const e2e = useServerAndBrowser({ liff: true, env: { DEMO_SURVEY_ANSWERS: '1' } });

  const staffBy = async (position: string) => {
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    return staff.find((s) => s.position === position)!.lineUserId;
  };

  it('an admin makes, publishes and downloads the current round report', async () => {
    const admin = await staffBy('ปลัดเทศบาล');
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${admin}#dashboard`);
      await page.locator('#dashboard figure svg').first().waitFor();
      const started = Date.now();
      await page.locator('#report-link').click();
      const current = roundOf(new Date());
      await expect
        .poll(() => page.locator('#report-round').inputValue(), { timeout: 60_000 })
        .toBe(current.label);
      // The draft, shown as the printable report in the frame, with the demo's figures.
      const frame = page.frameLocator('#report-preview');
      await frame.locator('h1').waitFor({ timeout: 60_000 });
      const shownIn = Date.now() - started;
      const cover = (await frame.locator('.cover').textContent())!;
      expect(cover).toContain(describeRound(current).label);
      expect(cover).toMatch(/รอบนี้มีผู้ตอบแบบสำรวจ [\d,]+ ราย/);
      expect(await frame.locator('figure.chart-box').count()).toBe(5);
      // Nothing on the page is wider than the phone.
      // The page itself (the simulator's staff picker above it is not part of the console in LINE).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('#app *')]
          .filter((el) => el.getBoundingClientRect().right > 391)
          .map(
            (el) => `${el.tagName}#${el.id}.${el.className} ${el.getBoundingClientRect().right}`,
          ),
      );
      expect(wide).toEqual([]);

      await page.locator('#report-recs-text').fill('เพิ่มจุดบริการนอกเวลาราชการ');
      await page.getByRole('button', { name: R.save }).click();
      await page.locator('#report-recs [role="status"]').waitFor();
      await expect
        .poll(() => frame.locator('body').textContent(), { timeout: 30_000 })
        .toContain('เพิ่มจุดบริการนอกเวลาราชการ');

      await page.getByRole('button', { name: R.publish }).click();
      // Published: the way back to the draft names the next version. (Wait for that: the
      // draft's own line before publishing, "…จะเป็นฉบับที่ 1…", already contains "ฉบับที่ 1".)
      await expect
        .poll(() => page.locator('[data-testid="report-viewing"]').textContent(), {
          timeout: 60_000,
        })
        .toContain(R.draftOf(2));
      expect(await page.locator('[data-testid="report-viewing"]').textContent()).toContain(
        R.version(1),
      );

      // The published version's PDF: made on the first click, the kept file on the second.
      const times: number[] = [];
      for (let i = 0; i < 2; i++) {
        const t = Date.now();
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 120_000 }),
          page.locator('#report-downloads button[data-kind="pdf"]').click(),
        ]);
        times.push(Date.now() - t);
        const file = join(ARTIFACTS, `console-${i}.pdf`);
        mkdirSync(ARTIFACTS, { recursive: true });
        await download.saveAs(file);
        expect(download.suggestedFilename()).toBe(`report-demo-${current.label}-v1.pdf`);
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        expect(text.normalize('NFC')).toContain('รายงานผลการสำรวจความพึงพอใจ รอบ 6 เดือน');
        expect(text.normalize('NFC')).toContain('เทศบาลตำบลฟังเสียง');
      }
      await page.screenshot({ path: join(ARTIFACTS, 'console-phone.png') });
      writeFileSync(
        join(ARTIFACTS, 'console-timing.json'),
        JSON.stringify({ draftShownMs: shownIn, pdfFirstMs: times[0], pdfKeptMs: times[1] }),
      );
    } finally {
      await page.close();
    }
  });

  it('an officer is refused by the server, and the dashboard offers no report link', async () => {
    const officer = await staffBy('นายช่างไฟฟ้า');
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${e2e.base}/liff/console.html?org=demo&user=${officer}#report`);
      await page.locator('#who').filter({ hasText: /\S/ }).waitFor();
      // The page does not offer the report to an officer…
      await page.waitForLoadState('networkidle');
      expect(await page.locator('#report-page').count()).toBe(0);
      expect(await page.locator('#report-link').count()).toBe(0);
      // …and the server refuses the officer's own signed-in requests, whatever the page shows.
      const answers = await page.evaluate(async (user) => {
        const { idToken } = (await (
          await fetch('/dev/line/platform/liff-mock/id-token', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ userId: user, clientId: 'simulator' }),
          })
        ).json()) as { idToken: string };
        const out: [number, string][] = [];
        for (const path of ['rounds', 'rounds/2570-1/report.pdf']) {
          const res = await fetch(`/api/reports/demo/${path}`, {
            headers: { Authorization: `Bearer ${idToken}` },
          });
          out.push([
            res.status,
            ((await res.json()) as { error: { message: string } }).error.message,
          ]);
        }
        return out;
      }, officer);
      for (const [status, message] of answers) {
        expect(status).toBe(403);
        expect(message).toBe(R.api.forbidden);
      }
    } finally {
      await page.close();
    }
  });
});
