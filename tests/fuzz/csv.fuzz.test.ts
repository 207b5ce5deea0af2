import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOM, decodeCsv, readCsv, toCsvWithBom, unneutralise } from '../../shared/admin/csv';
import { CSV_SECTIONS, checkCsv, type CsvSection } from '../../shared/admin/csv-sections';
import { FUZZ_SEED } from './seed';

/**
 * Issue 17: the admin console's CSV import (issue 14) under random files. Pure properties of
 * the parser and the row checker, no database: an export reads back as the same cells; any
 * bytes decode or are refused, never throw; an error names the row as Excel numbers it (the
 * header is row 1, a blank line is a row, a line break inside a quoted cell is not); a file
 * the parser cannot read whole is refused, never imported in part.
 * The HTTP side (random files to POST /api/admin/:org/csv/:section: never 5xx, a refusal
 * changes nothing) is in tests/fuzz/api.fuzz.test.ts.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const opts = { numRuns: RUNS, seed: FUZZ_SEED };

/** Cells with what breaks CSV: separators, quotes, line ends, formula starts, Thai, blanks. */
const cell = fc.stringMatching(/^[a-zก-ฮ่้ะาำ ,"'\r\n=+\-@\t|0-9]{0,12}$/);
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((w) =>
    fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 }),
  );

const isBlank = (r: string[]) => r.every((x) => x.trim() === '');

describe('fuzz: admin CSV files', () => {
  it('an export reads back cell for cell (commas, quotes, line breaks, formulas, Thai)', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const read = readCsv(toCsvWithBom(rows));
        expect(read.ok).toBe(true);
        const back = read.ok
          ? read.rows.map((r) => r.map(unneutralise)).filter((r) => !isBlank(r))
          : [];
        // A line break inside a cell reads back as \n, whatever the file's line ends.
        const want = rows.map((r) => r.map((c) => c.replace(/\r\n/g, '\n')));
        expect(back).toEqual(want.filter((r) => !isBlank(r)));
      }),
      opts,
    );
  });

  it('any bytes decode as UTF-8 or Windows-874 or are refused; never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const d = decodeCsv(bytes);
        if (d.ok)
          for (const s of ['faq', 'categories', 'services', 'holidays'] as CsvSection[])
            checkCsv(s, d.text);
      }),
      opts,
    );
  });

  it('every error names a row that exists in the file and a column of the section', () => {
    const section = fc.constantFrom(...(Object.keys(CSV_SECTIONS) as CsvSection[]));
    fc.assert(
      fc.property(section, table, fc.boolean(), (s, rows, withHeader) => {
        const head = CSV_SECTIONS[s].columns.map((c) => c.header);
        const text = toCsvWithBom(withHeader ? [head, ...rows] : rows);
        const r = checkCsv(s, text);
        const lastRow = (withHeader ? 1 : 0) + rows.length;
        for (const e of r.errors) {
          expect(e.row).toBeGreaterThanOrEqual(1);
          expect(e.row).toBeLessThanOrEqual(Math.max(1, lastRow));
          expect([...head, '-']).toContain(e.column);
          expect(e.message.length).toBeGreaterThan(0);
        }
        for (const row of r.rows) expect(row.row).toBeLessThanOrEqual(lastRow);
      }),
      opts,
    );
  });

  it('names the row Excel shows: blank lines count, line breaks inside a cell do not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('ok', 'blank', 'multiline'), { maxLength: 8 }),
        (kinds) => {
          const head = ['วันที่ (ค.ศ. ปปปป-ดด-วว)', 'ชื่อวันหยุด'];
          const lines = kinds.map((k, i) =>
            k === 'blank'
              ? ''
              : k === 'ok'
                ? `2099-01-${String(i + 1).padStart(2, '0')},วันหยุด`
                : `2099-02-${String(i + 1).padStart(2, '0')},"บรรทัดหนึ่ง\nบรรทัดสอง"`,
          );
          // The bad row at the end: its Excel row is the header + every line above it.
          const text = [head.join(','), ...lines, 'ไม่ใช่วันที่,วันหยุด'].join('\r\n');
          const r = checkCsv('holidays', text);
          expect(r.errors.map((e) => e.row)).toEqual([kinds.length + 2]);
        },
      ),
      opts,
    );
  });

  it('a quote that never closes is refused with its row, not read as one long cell', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), (before) => {
        const ok = Array.from(
          { length: before },
          (_, i) => `2099-03-${String(i + 1).padStart(2, '0')},วันหยุด`,
        );
        const text = [
          'วันที่ (ค.ศ. ปปปป-ดด-วว),ชื่อวันหยุด',
          ...ok,
          '2099-04-01,"ยังไม่ปิด',
          '2099-04-02,วันหยุด',
        ].join('\n');
        const r = checkCsv('holidays', text);
        expect(r.rows).toEqual([]);
        expect(r.errors).toEqual([{ row: before + 2, column: '-', message: expect.any(String) }]);
      }),
      opts,
    );
  });

  it('keeps a BOM only at the start', () => {
    expect(readCsv(`${BOM}a,b\r\n`)).toEqual({ ok: true, rows: [['a', 'b']] });
  });
});
