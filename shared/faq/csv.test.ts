import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCsvErrors, parseCsv, parseFaqCsv } from './csv';

const HEADER = 'id,question,variants,answer';

function errorsOf(text: string) {
  const r = parseFaqCsv(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",\r\n';
    const r = parseCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records.map((x) => x.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 3]);
  });

  it('handles a last line without a line break and lone CRs', () => {
    const r = parseCsv('a,b\rc,d');
    expect(r.ok && r.records.map((x) => x.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('names the line of an unterminated quote, a stray quote, text after a closing quote', () => {
    expect(parseCsv('a\n"open\nstill open')).toEqual({
      ok: false,
      error: { line: 2, record: 2, message: expect.stringContaining('unterminated') },
    });
    const stray = parseCsv('a,b\n1,x"y');
    expect(!stray.ok && stray.error.line).toBe(2);
    const after = parseCsv('a,b\n1,"x"y');
    expect(!after.ok && after.error.message).toContain('after a closing quote');
  });
});

describe('parseFaqCsv', () => {
  it('reads rows, splits variants and optional columns, skips empty rows', () => {
    const text = [
      `${HEADER},links,quick_replies`,
      'hours,เปิดกี่โมง,"เปิดวันเสาร์ไหม | เวลาทำการ|","จันทร์–ศุกร์ 08:30–16:30 น., ไม่พักเที่ยงค่ะ","โทร=tel:043000000|เว็บ=https://example.org/a?b=1",เบอร์โทร|ที่ตั้ง',
      ',,,,,',
      '',
    ].join('\n');
    const r = parseFaqCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      {
        line: 2,
        id: 'hours',
        question: 'เปิดกี่โมง',
        variants: ['เปิดวันเสาร์ไหม', 'เวลาทำการ'],
        answer: 'จันทร์–ศุกร์ 08:30–16:30 น., ไม่พักเที่ยงค่ะ',
        links: [
          { label: 'โทร', uri: 'tel:043000000' },
          { label: 'เว็บ', uri: 'https://example.org/a?b=1' },
        ],
        quickReplies: ['เบอร์โทร', 'ที่ตั้ง'],
      },
    ]);
  });

  it('accepts the columns in any order and a header in capitals', () => {
    const r = parseFaqCsv('Answer,ID,Variants,Question\nคำตอบ,a1,,คำถาม\n');
    expect(r.ok && r.rows[0]).toMatchObject({ id: 'a1', question: 'คำถาม', answer: 'คำตอบ' });
  });

  it('refuses a header without the four columns, or with unknown or repeated ones', () => {
    expect(errorsOf('id,question,answer\nx,q,a')[0]).toEqual({
      line: 1,
      message: expect.stringContaining('missing column variants'),
    });
    expect(formatCsvErrors(errorsOf(`${HEADER},quick-replies\nx,q,,a,`))).toContain(
      'line 1: unknown column "quick-replies"',
    );
    expect(formatCsvErrors(errorsOf(`${HEADER},id\nx,q,,a,x`))).toContain('appears twice');
    expect(errorsOf('')[0]!.message).toContain('empty file');
    expect(errorsOf(`${HEADER}\n`)[0]!.message).toContain('no entries');
  });

  it('names the line of each bad row, counting lines inside quoted fields', () => {
    const text = [
      HEADER,
      'a1,คำถาม,,"คำตอบ',
      'สองบรรทัด"',
      'a1,ซ้ำ,,คำตอบ',
      'bad id!,คำถาม,,คำตอบ',
      'a3,,,คำตอบ',
      'a4,คำถาม,,',
      'a5,คำถาม,มี,คอมมา,เกิน',
    ].join('\n');
    const lines = errorsOf(text).map((e) => `${e.line}: ${e.message}`);
    expect(lines).toEqual([
      '4: id "a1" repeats line 2',
      expect.stringMatching(/^5: id "bad id!" must be/),
      '6: question is empty',
      '7: answer is empty',
      expect.stringMatching(/^8: 5 fields where the header has 4/),
    ]);
  });

  it('checks links and quick replies against LINE limits', () => {
    const t = (links: string, qr: string) =>
      formatCsvErrors(errorsOf(`${HEADER},links,quick_replies\nx,q,,a,"${links}","${qr}"`));
    expect(t('no equals sign', '')).toContain('must be label=https://');
    expect(t('ftp=ftp://x', '')).toContain('must be label=https://');
    expect(t('ป้ายชื่อยาวเกินยี่สิบตัวอักษรแน่นอน=https://x.org', '')).toContain('longer than 20');
    expect(t('', 'คำตอบด่วนที่ยาวเกินยี่สิบตัวอักษร')).toContain('quick reply');
    expect(
      t('a=https://a.org|b=https://b.org|c=https://c.org|d=https://d.org|e=https://e.org', ''),
    ).toContain('more than 4 links');
  });

  it('reads the demo FAQ: at least 45 entries with short, polite answers', () => {
    const text = readFileSync(new URL('../../db/seed/faq-demo.csv', import.meta.url), 'utf8');
    const r = parseFaqCsv(text);
    if (!r.ok) throw new Error(formatCsvErrors(r.errors));
    expect(r.rows.length).toBeGreaterThanOrEqual(45);
    for (const row of r.rows) {
      expect(row.answer.length, row.id).toBeLessThanOrEqual(420);
      expect(row.answer, row.id).toContain('ค่ะ');
      expect(row.variants.length, row.id).toBeGreaterThanOrEqual(2);
    }
  });
});
