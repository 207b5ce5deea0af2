import { describe, expect, it } from 'vitest';
import { redactPii } from './redact';

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
