import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { f2, renderReportHtml } from '../../bot/reports/html';
import { htmlToPdf } from '../../bot/reports/pdf';
import { buildSatisfactionReport } from '../../bot/reports/satisfaction';
import type { Database } from '../../db/types';
import { createTestDatabase } from '../helpers/db';
import { seedReportRound } from '../helpers/report-fixtures';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => database?.close());

/** poppler-utils (Debian) reads the PDF's text layer. */
function pdfText(file: string): string {
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`pdftotext failed (apt-get install -y poppler-utils): ${String(e)}`);
  }
}

describe('report PDF (Debian Chromium)', () => {
  it('prints A4 pages whose text layer has the Thai title and the figures', async () => {
    const fx = await seedReportRound(database.db, { respondents: 36, previous: 6, cases: 20 });
    const report = await buildSatisfactionReport(
      database.db,
      fx.org,
      '2569-1',
      new Date('2026-04-01T10:00:00+07:00'),
    );
    const html = renderReportHtml(report);
    // Five charts: indicators against 85, the monthly trend, by service, by division, channels.
    expect(html.match(/<figure class="chart-box">/g)).toHaveLength(5);
    const pdf = await htmlToPdf(html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Kept for a person to look at (git-ignored): the PDF and every page as a PNG.
    const file = join(ARTIFACTS, 'report.pdf');
    await writeFile(file, pdf);
    if (process.env.REPORT_PDF_OUT) await writeFile(process.env.REPORT_PDF_OUT, pdf);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(await pagePngs(file, 'report')).toBe(pages);

    const text = pdfText(file).normalize('NFC');
    expect(text).toContain('รายงานผลการสำรวจความพึงพอใจ รอบ 6 เดือน');
    expect(text).toContain('เทศบาลตำบลทดสอบรายงาน');
    expect(text).toContain('รอบที่ 1/2569');
    expect(text).toContain(f2(report.card.eit));
    for (const i of report.card.indicators) expect(text).toContain(f2(i.score));
    expect(text).toContain(f2(report.cases.onTimeShare));
    expect(text).toContain('สถิติเรื่องร้องเรียนและการให้บริการในรอบนี้');
    expect(text).not.toContain('081-234-5678');
    // The cover's summary, the outcomes and the signature block.
    expect(text).toContain('รอบนี้มีผู้ตอบแบบสำรวจ 36 ราย');
    expect(text).toContain('ผลลัพธ์ของเรื่องที่รับในรอบนี้');
    expect(text).toContain('ผู้จัดทำรายงาน');
    expect(text).toContain('นายก');
  });

  it('prints a round without answers as one sentence on the cover, not zeros in every table', async () => {
    const fx = await seedReportRound(database.db, { respondents: 0, previous: 0, cases: 3 });
    const report = await buildSatisfactionReport(
      database.db,
      fx.org,
      '2569-1',
      new Date('2026-04-01T10:00:00+07:00'),
    );
    const file = join(ARTIFACTS, 'report-empty.pdf');
    await writeFile(file, await htmlToPdf(renderReportHtml(report)));
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1],
    );
    expect(await pagePngs(file, 'report-empty')).toBe(pages);
    const text = pdfText(file).normalize('NFC');
    expect(text).toContain('รอบที่ 1/2569 ยังไม่มีผู้ตอบแบบสำรวจ');
    expect(text).not.toContain('วิธีการสำรวจ');
    expect(text).toContain('สถิติเรื่องร้องเรียนและการให้บริการในรอบนี้');
  });
});

const ARTIFACTS = join(process.cwd(), '.tmp', 'report-pages');

/** Renders every page at 50 dpi into .tmp/report-pages/<name>-N.png; returns how many. */
async function pagePngs(file: string, name: string): Promise<number> {
  for (const f of await readdir(ARTIFACTS))
    if (f.startsWith(`${name}-`) && f.endsWith('.png')) await rm(join(ARTIFACTS, f));
  execFileSync('pdftoppm', ['-r', '50', '-png', file, join(ARTIFACTS, name)]);
  return (await readdir(ARTIFACTS)).filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f))
    .length;
}
