import { describe, expect, it } from 'vitest';
import { bangkokMonthStart, publishedFiscalYear, thaiMonthLong } from './published-months';

describe('publishedFiscalYear', () => {
  it('ends at the start of the current Bangkok month', () => {
    // 2026-12-02 10:00 Bangkok: fiscal year 2570 began 2026-10-01; Oct and Nov have ended.
    const p = publishedFiscalYear(2570, new Date('2026-12-02T03:00:00Z'));
    expect(p.from.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(p.through).toBe('2026-11');
  });

  it('uses Bangkok time at the month boundary (UTC+7)', () => {
    // 2026-11-30 17:30 UTC is already 1 December in Bangkok.
    expect(bangkokMonthStart(new Date('2026-11-30T17:30:00Z')).toISOString()).toBe(
      '2026-11-30T17:00:00.000Z',
    );
    // 2026-11-30 16:59 UTC is still 30 November in Bangkok.
    expect(bangkokMonthStart(new Date('2026-11-30T16:59:00Z')).toISOString()).toBe(
      '2026-10-31T17:00:00.000Z',
    );
  });

  it('publishes nothing of a fiscal year whose first month has not ended', () => {
    const p = publishedFiscalYear(2570, new Date('2026-10-15T05:00:00Z'));
    expect(p.to).toEqual(p.from);
    expect(p.through).toBeNull();
  });

  it('publishes a past fiscal year whole', () => {
    const p = publishedFiscalYear(2569, new Date('2026-12-02T03:00:00Z'));
    expect(p.to.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(p.through).toBe('2026-09');
  });
});

describe('thaiMonthLong', () => {
  it('names the month in Thai with the Buddhist-era year', () => {
    expect(thaiMonthLong('2026-11')).toBe('พฤศจิกายน 2569');
    expect(thaiMonthLong('2025-10')).toBe('ตุลาคม 2568');
  });
});
