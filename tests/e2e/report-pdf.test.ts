import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
    const pdf = await htmlToPdf(renderReportHtml(report));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
    const file = join(dir, 'report.pdf');
    await writeFile(file, pdf);
    if (process.env.REPORT_PDF_OUT) await writeFile(process.env.REPORT_PDF_OUT, pdf);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(3);

    const text = pdfText(file).normalize('NFC');
    expect(text).toContain('รายงานผลการสำรวจความพึงพอใจ รอบ 6 เดือน');
    expect(text).toContain('เทศบาลตำบลทดสอบรายงาน');
    expect(text).toContain('รอบที่ 1/2569');
    expect(text).toContain(f2(report.card.eit));
    for (const i of report.card.indicators) expect(text).toContain(f2(i.score));
    expect(text).toContain(f2(report.cases.onTimeShare));
    expect(text).toContain('สถิติเรื่องร้องเรียนและการให้บริการในรอบนี้');
    expect(text).not.toContain('081-234-5678');
  });
});
