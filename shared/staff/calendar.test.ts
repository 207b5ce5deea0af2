import { describe, expect, it } from 'vitest';
import holidaysTh from '../../db/seed/holidays-th.json' with { type: 'json' };
import {
  addWorkingDays,
  bangkokDay,
  caseDeadlines,
  deadline,
  fiscalYear,
  isWorkingDay,
  makeCalendar,
  workingDaysBetween,
} from './calendar';

const national = holidaysTh.days.map((d) => d.day);
const cal = makeCalendar(national);
/** 09:00 Thai time on a day. */
const at = (ymd: string, hh = '09:00') => new Date(`${ymd}T${hh}:00+07:00`);

describe('working-day calendar', () => {
  it('skips weekends', () => {
    // Fri 2026-01-09 + 1 working day → Mon 2026-01-12
    expect(addWorkingDays(cal, '2026-01-09', 1)).toBe('2026-01-12');
    expect(addWorkingDays(cal, '2026-01-05', 5)).toBe('2026-01-12');
  });

  it('skips public holidays (Songkran 13–15 Apr 2026 + Chakri 6 Apr)', () => {
    // Fri 2026-04-03: Mon 6 is วันจักรี → 7, 8, 9, 10, (13–15 off) 16
    expect(addWorkingDays(cal, '2026-04-03', 5)).toBe('2026-04-16');
    expect(isWorkingDay(cal, '2026-04-14')).toBe(false);
    expect(isWorkingDay(cal, '2026-04-16')).toBe(true);
  });

  it('counts a case filed on a holiday from the next working day', () => {
    // Filed on วันปิยมหาราช (Thu 23 Oct 2025): day 1 is Fri 24, day 2 Mon 27.
    expect(bangkokDay(at('2025-10-23', '10:00'))).toBe('2025-10-23');
    expect(deadline(cal, at('2025-10-23', '10:00'), 2)).toEqual(
      new Date('2025-10-27T23:59:59.999+07:00'),
    );
    // Filed on a Sunday behaves like a filing on the Saturday before or the holiday.
    expect(addWorkingDays(cal, '2026-01-11', 1)).toBe('2026-01-12');
  });

  it('15 working days across New Year (31 Dec and 1 Jan) and the calendar-year boundary', () => {
    // Filed Mon 2025-12-22: 23,24,25,26 (4), 29,30 (6), 31 + 1 Jan off, 2 (7), 5–9 (12), 12,13,14 (15)
    expect(addWorkingDays(cal, '2025-12-22', 15)).toBe('2026-01-14');
  });

  it('crosses the fiscal-year boundary (30 Sep → 1 Oct) with the next year’s holidays', () => {
    // Filed Fri 2026-09-25 (FY 2569): 28,29,30 Sep, 1,2 Oct (5), 5–9 (10), 12, (13 off), 14,15,16 (14), 19 (15)
    expect(fiscalYear(at('2026-09-30'))).toBe(2569);
    expect(fiscalYear(at('2026-10-01'))).toBe(2570);
    expect(addWorkingDays(cal, '2026-09-25', 15)).toBe('2026-10-19');
    // Without FY 2570's holidays the deadline would be a day early: the data matters.
    expect(addWorkingDays(makeCalendar([]), '2026-09-25', 15)).toBe('2026-10-16');
  });

  it('uses Thai time for the filing day: 23:30 UTC is already the next day in Bangkok', () => {
    expect(bangkokDay(new Date('2026-01-08T23:30:00Z'))).toBe('2026-01-09');
    expect(deadline(cal, new Date('2026-01-08T23:30:00Z'), 1)).toEqual(
      new Date('2026-01-12T23:59:59.999+07:00'),
    );
  });

  it('adds an organisation’s own days off to the national list', () => {
    const local = makeCalendar(national, ['2026-01-12']); // a local festival
    expect(addWorkingDays(local, '2026-01-09', 1)).toBe('2026-01-13');
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween(cal, at('2026-04-03'), at('2026-04-16'))).toBe(5);
    expect(workingDaysBetween(cal, at('2026-04-16'), at('2026-04-03'))).toBe(0);
  });

  it('refuses negative days, and zero days is the filing day', () => {
    expect(() => addWorkingDays(cal, '2026-01-09', -1)).toThrow(RangeError);
    expect(deadline(cal, at('2026-01-09'), 0)).toEqual(new Date('2026-01-09T23:59:59.999+07:00'));
  });

  it('ships holidays for fiscal years 2569 and 2570, all on distinct dates', () => {
    const years = new Set(national.map((d) => fiscalYear(at(d))));
    expect([...years].sort()).toEqual([2569, 2570]);
    expect(new Set(national).size).toBe(national.length);
  });
});

describe('case deadlines', () => {
  const defaults = { defaultAcceptDays: 1, defaultFinishDays: 15 };
  it("uses the category's limits, else the organisation's defaults", () => {
    // Filed Fri 9 Jan 2026 10:00: accept by Mon 12, finish (3 working days) by Wed 14.
    const own = caseDeadlines(
      cal,
      at('2026-01-09', '10:00'),
      { acceptDays: 1, finishDays: 3 },
      defaults,
    );
    expect(own).toEqual({
      acceptDays: 1,
      finishDays: 3,
      acceptDueAt: new Date('2026-01-12T23:59:59.999+07:00'),
      dueAt: new Date('2026-01-14T23:59:59.999+07:00'),
    });
    const none = caseDeadlines(cal, at('2026-01-09', '10:00'), { finishDays: null }, defaults);
    expect(none.finishDays).toBe(15);
    expect(none.dueAt).toEqual(new Date('2026-01-30T23:59:59.999+07:00'));
    expect(caseDeadlines(cal, at('2026-01-09'), undefined, defaults).acceptDays).toBe(1);
  });
});
