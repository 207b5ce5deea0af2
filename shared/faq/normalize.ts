/**
 * Text normalisation for FAQ matching, applied the same way to the FAQ at import time
 * and to each resident's message. Pure string work, no I/O.
 *
 * Residents type on phones: Thai digits, no spaces or too many, stretched endings
 * ("ค่าาาา"), "เเ" for "แ", abbreviations (บัตรปชช) and everyday words for official
 * ones (เบี้ยคนแก่, ภาษีบ้าน). Each rewrite below maps onto the official form, so one
 * FAQ wording covers them all.
 */

/** Thai digits ๐–๙ → 0–9. */
const THAI_DIGIT_ZERO = 0x0e50;
const THAI_DIGITS = /[\u0e50-\u0e59]/g;
/** Zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Thai vowels and tone marks that never legitimately repeat (above, below, following). */
const REPEATABLE_MARKS = /([\u0e30-\u0e3a\u0e45\u0e47-\u0e4e])\1+/g;
/** A consonant or Latin letter stretched to three or more ("ครับบบ", "sooo"). */
const STRETCHED_LETTER = /([\u0e01-\u0e2e\u0e40-\u0e44a-z])\1{2,}/g;
/** Anything that is not a letter, a combining mark, a digit or a space. */
const PUNCTUATION = /[^\p{L}\p{M}\p{N}\s]/gu;
/** Thai letters that are signs rather than words: ๆ (repeat), ฯ (abbreviation). */
const THAI_SIGNS = /[\u0e2f\u0e46]/g;

/**
 * Everyday words, abbreviations and common misspellings → the form the FAQ uses.
 * Each pattern also matches its own replacement (or cannot match it), so normalising
 * twice gives the same text. Order matters: earlier rules see the raw wording.
 */
export const REWRITES: readonly (readonly [RegExp, string])[] = [
  // Question endings glued to the word before them confuse the segmenter ("ภาษีรึเปล่า"
  // → "ษีรึ"): cut them out first. These strings occur in no other word.
  [/(?:หรือ|รึ)\s*(?:เปล่า|ป่าว|ปล่าว|ไม่)|ป่ะ|มั้ย|มั๊ย|ไม๊/g, ' '],
  // Misspellings.
  [/อนุญาติ|อณุญาต(?:ิ)?/g, 'อนุญาต'],
  [/(?:น้ำ)?(?:ประปา|ปะปา)/g, 'น้ำประปา'],
  [/น้ำ(?:ประปา)?\s*ไม่\s*(?:ค่อย)?\s*ไหล/g, 'น้ำประปาไม่ไหล'],
  [/ทะเบียนราษ(?:ฎ|ด)ร์?/g, 'ทะเบียนราษฎร'],
  [/สิ่งปลูกสล้าง/g, 'สิ่งปลูกสร้าง'],
  [/ผู้พิการ|คนพิการ|ผู้ทุพพลภาพ/g, 'คนพิการ'],
  // Abbreviations.
  [/บัตร\s*(?:ปชช|ประจำตัวประชาชน|ประชาชน)|บัตร\s*ปช(?![ก-ฮ])/g, 'บัตรประชาชน'],
  [/ทร\s*\.?\s*14/g, 'ทะเบียนบ้าน'],
  [/ภ\s*\.?\s*ด\s*\.?\s*ส\s*\.?\s*(?=\d|$|\s)/g, 'ภาษีที่ดินและสิ่งปลูกสร้าง '],
  [/อสม\.?/g, 'อาสาสมัครสาธารณสุข'],
  [/ศพด\.?|ศูนย์\s*(?:พัฒนา)?\s*เด็กเล็ก|เน(?:อ|ิร์)ส\s*เซอ(?:รี่|รี)|\bnursery\b/g, 'ศูนย์พัฒนาเด็กเล็ก'],
  [/มรณะบัตร|มรณบัตร/g, 'มรณบัตร'],
  // Welfare allowances: the everyday names.
  [
    /เบี้ย\s*(?:ยังชีพ)?\s*(?:คน|ผู้)?\s*(?:แก่|ชรา|สูงอายุ|สูงวัย|เฒ่า)|เงิน\s*(?:คน|ผู้)\s*(?:แก่|ชรา|สูงอายุ|สูงวัย|เฒ่า)|เงิน\s*(?:แก่|ชรา)|เบี้ยยังชีพผู้สูงอายุ/g,
    'เบี้ยยังชีพผู้สูงอายุ',
  ],
  [/คนแก่|คนชรา|คนเฒ่า|ผู้เฒ่า|ผู้สูงวัย|ผู้สูงอายุ/g, 'ผู้สูงอายุ'],
  [/เบี้ย\s*(?:ยังชีพ)?\s*(?:ความ)?\s*(?:คน)?\s*พิการ|เงิน\s*(?:คน)?\s*พิการ|เบี้ยความพิการ/g, 'เบี้ยความพิการ'],
  // Land and building tax: residents still use the names of the taxes it replaced (2563).
  [
    /ภาษี\s*(?:บ้าน|โรงเรือน|บำรุงท้องที่)(?:\s*(?:และ|กับ)?\s*ที่ดิน)?|ภาษีที่ดิน(?:\s*(?:และ|กับ)?\s*(?:สิ่งปลูกสร้าง|บ้าน|โรงเรือน))?/g,
    'ภาษีที่ดินและสิ่งปลูกสร้าง',
  ],
  [/เสียภาษี|ชำระภาษี|จ่ายภาษี/g, 'จ่ายภาษี'],
  [/ชำระเงิน|ชำระ/g, 'จ่าย'],
  [/ขยะมูลฝอย|มูลฝอย/g, 'ขยะ'],
  // Not the หมา inside เหมา (ผู้รับเหมา, contractor).
  [/(?<!เ)หมา(?!ย)|น้องหมา/g, 'สุนัข'],
  [/สุนัขจร(?:จัด)?/g, 'สุนัขจรจัด'],
  [/ไฟ\s*(?:ทาง|ถนน|ส่องสว่าง|สาธารณะ|ฟ้าสาธารณะ|ฟ้าส่องสว่าง)|เสาไฟ(?:ฟ้า)?/g, 'ไฟฟ้าสาธารณะ'],
  [/(?:ฉีด|พ่น)\s*(?:ยา)?\s*(?:ยุง|หมอกควัน|ควัน)/g, 'พ่นหมอกควัน'],
  [/ตัด\s*(?:แต่ง)?\s*กิ่ง\s*(?:ไม้)?/g, 'ตัดกิ่งไม้'],
  [/เบอร์\s*(?:โทร(?:ศัพท์)?)?|หมายเลขโทรศัพท์|เบอ(?=\s*(?:โทร|ไหน|อะไร|ติดต่อ|$|\s))/g, 'เบอร์โทรศัพท์'],
  [/คอ(?:ร์)?รัป(?:ชั่น|ชัน)|corruption|คอรัปชั่น/g, 'ทุจริต'],
  [/สินบน|ใต้โต๊ะ|เงินทอน/g, 'สินบน'],
  [/เท่า\s*(?:ไร|ไหร่|ไหร)|กี่บาท/g, 'เท่าไหร่'],
  [/เมื่อ\s*(?:ไร|ไหร่|ไหร)|ตอนไหน|ช่วงไหน/g, 'เมื่อไหร่'],
  [/ตรงไหน|ที่ใด|ที่ไหน/g, 'ที่ไหน'],
  // Loanwords typed in Latin letters.
  [/\bqr\s*(?:code)?\b|คิวอาร์\s*(?:โค้ด|โค๊ด)?/g, 'คิวอาร์โค้ด'],
  [/\bprompt\s*pay\b|พร้อมเพย์/g, 'พร้อมเพย์'],
  [/\bonline\b|ออนไลน์|ออนไลน/g, 'ออนไลน์'],
  [/\bline\b|ไลน์/g, 'ไลน์'],
  [/\bapp(?:lication)?\b|แอพ(?:พลิเคชั่น)?|แอป(?:พลิเคชัน)?/g, 'แอป'],
  [/\bpdpa\b/g, 'ข้อมูลส่วนบุคคล'],
  [/\btax\b/g, 'ภาษี'],
];

/**
 * Normalises a message or an FAQ text: NFC, Thai digits → ASCII, invisible characters
 * and punctuation removed, spacing collapsed, Latin lowercased, stretched letters and
 * doubled vowels squeezed, and the {@link REWRITES} applied. Idempotent.
 */
export function normalizeText(input: string): string {
  let s = input.normalize('NFC').replace(INVISIBLE, '').toLowerCase();
  s = s.replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - THAI_DIGIT_ZERO));
  // ำ typed as nikhahit + sara aa (with or without a tone mark in between).
  s = s.replace(/\u0e4d([\u0e48-\u0e4b]?)\u0e32/g, '$1\u0e33');
  // Tone mark typed after sara am instead of before it.
  s = s.replace(/\u0e33([\u0e48-\u0e4b])/g, '$1\u0e33');
  // Two sara e for sara ae, a common keyboard habit.
  s = s.replace(/\u0e40\u0e40/g, '\u0e41');
  s = s.replace(REPEATABLE_MARKS, '$1').replace(STRETCHED_LETTER, '$1');
  s = s.replace(THAI_SIGNS, ' ');
  // The segmenter glues digits and Latin letters to Thai words ("จะ60"): separate them.
  s = s.replace(/([\u0e00-\u0e7f])(?=[0-9a-z])|([0-9a-z])(?=[\u0e00-\u0e7f])/g, '$1$2 ');
  for (const [pattern, replacement] of REWRITES) s = s.replace(pattern, replacement);
  s = s.replace(PUNCTUATION, ' ');
  return s.replace(/\s+/g, ' ').trim();
}
