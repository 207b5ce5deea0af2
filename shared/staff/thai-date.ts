/**
 * Dates a clerk types in the Thai way, dd/mm/yyyy in the Buddhist era (พ.ศ. = ค.ศ. + 543),
 * to and from the ISO `YYYY-MM-DD` the API filters on. Pure.
 */
const BE_OFFSET = 543;

/** "02/12/2569" → "2026-12-02"; null when it is not a real date in that form. */
export function parseThaiDate(input: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(input);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]) - BE_OFFSET;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-12-02" → "02/12/2569"; '' for anything else. */
export function formatThaiDateInput(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${Number(m[1]) + BE_OFFSET}` : '';
}
