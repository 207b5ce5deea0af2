import { describe, expect, it } from 'vitest';
import { demoIntentModel, loadIntentRows } from '../../tests/helpers/intent-model';
import { classify, guessCategory, mentionsCorruption } from './intent';

const model = demoIntentModel();

describe('intent of a first message (tests/fixtures/intents.json, hand-written)', () => {
  const rows = loadIntentRows('intents.json');

  it('has at least 150 rows covering every intent', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(new Set(rows.map((r) => r.intent))).toEqual(
      new Set([
        'question',
        'report',
        'complaint',
        'corruption',
        'tracking',
        'data',
        'greeting',
        'unknown',
      ]),
    );
  });

  it.each(rows.map((r) => [r.text, r] as const))('%s', (_, row) => {
    const r = classify(row.text, model);
    expect(r.intent).toBe(row.intent);
    if (row.category) expect(r.category).toBe(row.category);
    expect(r.alternatives[0]).toBe(r.intent);
  });
});

describe('classifier rules', () => {
  it('never calls a question a confident report', () => {
    for (const t of ['ไฟดับต้องแจ้งที่ไหน', 'น้ำประปาไม่ไหลแจ้งใครคะ', 'ถนนพังแจ้งได้ไหม']) {
      const r = classify(t, model);
      expect(r.intent === 'report' && r.confidence === 'high').toBe(false);
    }
  });

  it('the longest keyword wins: a dog bite is not a stray dog', () => {
    expect(guessCategory('โดนหมากัด', model.categories)?.code).toBe('dog_bite');
    expect(guessCategory('หมาจรจัดเยอะ', model.categories)?.code).toBe('animal');
    expect(guessCategory('น้ำท่วมบ้านแล้ว', model.categories)?.code).toBe('house_flood');
  });

  it('money asked by an official is bribery; aid money asked by a resident is not', () => {
    expect(mentionsCorruption('นายช่างที่กองช่างขอเงิน 5000 บาท')).toBe(true);
    expect(mentionsCorruption('ผู้รับเหมาทิ้งงานถนนไว้ครึ่งทาง')).toBe(false);
    expect(mentionsCorruption('ขอเงินช่วยเหลือน้ำท่วมได้ไหม')).toBe(false);
  });

  it('works without an FAQ and on empty text', () => {
    expect(classify('', { categories: [] }).intent).toBe('unknown');
    expect(classify('ไฟถนนดับ', { categories: model.categories }).intent).toBe('report');
  });
});
