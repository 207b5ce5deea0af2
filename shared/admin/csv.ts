/**
 * CSV for the admin console's import and export (issue 14): RFC 4180 fields, UTF-8 with a BOM
 * on export so Excel opens Thai, and on import either UTF-8 or Windows-874 / TIS-620 (what Thai
 * Excel saves as "CSV"), detected from the bytes. Pure: no Node or Worker API beyond TextDecoder.
 */

import { toCsv, type CsvValue } from '../metrics/csv';

export const BOM = '\uFEFF';

/** The header and rows as CSV (shared/metrics/csv.ts: RFC 4180, formulas neutralised), BOM first. */
export function toCsvWithBom(rows: readonly (readonly CsvValue[])[]): string {
  const [head = [], ...body] = rows;
  return BOM + toCsv(head.map(String), body);
}

/** Undoes shared/metrics/csv.ts `neutralise`: `'=x` exported is `=x` imported. */
export const unneutralise = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/** Rows of fields; quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') ((f += '"'), i++);
      else if (ch === '"') quoted = false;
      else f += ch;
    } else if (ch === '"' && f === '') quoted = true;
    else if (ch === ',') (row.push(f), (f = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      (row.push(f), (f = ''));
      (rows.push(row), (row = []));
    } else f += ch;
  }
  if (f !== '' || row.length) (row.push(f), rows.push(row));
  return rows.filter((r) => r.some((x) => x.trim() !== ''));
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
