/**
 * Removes personal data from free text before it is published or kept after a
 * resident asks for deletion: phone numbers, the 13-digit national
 * ID, house numbers, e-mail addresses and names after a Thai title.
 */
import { cases } from './text/th-cases';

const R = cases.redacted;

/** A 13-digit run, alone or grouped like an ID card (1-2345-67890-12-3). */
const ID_SHAPE = /(?<!\d)\d[\s-]?\d{4}[\s-]?\d{5}[\s-]?\d{2}[\s-]?\d(?!\d)/g;

/**
 * The Thai national ID check digit: (11 − Σ dᵢ·(13 − i) mod 11) mod 10 over the
 * first twelve digits (i = 0…11) equals the thirteenth.
 */
export function isValidThaiId(text: string): boolean {
  const d = text.replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(d[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(d[12]);
}

const OTHER_RULES: [RegExp, string][] = [
  // Thai phone numbers: 0X-XXX-XXXX, 0XX-XXX-XXXX, +66…
  [/(?<!\d)(?:\+66[\s-]?|0)\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}(?!\d)/g, R.phone],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, R.email],
  // บ้านเลขที่ 12/3, เลขที่ 45, ม.3 stays (a village number is not personal).
  [/(บ้านเลขที่|เลขที่)\s*\d+(?:\/\d+)?/g, `$1 ${R.houseNo}`],
  // A name after a title: นาย/นาง/นางสาว/น.ส./ด.ช./ด.ญ. + up to two words.
  [/(นางสาว|นาง|นาย|น\.ส\.|ด\.ช\.|ด\.ญ\.)\s*[ก-๙]+(?:\s+[ก-๙]+)?/g, `$1 ${R.name}`],
];

export interface RedactOptions {
  /**
   * 'any' (default, for deletion: when in doubt, remove) redacts every 13-digit
   * run. 'checksum' (for publishing) redacts a bare 13-digit run only when its
   * check digit is valid, so a 13-digit reference or meter number stays readable;
   * a run written in the ID card's 1-4-5-2-1 grouping is redacted either way,
   * since that is an ID with a typo far more often than anything else.
   */
  ids?: 'any' | 'checksum';
}

export function redactPii(text: string, opts: RedactOptions = {}): string {
  const ids = opts.ids ?? 'any';
  const t = text.replace(ID_SHAPE, (m) =>
    ids === 'any' || isValidThaiId(m) || /^\d-\d{4}-\d{5}-\d{2}-\d$/.test(m) ? R.id : m,
  );
  return OTHER_RULES.reduce((s, [re, by]) => s.replace(re, by), t);
}

/** Redaction for anything the public sees (reports, transparency pages). */
export function redactForPublishing(text: string): string {
  return redactPii(text, { ids: 'checksum' });
}
