/**
 * Word segmentation for FAQ matching: Thai has no spaces between words, so the text is
 * cut with the ICU dictionary behind `Intl.Segmenter('th')` (in Node and in workerd).
 */
import { normalizeText } from './normalize';

/**
 * Particles, pronouns, politeness and filler that say nothing about the topic. Content
 * words stay, and so do the question words that tell topics apart: ที่ไหน (where),
 * เมื่อไหร่ (when), เท่าไหร่ (how much), กี่วัน (how long).
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // Polite particles and their spellings.
  'ครับ', 'คับ', 'ครับผม', 'ค่ะ', 'คะ', 'คร้า', 'ค้า', 'ขา', 'นะ', 'น้า', 'นะคะ', 'นะครับ',
  'จ้า', 'จ้ะ', 'จ๊ะ', 'จ๊า', 'ฮะ', 'ฮับ', 'งับ', 'เนอะ', 'เลย', 'ล่ะ', 'หรอ', 'เหรอ', 'ละ',
  'จ๊ะ', 'ป่ะ', 'ปะ', 'วะ', 'เถอะ', 'สิ', 'ซิ', 'เด้อ', 'เด้', 'บ่',
  // Question endings without a topic.
  'ไหม', 'มั้ย', 'มั๊ย', 'ไม๊', 'หรือเปล่า', 'รึเปล่า', 'เปล่า', 'ป่าว', 'หรือไม่', 'รึ',
  'ยังไง', 'อย่างไร', 'ไง', 'ทำไง', 'แบบไหน', 'อะไร', 'บ้าง', 'หน่อย', 'ด้วย',
  // Pronouns and forms of address.
  'ผม', 'ฉัน', 'หนู', 'เรา', 'ดิฉัน', 'กระผม', 'ข้าพเจ้า', 'เค้า', 'เขา', 'คุณ', 'ท่าน',
  'พี่', 'แอดมิน', 'admin', 'เจ้าหน้าที่', 'จนท',
  // Greetings and framing.
  'สวัสดี', 'รบกวน', 'ขอบคุณ', 'สอบถาม', 'ถาม', 'อยากทราบ', 'ทราบ', 'อยากรู้', 'รู้', 'เรื่อง',
  'ขอ', 'อยาก', 'ต้องการ', 'จะ', 'ได้', 'ที่', 'ของ', 'ว่า', 'คือ', 'เป็น', 'และ', 'กับ',
  'หรือ', 'แล้ว', 'ก็', 'การ', 'ความ', 'ให้', 'ใน', 'มี', 'ไป', 'มา', 'อยู่', 'นี้', 'นั้น',
  'ต้อง', 'ควร', 'แบบ', 'ครั้ง', 'ตอน', 'นี่', 'โดย', 'เพื่อ', 'ซึ่ง', 'ทาง', 'ยัง', 'ไหน',
  // The organisation itself: every question is about it.
  'เทศบาล', 'อบต', 'ทต', 'อปท', 'เทศบาลตำบล', 'องค์การบริหารส่วนตำบล',
]);

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Segments already-normalised text into word-like pieces, stopwords dropped. */
export function segmentWords(normalized: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalized)) {
    if (!s.isWordLike) continue;
    if (STOPWORDS.has(s.segment)) continue;
    out.push(s.segment);
  }
  return out;
}

/** Normalises, segments and drops stopwords: the words BM25 ranks on. */
export function tokenize(text: string): string[] {
  return segmentWords(normalizeText(text));
}
