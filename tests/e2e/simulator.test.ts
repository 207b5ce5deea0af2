import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { th } from '../../shared/text/th';
import { useServerAndBrowser } from '../helpers/e2e';

describe('the LINE simulator in Chromium', () => {
  const e2e = useServerAndBrowser();

  it('files a service request end to end: category, description, photo, pin, receipt', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 640 } });
    const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
    await page.goto(`http://127.0.0.1:${e2e.server.port}/dev/line?user=${userId}`);
    const chip = (label: string) =>
      page.getByTestId('quick-reply').filter({ hasText: label }).first();
    const botSays = (text: string) =>
      page.getByTestId('bot-message').filter({ hasText: text }).last().waitFor({ timeout: 15_000 });

    // The menu word brings the menu; its chips start the flows.
    await page.locator('#composer-input').fill(th.conv.menuWords[0]);
    await page.locator('#composer-send').click();
    await botSays(th.chooseMenu);
    await chip(th.menu.report).click();
    await botSays(th.conv.report.start);
    await chip('ไฟฟ้าส่องสว่าง').click();
    await botSays('ไฟฟ้าส่องสว่าง');

    await page.locator('#composer-input').fill('ไฟถนนดับหน้าโรงเรียน 3 ต้น');
    await page.locator('#composer-send').click();
    await botSays(th.conv.report.whereNext);

    // A photo through the file picker (the camera chip opens it).
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
    ]);
    await page
      .locator('#image-input')
      .setInputFiles({ name: 'light.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await botSays(th.conv.report.location);

    page.once('dialog', (d) => void d.accept('16.4419,102.8360'));
    await chip(th.conv.report.sendLocation).click();
    await botSays(th.conv.report.confirmPrompt);

    await chip(th.conv.confirm).click();
    const receipt = page
      .getByTestId('bot-message')
      .filter({ hasText: th.conv.receipt.title })
      .last();
    await receipt.waitFor({ timeout: 15_000 });
    expect(await receipt.textContent()).toMatch(/FS-\d{4}-[A-Z2-9]{4}/);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'simulator.png') });
  });

  it('greets a new follower with the organisation’s name and the privacy notice', async () => {
    const page = await e2e.browser.newPage();
    const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
    await page.goto(`http://127.0.0.1:${e2e.server.port}/dev/line?user=${userId}`);
    await page.locator('#btn-follow').click();
    await page
      .getByTestId('bot-message')
      .filter({ hasText: 'เทศบาลตำบลฟังเสียง' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page
      .getByTestId('bot-message')
      .filter({ hasText: 'พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล' })
      .first()
      .waitFor();
  });
});
