/**
 * CSV for the admin console's import and export (issue 14): RFC 4180 fields, UTF-8 with a BOM
 * on export so Excel opens Thai, and on import either UTF-8 or Windows-874 / TIS-620 (what Thai
 * Excel saves as "CSV"), detected from the bytes. Pure: no Node or Worker API beyond TextDecoder.
 */

import { parseCsv as parseRecords } from '../faq/csv';
import { toCsv, type CsvValue } from '../metrics/csv';

export const BOM = '\uFEFF';

/** The header and rows as CSV (shared/metrics/csv.ts: RFC 4180, formulas neutralised), BOM first. */
export function toCsvWithBom(rows: readonly (readonly CsvValue[])[]): string {
  const [head = [], ...body] = rows;
  return BOM + toCsv(head.map(String), body);
}

/** Undoes shared/metrics/csv.ts `neutralise`: `'=x` exported is `=x` imported, `''=x` is `'=x`. */
export const unneutralise = (s: string) => (/^'+[=+\-@\t\r\n]/.test(s) ? s.slice(1) : s);

/**
 * The file's rows as Excel numbers them (row 1 is the header): a blank line is a row, a line
 * break inside a quoted cell is not. RFC 4180, read by the same strict parser as the FAQ
 * file (shared/faq/csv.ts): a quote that never closes, or stray text after a closing quote,
 * makes the whole file unreadable at that row, never one long cell swallowing the rows after.
 */
export function readCsv(text: string): { ok: true; rows: string[][] } | { ok: false; row: number } {
  const r = parseRecords(text);
  return r.ok
    ? { ok: true, rows: r.records.map((x) => x.fields) }
    : { ok: false, row: r.error.record };
}

/** Windows-874 bytes 0x80–0x9F (the rest of the upper half is TIS-620: Thai at U+0E01–U+0E5B). */
const CP874_HIGH: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
};

/** Decodes Windows-874 / TIS-620 (the same for Thai letters); null at a byte it does not have. */
export function decodeWindows874(bytes: Uint8Array): string | null {
  let out = '';
  for (const b of bytes) {
    if (b < 0x80) out += String.fromCharCode(b);
    else if (b === 0xa0) out += '\u00a0';
    else if ((b >= 0xa1 && b <= 0xda) || (b >= 0xdf && b <= 0xfb))
      out += String.fromCharCode(b + 0x0e00 - 0xa0);
    else if (CP874_HIGH[b]) out += CP874_HIGH[b];
    else return null;
  }
  return out;
}

export type DecodedCsv =
  { ok: true; text: string; encoding: 'utf-8' | 'windows-874' } | { ok: false; reason: 'encoding' };

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else Windows-874, else refused. */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    const text = decodeWindows874(bytes);
    return text === null
      ? { ok: false, reason: 'encoding' }
      : { ok: true, text, encoding: 'windows-874' };
  }
}
