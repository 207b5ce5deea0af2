/** RFC 4180 CSV for the open-data files (UTF-8; callers add a BOM where Excel will open it). */
export type CsvValue = string | number | null | undefined;

/**
 * A text cell that starts with `=`, `+`, `-`, `@`, tab or CR is a formula to Excel and
 * LibreOffice (CSV injection): it gets a leading `'`, which spreadsheets show as text.
 * Numbers stay numbers (a negative number is data, not a formula).
 */
export function neutralise(s: string): string {
  // `'=x` too, so that reading the file back (shared/admin/csv.ts) drops exactly one `'`.
  return /^'*[=+\-@\t\r\n]/.test(s) ? `'${s}` : s;
}

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : neutralise(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(head: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
