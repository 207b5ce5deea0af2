/**
 * Half-year reporting rounds (รอบ 6 เดือน) and fiscal years, labelled in พ.ศ.
 * Round "2569-1" is 1 Oct 2568 – 31 Mar 2569; "2569-2" is 1 Apr – 30 Sep 2569.
 * The Thai fiscal year 2569 runs 1 Oct 2568 – 30 Sep 2569. Dates are Bangkok dates.
 */
import { formatThaiDate } from '../dates';
import { metrics } from '../text/th-metrics';

export const BE_OFFSET = 543;

export interface Round {
  label: string;
  /** Buddhist-era fiscal year. */
  fiscalYear: number;
  half: 1 | 2;
  /** First and last day, ISO (Gregorian) dates: what the database stores. */
  startsOn: string;
  endsOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2569-1" → the round, or null for anything else. */
export function parseRound(label: string): Round | null {
  const m = /^(\d{4})-([12])$/.exec(label.trim());
  if (!m) return null;
  const fiscalYear = Number(m[1]);
  if (fiscalYear < 2400 || fiscalYear > 2800) return null;
  const half = Number(m[2]) as 1 | 2;
  const ce = fiscalYear - BE_OFFSET;
  return half === 1
    ? {
        label: `${fiscalYear}-1`,
        fiscalYear,
        half,
        startsOn: `${ce - 1}-10-01`,
        endsOn: `${ce}-03-31`,
      }
    : {
        label: `${fiscalYear}-2`,
        fiscalYear,
        half,
        startsOn: `${ce}-04-01`,
        endsOn: `${ce}-09-30`,
      };
}

/** The Bangkok calendar date of an instant, as year/month/day (Gregorian). */
export function bangkokDate(d: Date): { y: number; m: number; d: number } {
  const t = new Date(d.getTime() + 7 * 3600_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The Buddhist-era fiscal year an instant falls in (October starts the next one). */
export function fiscalYearOf(d: Date): number {
  const b = bangkokDate(d);
  return b.y + BE_OFFSET + (b.m >= 10 ? 1 : 0);
}

/** The round an instant falls in. */
export function roundOf(d: Date): Round {
  const b = bangkokDate(d);
  const half = b.m >= 4 && b.m <= 9 ? 2 : 1;
  return parseRound(`${fiscalYearOf(d)}-${half}`)!;
}

export function previousRound(r: Round): Round {
  return parseRound(r.half === 2 ? `${r.fiscalYear}-1` : `${r.fiscalYear - 1}-2`)!;
}

/** The round after this one (2570-1 → 2570-2 → 2571-1). */
export function nextRound(r: Round): Round {
  return parseRound(r.half === 1 ? `${r.fiscalYear}-2` : `${r.fiscalYear + 1}-1`)!;
}

export function sameRoundLastYear(r: Round): Round {
  return parseRound(`${r.fiscalYear - 1}-${r.half}`)!;
}

/** The instants bounding a round: [from, to) in Bangkok time, for SQL filters on timestamps. */
export function roundInstants(r: Round): { from: Date; to: Date } {
  const from = new Date(`${r.startsOn}T00:00:00+07:00`);
  const end = new Date(`${r.endsOn}T00:00:00+07:00`);
  return { from, to: new Date(end.getTime() + 86400_000) };
}

/** Fiscal year [from, to) instants. */
export function fiscalYearInstants(fiscalYear: number): { from: Date; to: Date } {
  const ce = fiscalYear - BE_OFFSET;
  return {
    from: new Date(`${ce - 1}-10-01T00:00:00+07:00`),
    to: new Date(`${ce}-10-01T00:00:00+07:00`),
  };
}

/** "YYYY-MM" of an instant in Bangkok, for per-month statistics. */
export function monthKey(d: Date): string {
  const b = bangkokDate(d);
  return `${b.y}-${pad(b.m)}`;
}

/** "รอบที่ 1/2569 (1 ตุลาคม 2568 – 31 มีนาคม 2569)" */
export function describeRound(r: Round): { label: string; span: string } {
  const noon = (iso: string) => new Date(`${iso}T12:00:00+07:00`);
  return {
    label: metrics.round.label(r.fiscalYear, r.half),
    span: metrics.round.span(formatThaiDate(noon(r.startsOn)), formatThaiDate(noon(r.endsOn))),
  };
}
