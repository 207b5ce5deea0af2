import { beforeAll, describe, expect, it } from 'vitest';
import { th } from '../../shared/text/th';
import { ThaiText, wrapLabel } from './text';

/** Bounding box of path data whose coordinates are all x y pairs (M, L, Q, C, Z). */
function bbox(d: string) {
  const n = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const xs = n.filter((_, i) => i % 2 === 0);
  const ys = n.filter((_, i) => i % 2 === 1);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys) };
}

describe('wrapLabel', () => {
  const perChar = (s: string) => [...s].length;

  it('keeps a label that fits on one line', () => {
    expect(wrapLabel('abc def', 7, perChar)).toEqual(['abc def']);
  });

  it('breaks after "/" or at a space before it breaks between words', () => {
    expect(wrapLabel('ab/cdefgh', 6, perChar)).toEqual(['ab/', 'cdefgh']);
    expect(wrapLabel('abcd efgh', 5, perChar)).toEqual(['abcd', 'efgh']);
  });

  it('breaks Thai between words, the first line no wider than the second when asked', () => {
    const survey = th.menu.survey;
    const lines = wrapLabel(survey, 12, perChar, { topLighter: true })!;
    expect(lines.join('')).toBe(survey);
    expect(lines).toHaveLength(2);
    expect(perChar(lines[0]!)).toBeLessThanOrEqual(perChar(lines[1]!));
    // Both halves are whole words: the break is one Intl.Segmenter offers.
    const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(survey)];
    expect(words.map((w) => w.index)).toContain(lines[0]!.length);
  });

  it('says when two lines are not enough', () => {
    expect(wrapLabel('abcdefgh', 3, perChar)).toBeNull();
    expect(wrapLabel('aaaaaaa/b', 4, perChar)).toBeNull();
  });
});

describe('ThaiText', () => {
  let text: ThaiText;
  beforeAll(async () => {
    text = await ThaiText.load();
  });

  it('measures in proportion to size', () => {
    const w = text.measure(th.menu.ask, 100);
    expect(w).toBeGreaterThan(100);
    expect(text.measure(th.menu.ask, 200)).toBeCloseTo(2 * w, 6);
  });

  it('stacks a tone mark above an upper vowel instead of on top of it', () => {
    const at = (s: string) => bbox(text.outline(s, { x: 0, y: 0, size: 1000 }));
    // ที่ (tho, sara ii, mai ek) is taller than ที and ท่ by a good part of an em.
    expect(at('\u0e17\u0e35\u0e48').minY).toBeLessThan(at('\u0e17\u0e35').minY - 150);
    expect(at('\u0e17\u0e35\u0e48').minY).toBeLessThan(at('\u0e17\u0e48').minY - 150);
  });

  it('moves marks left over the tall stem of ป, not over ก', () => {
    const at = (s: string) => bbox(text.outline(s, { x: 0, y: 0, size: 1000 }));
    const marks = '\u0e34\u0e48'; // sara i, mai ek
    expect(at('\u0e1b' + marks).minX).toBeLessThan(at('\u0e1b').minX - 30);
    expect(at('\u0e01' + marks).minX).toBe(at('\u0e01').minX);
  });

  it('splits SARA AM: nikhahit over the consonant, sara aa after it', () => {
    const at = (s: string) => bbox(text.outline(s, { x: 0, y: 0, size: 1000 }));
    const am = '\u0e15\u0e33'; // ตำ
    const aa = '\u0e15\u0e32'; // ตา
    expect(text.measure(am, 1000)).toBe(text.measure(aa, 1000));
    expect(at(am).maxX).toBe(at(aa).maxX);
    expect(at(am).minY).toBeLessThan(at(aa).minY - 200);
  });

  it('centres on x with anchor middle', () => {
    const b = bbox(text.outline(th.menu.ask, { x: 500, y: 0, size: 100, anchor: 'middle' }));
    expect(Math.abs((b.minX + b.maxX) / 2 - 500)).toBeLessThan(10);
  });
});
