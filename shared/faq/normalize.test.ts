import { describe, expect, it } from 'vitest';
import { normalizeText, REWRITES } from './normalize';

describe('normalizeText', () => {
  it('turns Thai digits into ASCII and separates numbers from Thai words', () => {
    expect(normalizeText('ลูก๗ขวบ')).toBe('ลูก 7 ขวบ');
    expect(normalizeText('๒๕๖๘')).toBe('2568');
  });

  it('removes invisible characters and punctuation and collapses spaces', () => {
    expect(normalizeText('ภาษี\u200bป้าย!!  ยื่น???\n\tที่ไหน')).toBe('ภาษีป้าย ยื่น ที่ไหน');
    expect(normalizeText('  (ถนน) "ชำรุด"  ')).toBe('ถนน ชำรุด');
  });

  it('lowercases Latin letters', () => {
    expect(normalizeText('LINE OA')).toBe('ไลน์ oa');
  });

  it('squeezes stretched endings and doubled vowels', () => {
    expect(normalizeText('ค่าาาา')).toBe('ค่า');
    expect(normalizeText('ยุงเยอะะะ')).toBe('ยุงเยอะ');
    expect(normalizeText('ขอบคุณครับบบบ')).toBe('ขอบคุณครับ');
    // A legitimate double consonant is kept.
    expect(normalizeText('สัญญา')).toBe('สัญญา');
  });

  it('repairs keyboard habits: เเ for แ, ำ typed as two characters', () => {
    expect(normalizeText('เเจ้งเกิด')).toBe('แจ้งเกิด');
    expect(normalizeText('น\u0e49\u0e4d\u0e32')).toBe('น้ำ');
    expect(normalizeText('น\u0e4d\u0e49\u0e32')).toBe('น้ำ');
  });

  it('maps everyday words and abbreviations to the official forms', () => {
    expect(normalizeText('บัตรปชชหาย')).toBe('บัตรประชาชนหาย');
    expect(normalizeText('เบี้ยคนแก่')).toBe('เบี้ยยังชีพผู้สูงอายุ');
    expect(normalizeText('เงินผู้สูงอายุ')).toBe('เบี้ยยังชีพผู้สูงอายุ');
    expect(normalizeText('เบี้ยผู้พิการ')).toBe('เบี้ยความพิการ');
    expect(normalizeText('ภาษีบ้านจ่ายที่ไหน')).toBe('ภาษีที่ดินและสิ่งปลูกสร้างจ่ายที่ไหน');
    expect(normalizeText('ภาษีโรงเรือน')).toBe('ภาษีที่ดินและสิ่งปลูกสร้าง');
    expect(normalizeText('น้ำไม่ไหล')).toBe('น้ำประปาไม่ไหล');
    expect(normalizeText('ประปาแตก')).toBe('น้ำประปาแตก');
    expect(normalizeText('ขยะมูลฝอย')).toBe('ขยะ');
    expect(normalizeText('หมาจรจัด')).toBe('สุนัขจรจัด');
    expect(normalizeText('ผู้รับเหมาทิ้งงาน')).toBe('ผู้รับเหมาทิ้งงาน');
    expect(normalizeText('ไฟทางดับ')).toBe('ไฟฟ้าสาธารณะดับ');
    expect(normalizeText('ขอฉีดยุง')).toBe('ขอพ่นหมอกควัน');
    expect(normalizeText('ขอใบอนุญาติ')).toBe('ขอใบอนุญาต');
    expect(normalizeText('ทร.14')).toBe('ทะเบียนบ้าน');
    expect(normalizeText('จ่ายonlineได้ไหม')).toBe('จ่าย ออนไลน์ ได้ไหม');
    expect(normalizeText('ค่าขยะกี่บาท')).toBe('ค่าขยะเท่าไหร่');
  });

  it('leaves words that merely contain a colloquial form alone', () => {
    expect(normalizeText('หมายเลขบัตร')).toBe('หมายเลขบัตร');
    expect(normalizeText('ภาษีป้าย')).toBe('ภาษีป้าย');
  });

  it('cuts out glued question endings that confuse the segmenter', () => {
    expect(normalizeText('ได้ยกเว้นภาษีรึเปล่า')).toBe('ได้ยกเว้นภาษี');
    expect(normalizeText('ทำได้มั้ย')).toBe('ทำได้');
  });

  it('is idempotent, including on every rewrite target', () => {
    const samples = [
      ...REWRITES.map(([, to]) => to),
      'ภาษีที่ดินและสิ่งปลูกสร้าง',
      'เบี้ยยังชีพผู้สูงอายุลงทะเบียนเมื่อไหร่',
      'บัตรปชช. หาย ทำใหม่ ๒ วัน',
      'ค่าน้ำประปาแพงงงง',
    ];
    for (const s of samples) {
      const once = normalizeText(s);
      expect(normalizeText(once), s).toBe(once);
    }
  });
});
