import { describe, expect, it } from 'vitest';
import { BOM, decodeCsv, decodeWindows874, readCsv, toCsvWithBom } from './csv';
import { checkCsv } from './csv-sections';

/** Thai text as Windows-874 bytes (Thai letters U+0E01–U+0E5B are bytes 0xA1–0xFB). */
const toWindows874 = (s: string) =>
  Uint8Array.from(
    [...s].map((ch) => {
      const c = ch.codePointAt(0)!;
      return c < 0x80 ? c : c - 0x0e00 + 0xa0;
    }),
  );

describe('admin CSV', () => {
  it('round-trips commas, quotes, line breaks and Thai, with a BOM for Excel', () => {
    const rows = [
      ['รหัส', 'คำตอบ'],
      ['a-1', 'บรรทัดแรก\nบรรทัดสอง, มี "เครื่องหมายคำพูด"'],
      ['a-2', '=SUM(A1)'],
    ];
    const csv = toCsvWithBom(rows);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(readCsv(csv)).toEqual({ ok: true, rows: [rows[0], rows[1], ['a-2', "'=SUM(A1)"]] });
  });

  it('reads Windows-874 (TIS-620) as Node reads it, and says which encoding it was', () => {
    const all = Uint8Array.from({ length: 0xfc - 0xa1 }, (_, i) => 0xa1 + i).filter(
      (b) => b < 0xdb || b > 0xde,
    );
    expect(decodeWindows874(all)).toBe(new TextDecoder('windows-874').decode(all));
    const bytes = toWindows874('วันที่,ชื่อ\r\n2099-01-02,วันหยุดท้องถิ่น\r\n');
    expect(decodeCsv(bytes)).toEqual({
      ok: true,
      encoding: 'windows-874',
      text: 'วันที่,ชื่อ\r\n2099-01-02,วันหยุดท้องถิ่น\r\n',
    });
    expect(decodeCsv(new TextEncoder().encode(`${BOM}ก,ข`))).toMatchObject({
      ok: true,
      encoding: 'utf-8',
    });
    // A byte neither encoding has: refused, not guessed.
    expect(decodeCsv(Uint8Array.from([0x41, 0xdb, 0xff]))).toEqual({
      ok: false,
      reason: 'encoding',
    });
  });

  it('checks every row and names the row and column of each error', () => {
    const text = [
      'วันที่ (ค.ศ. ปปปป-ดด-วว),ชื่อวันหยุด',
      '2099-01-02,วันหยุดหนึ่ง',
      'พรุ่งนี้,วันหยุดสอง',
      '2099-01-04,',
      '2099-01-02,ซ้ำ',
    ].join('\n');
    const r = checkCsv('holidays', text);
    expect(r.errors).toEqual([
      { row: 3, column: 'วันที่ (ค.ศ. ปปปป-ดด-วว)', message: expect.any(String) },
      { row: 4, column: 'ชื่อวันหยุด', message: 'ต้องระบุชื่อวันหยุด' },
      { row: 5, column: 'วันที่ (ค.ศ. ปปปป-ดด-วว)', message: 'ซ้ำกับแถวที่ 2' },
    ]);
    expect(checkCsv('holidays', 'วันที่,ชื่อ\n').errors[0]).toMatchObject({ row: 1 });
  });
});
