/**
 * Removes personal data from free text before it is published or kept after a
 * resident asks for deletion (domain.md §6): phone numbers, the 13-digit national
 * ID, house numbers, e-mail addresses and names after a Thai title.
 */
import { cases } from './text/th-cases';

const R = cases.redacted;
const RULES: [RegExp, string][] = [
  // 13-digit national ID, with or without dashes/spaces (1-2345-67890-12-3).
  [/(?<!\d)\d[\s-]?\d{4}[\s-]?\d{5}[\s-]?\d{2}[\s-]?\d(?!\d)/g, R.id],
  // Thai phone numbers: 0X-XXX-XXXX, 0XX-XXX-XXXX, +66…
  [/(?<!\d)(?:\+66[\s-]?|0)\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}(?!\d)/g, R.phone],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, R.email],
  // บ้านเลขที่ 12/3, เลขที่ 45, ม.3 stays (a village number is not personal).
  [/(บ้านเลขที่|เลขที่)\s*\d+(?:\/\d+)?/g, `$1 ${R.houseNo}`],
  // A name after a title: นาย/นาง/นางสาว/น.ส./ด.ช./ด.ญ. + up to two words.
  [/(นางสาว|นาง|นาย|น\.ส\.|ด\.ช\.|ด\.ญ\.)\s*[ก-๙]+(?:\s+[ก-๙]+)?/g, `$1 ${R.name}`],
];

export function redactPii(text: string): string {
  return RULES.reduce((t, [re, by]) => t.replace(re, by), text);
}
