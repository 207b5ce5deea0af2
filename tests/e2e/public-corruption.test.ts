import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { th } from '../../shared/text/th';
const T = th.pub.corruption;
import { useServerAndBrowser } from '../helpers/e2e';

describe('the public corruption form in Chromium on a small phone', () => {
  const e2e = useServerAndBrowser();

  it('files an anonymous complaint with a PIN, shows the code, then tracks it with the PIN', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    const base = `http://127.0.0.1:${e2e.server.port}/public/demo`;
    await page.goto(`${base}/corruption`);
    await expect(page.locator('html')).toBeDefined();
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
    await page.getByText(T.neverAlerted).first().waitFor();

    // Choosing "anonymous" hides the confidential fields (progressive JS).
    await page.getByLabel(T.anonymousTitle, { exact: true }).check();
    expect(await page.locator('#confidential-fields').isHidden()).toBe(true);
    await page.getByLabel(T.description).fill('มีการเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง');
    await page.getByLabel(T.concerning).fill('กองช่าง');
    await page.getByLabel(T.pin, { exact: true }).fill('246802');
    await page.getByLabel(T.pinAgain).fill('246802');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await page
      .locator('#photo')
      .setInputFiles({ name: 'proof.png', mimeType: 'image/png', buffer: png });
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await page.getByRole('button', { name: T.submit }).click();

    const codeEl = page.getByTestId('tracking-code');
    await codeEl.waitFor({ timeout: 15_000 });
    const code = (await codeEl.textContent())!.trim();
    expect(code).toMatch(/^FS-\d{4}-[A-Z2-9]{4}$/);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'public-corruption-receipt.png') });

    // The receipt links to tracking with the code filled in.
    await page.getByRole('link', { name: th.pub.receipt.trackNow }).click();
    expect(await page.getByLabel(th.pub.track.code).inputValue()).toBe(code);
    await page.getByLabel(th.pub.track.pin, { exact: true }).fill('111111');
    await page.getByRole('button', { name: th.pub.track.submit }).click();
    await page.getByTestId('track-message').filter({ hasText: th.pub.track.notFound }).waitFor();

    await page.getByLabel(th.pub.track.pin, { exact: true }).fill('246802');
    await page.getByRole('button', { name: th.pub.track.submit }).click();
    const state = page.getByTestId('case-state');
    await state.waitFor();
    expect(await state.textContent()).toBe(th.cases.stateLabels.waiting);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'public-corruption-track.png') });
  });
});
