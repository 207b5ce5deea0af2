import { describe, expect, it } from 'vitest';
import { PART, QUESTION, tokenize } from './tokenize';

describe('tokenize', () => {
  it('drops particles and pronouns, keeps the topic', () => {
    const t = tokenize('สวัสดีค่ะ ผมอยากสอบถามเรื่องเก็บขยะหน่อยครับ');
    expect(t).toEqual(['เก็บ', 'ขยะ']);
  });

  it('keeps an official compound whole, followed by its pieces', () => {
    const t = tokenize('ภาษีบ้านจ่ายที่ไหนคะ');
    expect(t[0]).toBe('ภาษีที่ดินและสิ่งปลูกสร้าง');
    expect(t).toContain(`${PART}ภาษี`);
    expect(t).toContain(`${PART}ที่ดิน`);
    // "และ" is a stopword, also inside a compound.
    expect(t).not.toContain(`${PART}และ`);
    expect(t).toContain('จ่าย');
    expect(t).toContain(`${QUESTION}ที่ไหน`);
    expect(t).not.toContain('คะ');
  });

  it('gives the same words for the spelled-out and the colloquial form', () => {
    const a = tokenize('เบี้ยคนแก่');
    const b = tokenize('เบี้ยยังชีพผู้สูงอายุ');
    expect(a).toEqual(b);
    expect(a[0]).toBe('เบี้ยยังชีพผู้สูงอายุ');
  });

  it('removes the organisation itself', () => {
    expect(tokenize('เทศบาลเปิดกี่โมง')).toEqual(['เปิด', 'กี่', 'โมง']);
    expect(tokenize('อบต.เปิดกี่โมง')).toEqual(['เปิด', 'กี่', 'โมง']);
  });

  it('separates digits from Thai words', () => {
    expect(tokenize('ยืมเก้าอี้50ตัว')).toEqual(['ยืม', 'เก้าอี้', '50', 'ตัว']);
  });

  it('returns nothing for punctuation, emoji and particles alone', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('ครับ 🙏 !!!')).toEqual([]);
  });
});
