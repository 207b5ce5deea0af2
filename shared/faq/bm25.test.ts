import { describe, expect, it } from 'vitest';
import { buildBm25, DEFAULT_BM25, FIELD_SEPARATOR, rank, splitFields } from './bm25';

const S = FIELD_SEPARATOR;

describe('bm25', () => {
  const docs = [
    ['ภาษี', 'ป้าย', 'ยื่น', 'เดือน', 'มีนาคม'],
    ['ภาษี', 'ที่ดิน', 'จ่าย', 'เดือน', 'เมษายน', S, 'ภาษี', 'บ้าน', 'จ่าย'],
    ['เก็บ', 'ขยะ', 'วัน', S, 'รถ', 'ขยะ', 'มา', 'วัน'],
  ];

  it('splits stored tokens into fields', () => {
    expect(splitFields(['a', S, 'b', 'c', S, S])).toEqual([['a'], ['b', 'c']]);
  });

  it('ranks by the rare word over the common one', () => {
    const index = buildBm25(docs);
    const r = rank(index, ['ภาษี', 'ป้าย']);
    expect(r.map((x) => x.entry)).toEqual([0, 1]);
    expect(r[0]!.score).toBeGreaterThan(r[1]!.score);
  });

  it('leaves out entries with no matching word and handles unknown words', () => {
    const index = buildBm25(docs);
    expect(rank(index, ['ขยะ']).map((x) => x.entry)).toEqual([2]);
    expect(rank(index, ['ไม่มีคำนี้'])).toEqual([]);
    expect(rank(index, [])).toEqual([]);
    expect(rank(buildBm25([]), ['ขยะ'])).toEqual([]);
  });

  it('normalises to about 1 when every query word matches once, less when words are unknown', () => {
    const index = buildBm25([
      ['ก', 'ข'],
      ['ค', 'ง'],
      ['จ', 'ฉ'],
    ]);
    const [full] = rank(index, ['ก', 'ข']);
    expect(full!.norm).toBeCloseTo(1, 5);
    const [half] = rank(index, ['ก', 'ไม่รู้จัก']);
    expect(half!.norm).toBeLessThan(0.6);
    expect(half!.matched).toBe(1);
    expect(half!.words).toBe(2);
  });

  it("scores an entry as its best field in 'fields' mode, as a whole in 'joined' mode", () => {
    const entries = [
      ['ก', 'ข', S, 'ค', 'ง'],
      ['ก', 'ค', 'จ', 'ฉ'],
    ];
    const fields = buildBm25(entries, { ...DEFAULT_BM25, mode: 'fields' });
    const joined = buildBm25(entries, { ...DEFAULT_BM25, mode: 'joined' });
    expect(fields.docLen.length).toBe(3);
    expect(joined.docLen.length).toBe(2);
    // "ก ค" never appears in one field of entry 0, but does in entry 1.
    expect(rank(fields, ['ก', 'ค'])[0]!.entry).toBe(1);
    // Its words all appear in entry 0 as a whole.
    expect(rank(joined, ['ก', 'ค'])[0]!.matched).toBe(2);
  });

  it("gives a compound's pieces a shared weight and does not count them as matched words", () => {
    const index = buildBm25([
      ['ภาษีที่ดิน', '+ภาษี', '+ที่ดิน', 'จ่าย'],
      ['ภาษี', 'ป้าย'],
    ]);
    const r = rank(index, ['ภาษีที่ดิน', '+ภาษี', '+ที่ดิน']);
    expect(r[0]!.entry).toBe(0);
    expect(r[0]!.matched).toBe(1);
    expect(r[0]!.words).toBe(1);
    // A message using the piece on its own still finds the compound's entry.
    expect(rank(index, ['ที่ดิน'])[0]!.entry).toBe(0);
  });

  it('gives the same answer twice (the accumulator is reset) and honours k', () => {
    const index = buildBm25(docs);
    const a = rank(index, ['ภาษี', 'จ่าย', 'วัน'], 2);
    const b = rank(index, ['ภาษี', 'จ่าย', 'วัน'], 2);
    expect(a).toEqual(b);
    expect(a).toHaveLength(2);
  });

  it('adds character bigrams when asked, which match a misspelt word', () => {
    const index = buildBm25([['อนุญาต', 'ก่อสร้าง'], ['ขยะ']], {
      ...DEFAULT_BM25,
      charBigramWeight: 0.3,
    });
    expect(rank(index, ['อณุญาต'])[0]?.entry).toBe(0);
    expect(rank(buildBm25([['อนุญาต', 'ก่อสร้าง'], ['ขยะ']]), ['อณุญาต'])).toEqual([]);
  });
});
