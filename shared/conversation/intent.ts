import { normalizeText } from '../faq/normalize';
import {
  COMPLAINT_WORDS,
  CORRUPTION_WORDS,
  DATA_WORDS,
  GREETING_WORDS,
  MONEY_WORDS,
  OFFICIAL_WORDS,
  PROBLEM_WORDS,
  QUESTION_WORDS,
  TRACKING_WORDS,
} from './lexicon';

/**
 * What a resident's free text asks for, decided from data: the lexicon (./lexicon.ts),
 * the organisation's categories with their keywords and example phrases, and the FAQ.
 * Pure: no I/O, the same answer in Node and workerd.
 */
export type Intent =
  'question' | 'report' | 'complaint' | 'corruption' | 'tracking' | 'data' | 'greeting' | 'unknown';

export const INTENTS: readonly Intent[] = [
  'question',
  'report',
  'complaint',
  'corruption',
  'tracking',
  'data',
  'greeting',
  'unknown',
];

export interface IntentCategory {
  code: string;
  keywords?: readonly string[];
  examples?: readonly string[];
}

export interface IntentModel {
  categories: readonly IntentCategory[];
  /** The FAQ's verdict on the text (answer: confident). */
  faq?: (text: string) => 'answer' | 'suggest' | 'none';
}

export interface IntentResult {
  intent: Intent;
  /** high: act on it; low: ask the resident, offering `alternatives`. */
  confidence: 'high' | 'low';
  /** Reports: the category the words point at, if any. */
  category?: string;
  /** Two or three likely intents, best first (always includes `intent`). */
  alternatives: Intent[];
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Normalised text with spaces removed: keywords are matched as substrings of it. */
const squash = (text: string) => normalizeText(text).replace(/\s+/g, '');

const has = (flat: string, words: readonly string[]) => words.some((w) => flat.includes(w));
const count = (flat: string, words: readonly string[]) =>
  words.filter((w) => flat.includes(w)).length;

/** Thai words (ICU segmentation) of normalised text, for comparing with example phrases. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalizeText(text))) if (s.isWordLike) out.push(s.segment);
  return out;
}

/**
 * The category the words point at: the longest keyword found wins (so "สุนัขกัด" beats
 * "สุนัข" and "น้ำท่วมบ้าน" beats "น้ำท่วม"), then the most example words shared.
 */
export function guessCategory(
  text: string,
  categories: readonly IntentCategory[],
): { code: string; score: number } | null {
  const flat = squash(text);
  const mine = new Set(words(text));
  let best: { code: string; score: number } | null = null;
  for (const c of categories) {
    let score = 0;
    for (const k of c.keywords ?? []) {
      const kw = squash(k);
      if (kw && flat.includes(kw)) score = Math.max(score, kw.length) + 0.1;
    }
    let shared = 0;
    for (const ex of c.examples ?? []) {
      const ws = words(ex).filter((w) => w.length > 1);
      const hit = ws.filter((w) => mine.has(w)).length;
      if (ws.length) shared = Math.max(shared, hit / ws.length);
    }
    if (shared >= 0.6) score += 2 * shared;
    if (score > 0 && (!best || score > best.score)) best = { code: c.code, score };
  }
  return best;
}

const TRACKING_CODE = /fs[\s\-–_.]*[0-9๐-๙]{4}[\s\-–_.]*[a-z0-9]{4}/i;

export function classify(text: string, model: IntentModel): IntentResult {
  const flat = squash(text);
  const raw = text.trim();
  const result = (
    intent: Intent,
    confidence: 'high' | 'low',
    alternatives: Intent[],
    category?: string,
  ): IntentResult => ({
    intent,
    confidence,
    alternatives: [intent, ...alternatives.filter((a) => a !== intent)].slice(0, 3),
    ...(category ? { category } : {}),
  });
  if (!flat) return result('unknown', 'low', ['question', 'report']);

  const questionish = has(flat, QUESTION_WORDS) || /[?？]/.test(raw);
  const faq = model.faq?.(raw) ?? 'none';

  // Bribery and abuse: strong words, or money asked by an official.
  const strongCorruption = CORRUPTION_WORDS.filter(
    (w) => !MONEY_WORDS.includes(w) && flat.includes(w),
  ).length;
  const officialMoney = has(flat, OFFICIAL_WORDS) && has(flat, MONEY_WORDS);
  if (strongCorruption || officialMoney) {
    // "ร้องเรียนการทุจริตทำอย่างไร" is still a corruption matter: offered, never started.
    return result('corruption', 'high', ['complaint', 'question']);
  }

  if (has(flat, DATA_WORDS)) return result('data', 'high', ['question']);
  if (TRACKING_CODE.test(raw) || has(flat, TRACKING_WORDS))
    return result('tracking', 'high', ['question']);

  const complaint = count(flat, COMPLAINT_WORDS);
  const cat = guessCategory(raw, model.categories);
  const problem = has(flat, PROBLEM_WORDS);

  // "ร้องเรียนทางไหน": asking how to complain is a question.
  const onlyTheWord = COMPLAINT_WORDS.filter((w) => flat.includes(w)).every((w) =>
    ['ร้องเรียน', 'ร้องทุกข์'].includes(w),
  );
  if (complaint && questionish && onlyTheWord) return result('question', 'high', ['complaint']);
  if (complaint && !(cat && problem && complaint === 1 && flat.includes('ร้อง'))) {
    return result('complaint', questionish && complaint < 2 ? 'low' : 'high', [
      'question',
      'report',
    ]);
  }

  if (cat && problem) {
    // "ไฟดับต้องแจ้งที่ไหน": asked as a question, answered as one (the answer offers
    // แจ้งเหตุ); a question never becomes a report without the resident's tap.
    if (questionish) return result('question', 'low', ['report'], cat.code);
    return result('report', 'high', ['question'], cat.code);
  }
  if (cat && !questionish && faq !== 'answer') {
    return result('report', cat.score >= 4 ? 'high' : 'low', ['question'], cat.code);
  }
  if (questionish || faq === 'answer') return result('question', 'high', ['report']);
  if (problem && !cat) return result('report', 'low', ['question']);
  if (has(flat, GREETING_WORDS) && [...flat].length <= 20)
    return result('greeting', 'high', ['question']);
  if (faq === 'suggest') return result('question', 'low', ['report']);
  if (cat) return result('report', 'low', ['question'], cat.code);
  return result('unknown', 'low', ['question', 'report']);
}

/** Whether any words in the text point at bribery or abuse (checked on every description). */
export function mentionsCorruption(text: string): boolean {
  return classify(text, { categories: [] }).intent === 'corruption';
}
