/**
 * Word segmentation for FAQ matching: Thai has no spaces between words, so the text is
 * cut with the ICU dictionary behind `Intl.Segmenter('th')` (in Node and in workerd).
 */
import { normalizeText } from './normalize';

/** Whitespace-separated words; lines starting with # are comments. */
function words(list: string): string[] {
  return list
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * Particles, pronouns, politeness and filler that say nothing about the topic. Content
 * words stay, and so do the question words that tell topics apart: ที่ไหน (where),
 * เมื่อไหร่ (when), เท่าไหร่ (how much), กี่วัน (how long).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  words(`
  # Polite particles and their spellings.
  ครับ คับ ครับผม ค่ะ คะ คร้า ค้า ขา นะ น้า นะคะ นะครับ จ้า จ้ะ จ๊ะ จ๊า ฮะ ฮับ งับ เนอะ
  เลย ล่ะ หรอ เหรอ ละ จ๊ะ ป่ะ ปะ วะ เถอะ สิ ซิ เด้อ เด้ บ่
  # Question endings without a topic.
  ไหม มั้ย มั๊ย ไม๊ หรือเปล่า รึเปล่า เปล่า ป่าว หรือไม่ รึ ยังไง อย่างไร ไง ทำไง แบบไหน
  อะไร บ้าง หน่อย ด้วย
  # Pronouns and forms of address.
  ผม ฉัน หนู เรา ดิฉัน กระผม ข้าพเจ้า เค้า เขา คุณ ท่าน พี่ แอดมิน admin เจ้าหน้าที่
  จนท
  # Greetings and framing.
  สวัสดี รบกวน ขอบคุณ สอบถาม ถาม อยากทราบ ทราบ อยากรู้ รู้ เรื่อง ขอ อยาก ต้องการ จะ
  ได้ ที่ ของ ว่า คือ เป็น และ กับ หรือ แล้ว ก็ การ ความ ให้ ใน มี ไป มา อยู่ นี้ นั้น
  ต้อง ควร แบบ ครั้ง ตอน นี่ โดย เพื่อ ซึ่ง ยัง ไหน
`),
);

/** The organisation itself: every question is about it (removed before segmenting). */
const ORG_WORDS = /เทศบาล(?:ตำบล|เมือง|นคร)?|องค์การบริหารส่วนตำบล|อบต|ทต|อปท/g;

/**
 * Question words, kept whole and marked {@link QUESTION}: they tell apart entries on one
 * topic (where to pay, when to pay) but on their own say nothing about the topic, so a
 * message sharing only them with an entry is weak evidence.
 */
export const QUESTION_WORDS: readonly string[] = ['ที่ไหน', 'เมื่อไหร่', 'เท่าไหร่', 'กี่วัน'];

/** Marks a question word in a token list. */
export const QUESTION = '?';

/**
 * Terms the ICU dictionary cuts into pieces ("ร้อง|เรียน", "ภาษี|ที่ดิน|และ|สิ่ง|ปลูก|สร้าง")
 * though each names one thing. Kept whole, a long official name counts as one term
 * instead of five, so it no longer drowns the words that tell entries apart (where,
 * when, how much). Each is followed by its pieces marked with {@link PART}, so a message
 * that uses only a piece ("เบี้ยยังชีพ") still matches. Normalised forms only.
 */
export const COMPOUNDS: readonly string[] = words(`
  ภาษีที่ดินและสิ่งปลูกสร้าง สิ่งปลูกสร้าง เบี้ยยังชีพผู้สูงอายุ ผู้สูงอายุ เบี้ยความพิการ
  คนพิการ ร้องเรียน ร้องทุกข์ ลงทะเบียน ทะเบียนบ้าน ทะเบียนราษฎร บัตรประชาชน ใบอนุญาต
  น้ำประปา ไฟฟ้าสาธารณะ สุนัขจรจัด ศูนย์พัฒนาเด็กเล็ก อาสาสมัครสาธารณสุข เบอร์โทรศัพท์
  ข้อมูลส่วนบุคคล หลักฐาน ตรวจสอบ บ้านเลขที่ ไข้เลือดออก ท่อระบายน้ำ ขยะอันตราย พ่นหมอกควัน
  ค่าธรรมเนียม งบประมาณ คิวอาร์โค้ด พร้อมเพย์ ประพฤติมิชอบ ถุงยังชีพ อุปโภคบริโภค รื้อถอน
  ต่อเติม มาตรวัด มอบอำนาจ โต้แย้ง ตัดกิ่งไม้ รถบรรทุกน้ำ เหตุเดือดร้อนรำคาญ ความพึงพอใจ
  ปีงบประมาณ ทรายอะเบท
`);

/** Marks a piece of the compound before it in a token list. */
export const PART = '+';

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
const COMPOUND_RE = new RegExp(
  [...COMPOUNDS, ...QUESTION_WORDS].sort((a, b) => b.length - a.length).join('|'),
  'g',
);
const QUESTION_SET = new Set(QUESTION_WORDS);

function icuWords(text: string, out: string[], prefix = ''): void {
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike || STOPWORDS.has(s.segment)) continue;
    out.push(prefix + s.segment);
  }
}

/**
 * Segments already-normalised text: compounds whole (each followed by its pieces,
 * marked '+'), the rest with ICU; stopwords dropped.
 */
export function segmentWords(normalized: string): string[] {
  const text = normalized.replace(ORG_WORDS, ' ');
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(COMPOUND_RE)) {
    icuWords(text.slice(last, m.index), out);
    if (QUESTION_SET.has(m[0])) {
      out.push(QUESTION + m[0]);
    } else {
      out.push(m[0]);
      icuWords(m[0], out, PART);
    }
    last = m.index + m[0].length;
  }
  icuWords(text.slice(last), out);
  return out;
}

/** Normalises and segments: the terms BM25 ranks on (compound pieces marked '+', question words '?'). */
export function tokenize(text: string): string[] {
  return segmentWords(normalizeText(text));
}
