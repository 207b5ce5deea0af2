/**
 * Figures that could time a filing (the corruption-complaint count) are published only
 * for months that have ended, in Bangkok time: the current month's cases are counted
 * once it is over, so nobody can poll the count to learn when a complaint came in
 * (docs/decisions/022-event-id-per-org-and-month-end-corruption-count.md).
 */
import { bangkokDate, fiscalYearInstants } from './round';

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant the Bangkok calendar month of `now` began (00:00 +07:00 on its 1st). */
export function bangkokMonthStart(now: Date): Date {
  const b = bangkokDate(now);
  return new Date(`${b.y}-${pad(b.m)}-01T00:00:00+07:00`);
}

/** "YYYY-MM" (Gregorian, Bangkok) of the month that ends just before `end`. */
function monthBefore(end: Date): string {
  const b = bangkokDate(new Date(end.getTime() - 1));
  return `${b.y}-${pad(b.m)}`;
}

export interface PublishedPeriod {
  from: Date;
  /** Exclusive: the end of the last full month of the fiscal year, or `from` if none ended. */
  to: Date;
  /** The last month counted, "YYYY-MM"; null when no month of the year has ended yet. */
  through: string | null;
}

/** A fiscal year's period cut at the end of the last month that has ended by `now`. */
export function publishedFiscalYear(fiscalYear: number, now: Date): PublishedPeriod {
  const fy = fiscalYearInstants(fiscalYear);
  const monthStart = bangkokMonthStart(now);
  const to = monthStart < fy.to ? monthStart : fy.to;
  if (to <= fy.from) return { from: fy.from, to: fy.from, through: null };
  return { from: fy.from, to, through: monthBefore(to) };
}

/** A month "YYYY-MM" as its full Thai name and Buddhist-era year, e.g. "พฤศจิกายน 2569". */
export function thaiMonthLong(month: string): string {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    timeZone: 'Asia/Bangkok',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${month}-15T12:00:00+07:00`));
}
