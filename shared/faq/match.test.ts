import { describe, expect, it } from 'vitest';
import { FIELD_SEPARATOR } from './bm25';
import {
  buildFaqIndex,
  faqLookup,
  matchFaq,
  rankFaq,
  tokensFor,
  TOKENS_VERSION,
  type FaqEntryData,
} from './match';

function entry(extId: string, question: string, variants: string[] = []): FaqEntryData {
  return {
    extId,
    question,
    variants,
    answer: `คำตอบ ${extId}`,
    links: [],
    quickReplies: [],
    tokens: tokensFor(question, variants),
  };
}

const entries = [
  entry('hours', 'สำนักงานเปิดทำการวันและเวลาใด', ['เปิดกี่โมงถึงกี่โมง', 'วันเสาร์เปิดไหม']),
  entry('tax-when', 'ภาษีที่ดินและสิ่งปลูกสร้างต้องจ่ายภายในเมื่อไหร่', ['หมดเขตจ่ายภาษีที่ดิน']),
  entry('tax-where', 'จ่ายภาษีที่ดินและสิ่งปลูกสร้างได้ที่ไหน', ['จ่ายภาษีที่ไหน', 'โอนจ่ายภาษีได้ไหม']),
  entry('sign-tax', 'ภาษีป้ายยื่นแบบเดือนไหน', ['ป้ายหน้าร้านต้องเสียภาษีไหม']),
  entry('waste-days', 'รถเก็บขยะมาเก็บวันไหน', ['ตารางเก็บขยะ']),
  entry('borrow', 'ขอยืมเต็นท์ โต๊ะ เก้าอี้', ['ยืมเต็นท์จัดงานศพ']),
  entry('dogs', 'สุนัขจรจัดไล่กัดคน', ['หมาจรเยอะในซอย']),
];
const index = buildFaqIndex(entries);

describe('tokensFor', () => {
  it('stores the version mark and the fields separated', () => {
    const t = tokensFor('เก็บขยะวันไหน', ['ตารางรถขยะ', 'ครับ']);
    expect(t[0]).toBe(TOKENS_VERSION);
    // The variant that is only a particle adds no empty field.
    expect(t.filter((x) => x === FIELD_SEPARATOR)).toHaveLength(1);
    expect(t).toContain('ขยะ');
  });
});

describe('matchFaq', () => {
  it('answers a clear question confidently, in the resident’s own words', () => {
    const m = matchFaq(index, 'หมาจรจัดเยอะมากกก กัดเด็กด้วย');
    expect(m.kind).toBe('answer');
    if (m.kind === 'answer') {
      expect(m.entry.extId).toBe('dogs');
      expect(m.score).toBeGreaterThan(0.5);
    }
  });

  it('tells apart entries on one topic by the question word', () => {
    expect(rankFaq(index, 'ภาษีบ้านจ่ายที่ไหน')[0]!.entry.extId).toBe('tax-where');
    expect(rankFaq(index, 'ภาษีบ้านหมดเขตเมื่อไร')[0]!.entry.extId).toBe('tax-when');
  });

  it('suggests up to three entries when the message fits several', () => {
    const m = matchFaq(index, 'ภาษี');
    expect(m.kind).toBe('suggest');
    if (m.kind === 'suggest') {
      expect(m.entries.length).toBeGreaterThan(1);
      expect(m.entries.length).toBeLessThanOrEqual(3);
      expect(m.scores).toHaveLength(m.entries.length);
      expect([...m.scores].sort((a, b) => b - a)).toEqual(m.scores);
    }
  });

  it('is never confident on one shared word ("ยืมเงิน" is not "ยืมเต็นท์")', () => {
    expect(matchFaq(index, 'ยืมเงินได้ไหม').kind).not.toBe('answer');
  });

  it('says none for unrelated text, particles only and empty text', () => {
    expect(matchFaq(index, 'ราคาทองคำ').kind).toBe('none');
    expect(matchFaq(index, 'ครับ').kind).toBe('none');
    expect(matchFaq(index, '').kind).toBe('none');
    expect(matchFaq(buildFaqIndex([]), 'เก็บขยะวันไหน').kind).toBe('none');
  });

  it('follows the thresholds it is given', () => {
    const strict = { answer: 100, maxSecondRatio: 0.1, suggest: 0.01, suggestRatio: 0 };
    expect(matchFaq(index, 'หมาจรจัดกัดเด็ก', { thresholds: strict }).kind).toBe('suggest');
  });
});

describe('buildFaqIndex', () => {
  it('recomputes tokens stored without the current version mark', () => {
    const stale = { ...entry('dogs', 'สุนัขจรจัดไล่กัดคน'), tokens: ['อะไรก็ไม่รู้'] };
    const m = matchFaq(buildFaqIndex([stale, entries[0]!]), 'สุนัขจรจัดกัดคน');
    expect(m.kind === 'answer' && m.entry.extId).toBe('dogs');
  });

  it('looks entries up by id for a tapped suggestion', () => {
    const faq = faqLookup(index);
    expect(faq.byId('borrow')?.question).toBe('ขอยืมเต็นท์ โต๊ะ เก้าอี้');
    expect(faq.byId('nope')).toBeUndefined();
    expect(faq.match('ตารางเก็บขยะวันไหน').kind).not.toBe('none');
  });
});
