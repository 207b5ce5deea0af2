import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../bot/reports/html';
import { htmlToPdf } from '../../bot/reports/pdf';
import { buildSatisfactionReport } from '../../bot/reports/satisfaction';
import type { Database } from '../../db/types';
import { createTestDatabase } from '../helpers/db';
import { seedReportRound } from '../helpers/report-fixtures';

/** Latin words a Thai reader of the report expects; anything else is a leaked code. */
export const ALLOWED_LATIN = new Set(['EIT', 'ITA', 'QR', 'LINE', 'PDF', 'XLSX', 'CSV']);
const ARTIFACTS = join(import.meta.dirname, '../../.tmp/report');

/** The words a person reads: no styles, no tags, entities decoded. */
export function readableText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

export function latinIdentifiers(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [])].filter(
    (w) => !ALLOWED_LATIN.has(w),
  );
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('the report is Thai throughout (issue 15)', () => {
  it('has no Latin-letter identifiers in its HTML text or its PDF text', async () => {
    const fx = await seedReportRound(database.db, { respondents: 36, previous: 8, cases: 20 });
    const report = await buildSatisfactionReport(
      database.db,
      fx.org,
      '2569-1',
      new Date('2026-04-01T10:00:00+07:00'),
    );
    const html = renderReportHtml(report);
    // The scan itself can fail: a code slipped into the text is found.
    expect(latinIdentifiers('ประเภทผู้ตอบ resident ข้อ e1 EIT')).toEqual(['resident', 'e1']);
    expect(latinIdentifiers(readableText(html))).toEqual([]);
    expect(readableText(html)).not.toMatch(/ผ่านณ|ผ่าน-/);

    const pdf = await htmlToPdf(html);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report-thai.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(latinIdentifiers(text)).toEqual([]);
  }, 120_000);
});
