import { describe, expect, it } from 'vitest';
import { makeTrackingCode } from './cases';
import { formatThaiDate, formatThaiDateTime } from './dates';

describe('makeTrackingCode', () => {
  it('uses the Buddhist-era year and month and unambiguous letters', () => {
    let i = 0;
    const code = makeTrackingCode(
      new Date('2026-11-22T03:00:00Z'),
      () => [0, 0.5, 0.99, 0.1][i++ % 4]!,
    );
    expect(code).toMatch(/^FS-6911-[A-HJ-NP-Z2-9]{4}$/);
    expect(code).toBe('FS-6911-AS9D');
  });

  it('dates the code in Thai time: 1 October 00:30 is October (and a new fiscal year)', () => {
    // 30 Sep 17:30 UTC is 1 Oct 00:30 in Bangkok; a UTC month gave FS-7009 (issue 17).
    expect(makeTrackingCode(new Date('2027-09-30T17:30:00Z'), () => 0)).toMatch(/^FS-7010-/);
    expect(makeTrackingCode(new Date('2027-09-30T16:59:00Z'), () => 0)).toMatch(/^FS-7009-/);
    expect(makeTrackingCode(new Date('2026-12-31T17:00:00Z'), () => 0)).toMatch(/^FS-7001-/);
  });
});

describe('Thai dates', () => {
  it('prints the Buddhist era in Bangkok time', () => {
    expect(formatThaiDate(new Date('2025-09-30T18:00:00Z'))).toBe('1 ตุลาคม 2568');
    expect(formatThaiDateTime(new Date('2026-11-22T00:26:00Z'))).toBe('22 พ.ย. 2569 07:26');
  });
});
