import { describe, expect, it } from 'vitest';
import { isValidThaiId, redactForPublishing, redactPii } from './redact';

describe('redactPii', () => {
  it('removes IDs, phones, e-mails, house numbers and titled names', () => {
    const text =
      'นายสมชาย ใจดี บ้านเลขที่ 12/3 หมู่ 4 โทร 081-234-5678 หรือ 043123456 ' +
      'บัตร 1-2345-67890-12-3 อีเมล som@example.com น.ส.มาลี';
    const out = redactPii(text);
    for (const gone of [
      'สมชาย',
      'ใจดี',
      '12/3',
      '081-234-5678',
      '043123456',
      '1-2345-67890-12-3',
      'som@example.com',
      'มาลี',
    ]) {
      expect(out).not.toContain(gone);
    }
    expect(out).toContain('หมู่ 4');
    expect(out).toContain('[เบอร์โทร]');
  });

  it('leaves ordinary numbers and text alone', () => {
    expect(redactPii('ไฟดับ 3 ต้น ซอย 5 ตั้งแต่ 2 วันก่อน')).toBe('ไฟดับ 3 ต้น ซอย 5 ตั้งแต่ 2 วันก่อน');
  });
});

describe('national ids with the check digit', () => {
  // 1-1017-00230-70-8: Σ = 1·13+1·12+0·11+1·10+7·9+0·8+0·7+2·6+3·5+0·4+7·3+0·2 = 146;
  // 146 mod 11 = 3; (11 − 3) mod 10 = 8 ✓
  const valid = '1101700230708';

  it('validates the check digit', () => {
    expect(isValidThaiId(valid)).toBe(true);
    expect(isValidThaiId('1-1017-00230-70-8')).toBe(true);
    expect(isValidThaiId('1101700230709')).toBe(false);
    expect(isValidThaiId('1234567890123')).toBe(false);
    expect(isValidThaiId('110170023070')).toBe(false);
  });

  it('redacts valid ids when publishing and keeps other 13-digit numbers', () => {
    expect(redactForPublishing(`เลขบัตร ${valid} ครับ`)).toBe('เลขบัตร [เลขประจำตัว] ครับ');
    expect(redactForPublishing('บัตร 1 1017 00230 70 8')).toBe('บัตร [เลขประจำตัว]');
    // A meter number of 13 digits with a wrong check digit is not an id.
    expect(redactForPublishing('มิเตอร์เลข 1101700230709 ไม่หมุน')).toBe(
      'มิเตอร์เลข 1101700230709 ไม่หมุน',
    );
    // Written like an ID card, it is redacted even with a typo.
    expect(redactForPublishing('บัตร 1-2345-67890-12-3')).toBe('บัตร [เลขประจำตัว]');
    // 12 or 14 digits are never ids.
    expect(redactForPublishing('110170023070 และ 11017002307088')).toBe(
      '110170023070 และ 11017002307088',
    );
  });

  it('deletion still removes every 13-digit run', () => {
    expect(redactPii('มิเตอร์เลข 1101700230709')).toBe('มิเตอร์เลข [เลขประจำตัว]');
  });

  it('publishing redacts phones, e-mails, house numbers and names as well', () => {
    const out = redactForPublishing(
      'นางสาวมาลี ดีใจ บ้านเลขที่ 45 โทร +66 81 234 5678 mali@example.org',
    );
    expect(out).toBe('นางสาว [ชื่อ] บ้านเลขที่ [เลขที่] โทร [เบอร์โทร] [อีเมล]');
  });
});
