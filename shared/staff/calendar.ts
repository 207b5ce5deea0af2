/**
 * The working-day calendar (วันทำการ) behind time limits: weekends and Thai public
 * holidays are skipped. Days are calendar days in Thailand (UTC+7, no daylight saving).
 * Pure: the holidays come in as data (db/seed/holidays-th.json plus the organisation's own).
 */

const BANGKOK_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export interface WorkingCalendar {
  /** Days off as YYYY-MM-DD (national holidays and the organisation's extra days). */
  holidays: ReadonlySet<string>;
  /** Weekdays off, 0 = Sunday … 6 = Saturday. Default Saturday and Sunday. */
  weekend?: readonly number[];
}

/** Builds a calendar from holiday lists (national, then org-specific extras). */
export function makeCalendar(...lists: readonly (readonly string[])[]): WorkingCalendar {
  return { holidays: new Set(lists.flat()) };
}

/** The Thai calendar day of an instant, as YYYY-MM-DD. */
export function bangkokDay(at: Date): string {
  return new Date(at.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

function dayIndex(ymd: string): number {
  return Date.parse(`${ymd}T00:00:00Z`) / DAY_MS;
}

function fromIndex(i: number): string {
  return new Date(i * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(cal: WorkingCalendar, ymd: string): boolean {
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return !(cal.weekend ?? [0, 6]).includes(weekday) && !cal.holidays.has(ymd);
}

/** The n-th working day after `ymd` (n ≥ 1); the start day itself never counts. */
export function addWorkingDays(cal: WorkingCalendar, ymd: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be ≥ 0, got ${n}`);
  let i = dayIndex(ymd);
  let left = n;
  // A guard against a calendar with no working days at all.
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new Error('no working days in ten years: check the calendar');
    i++;
    if (isWorkingDay(cal, fromIndex(i))) left--;
  }
  return fromIndex(i);
}

/** The last working day before `ymd` (the day itself never counts). */
export function previousWorkingDay(cal: WorkingCalendar, ymd: string): string {
  let i = dayIndex(ymd);
  for (let guard = 0; ; guard++) {
    if (guard > 3660) throw new Error('no working days in ten years: check the calendar');
    i--;
    if (isWorkingDay(cal, fromIndex(i))) return fromIndex(i);
  }
}

/** The last moment (23:59:59.999 Thai time) of a Thai calendar day. */
export function endOfBangkokDay(ymd: string): Date {
  return new Date(dayIndex(ymd) * DAY_MS + DAY_MS - 1 - BANGKOK_OFFSET_MS);
}

/**
 * When a case filed at `filedAt` must be done within `days` working days: the end of the
 * `days`-th working day after the filing day. A case filed on a weekend or holiday is
 * counted from the next working day, which is what "after the filing day" gives too:
 * the filing day is never day 1. Zero days means the end of the filing day itself.
 */
export function deadline(cal: WorkingCalendar, filedAt: Date, days: number): Date {
  return endOfBangkokDay(addWorkingDays(cal, bangkokDay(filedAt), days));
}

/** A category's own time limits in working days (null: the organisation's defaults apply). */
export interface CategoryLimits {
  acceptDays?: number | null;
  finishDays?: number | null;
}

/**
 * A case's time limits: the working days its category sets, else the organisation's defaults
 * (accept 1, finish 15), and the deadlines they give from the filing time.
 */
export function caseDeadlines(
  cal: WorkingCalendar,
  filedAt: Date,
  category: CategoryLimits | null | undefined,
  defaults: { defaultAcceptDays: number; defaultFinishDays: number },
): { acceptDays: number; finishDays: number; acceptDueAt: Date; dueAt: Date } {
  const acceptDays = category?.acceptDays ?? defaults.defaultAcceptDays;
  const finishDays = category?.finishDays ?? defaults.defaultFinishDays;
  return {
    acceptDays,
    finishDays,
    acceptDueAt: deadline(cal, filedAt, acceptDays),
    dueAt: deadline(cal, filedAt, finishDays),
  };
}

/** Working days from the day after `from` to `to` inclusive (0 when `to` is not later). */
export function workingDaysBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const a = dayIndex(bangkokDay(from));
  const b = dayIndex(bangkokDay(to));
  let n = 0;
  for (let i = a + 1; i <= b; i++) if (isWorkingDay(cal, fromIndex(i))) n++;
  return n;
}

/** The Buddhist-era fiscal year (1 Oct – 30 Sep) a Thai day falls in: 2025-10-01 → 2569. */
export function fiscalYear(at: Date): number {
  const ymd = bangkokDay(at);
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(5, 7));
  return year + 543 + (month >= 10 ? 1 : 0);
}
