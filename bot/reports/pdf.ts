/** The report as PDF: Debian's Chromium (playwright-core, nothing downloaded) prints the HTML on A4. */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What to do when PDF output is asked for on an install without playwright-core. */
export const PDF_NEEDS =
  'PDF ต้องใช้ playwright-core และ Chromium: npm install playwright-core และ apt-get install -y chromium ' +
  '(PDF needs playwright-core and Chromium: npm install playwright-core, apt-get install -y chromium; ' +
  'HTML, CSV and XLSX work without them)';

/**
 * playwright-core is a devDependency, loaded only when a PDF is asked for, so a production
 * install (`npm ci --omit=dev`) still makes HTML, CSV and XLSX reports.
 */
export async function loadPlaywright(
  load: () => Promise<typeof import('playwright-core')> = () => import('playwright-core'),
): Promise<typeof import('playwright-core')> {
  try {
    return await load();
  } catch (e) {
    throw new Error(PDF_NEEDS, { cause: e });
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const { chromium } = await loadPlaywright();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** Prints self-contained HTML (fonts embedded) to an A4 PDF; page numbers in the footer. */
export async function htmlToPdf(html: string, browser?: Browser): Promise<Buffer> {
  const b = browser ?? (await launchBrowser());
  try {
    const page = await b.newPage();
    // No network: everything the page needs is inline.
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:9px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
    await page.close();
    return pdf;
  } finally {
    if (!browser) await b.close();
  }
}
