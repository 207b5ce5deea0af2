import { describe, expect, it } from 'vitest';
import { formatThaiDateInput, parseThaiDate } from './thai-date';

describe('Thai-calendar dates typed in the console (dd/mm/yyyy, พ.ศ.)', () => {
  it('reads day first and the Buddhist-era year', () => {
    expect(parseThaiDate('02/12/2569')).toBe('2026-12-02');
    expect(parseThaiDate('1/3/2570')).toBe('2027-03-01');
    expect(parseThaiDate(' 29/02/2571 ')).toBe('2028-02-29');
  });
  it('refuses Gregorian years read as พ.ศ., month-first dates and impossible days', () => {
    expect(parseThaiDate('12/31/2569')).toBeNull();
    expect(parseThaiDate('31/04/2569')).toBeNull();
    expect(parseThaiDate('29/02/2569')).toBeNull();
    expect(parseThaiDate('2026-12-02')).toBeNull();
    expect(parseThaiDate('')).toBeNull();
  });
  it('writes an ISO date back the way it is typed', () => {
    expect(formatThaiDateInput('2026-12-02')).toBe('02/12/2569');
    expect(formatThaiDateInput(parseThaiDate('7/1/2570')!)).toBe('07/01/2570');
    expect(formatThaiDateInput('junk')).toBe('');
  });
});
