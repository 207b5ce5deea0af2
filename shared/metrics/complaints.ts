/**
 * Complaint and service statistics for a period: counts by category and state,
 * median and 90th percentile time to accept and to finish, and the share finished
 * within the time limit = closed on time ÷ (closed + open overdue). The percentiles
 * interpolate like PostgreSQL's percentile_cont, so the SQL path (db/metrics.ts)
 * and this one agree.
 */
import { round2 } from './scoring';

export interface CaseRow {
  kind: string;
  category: string;
  stateType: string;
  createdAt: Date;
  acceptedAt: Date | null;
  finishedAt: Date | null;
  dueAt: Date | null;
}

/** States that end a case. A rejected case (ไม่เกี่ยวข้อง) was not handled, so it is neither closed on time nor overdue. */
export const CLOSED_STATES: readonly string[] = ['finished', 'rejected'];

/** percentile_cont: linear interpolation between the closest ranks of the sorted values. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export interface CaseStats {
  total: number;
  byCategory: { category: string; count: number }[];
  byState: { stateType: string; count: number }[];
  byKind: { kind: string; count: number }[];
  /** Hours, two decimals; null when no case has the timestamp. */
  acceptHours: { median: number | null; p90: number | null; n: number };
  finishHours: { median: number | null; p90: number | null; n: number };
  closed: number;
  closedOnTime: number;
  openOverdue: number;
  /** Percent, two decimals; null when nothing is closed or overdue. */
  onTimeShare: number | null;
}

const HOUR = 3600_000;
const r2 = (x: number | null) => (x === null ? null : round2(x));

function counts<K extends string>(rows: readonly CaseRow[], key: (r: CaseRow) => string, name: K) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, count]) => ({ [name]: k, count }) as { [P in K]: string } & { count: number });
}

/**
 * A closed (finished) case is on time when it finished by its due time, or has no due time.
 * An open case is overdue when its due time is before `now`.
 */
export function caseStats(rows: readonly CaseRow[], now: Date): CaseStats {
  const accept = rows
    .filter((r) => r.acceptedAt)
    .map((r) => (r.acceptedAt!.getTime() - r.createdAt.getTime()) / HOUR);
  const finish = rows
    .filter((r) => r.finishedAt && r.stateType === 'finished')
    .map((r) => (r.finishedAt!.getTime() - r.createdAt.getTime()) / HOUR);
  const closedRows = rows.filter((r) => r.stateType === 'finished');
  const closedOnTime = closedRows.filter(
    (r) => !r.dueAt || (r.finishedAt !== null && r.finishedAt.getTime() <= r.dueAt.getTime()),
  ).length;
  const openOverdue = rows.filter(
    (r) => !CLOSED_STATES.includes(r.stateType) && r.dueAt && r.dueAt.getTime() < now.getTime(),
  ).length;
  const denom = closedRows.length + openOverdue;
  return {
    total: rows.length,
    byCategory: counts(rows, (r) => r.category, 'category'),
    byState: counts(rows, (r) => r.stateType, 'stateType'),
    byKind: counts(rows, (r) => r.kind, 'kind'),
    acceptHours: {
      median: r2(percentileCont(accept, 0.5)),
      p90: r2(percentileCont(accept, 0.9)),
      n: accept.length,
    },
    finishHours: {
      median: r2(percentileCont(finish, 0.5)),
      p90: r2(percentileCont(finish, 0.9)),
      n: finish.length,
    },
    closed: closedRows.length,
    closedOnTime,
    openOverdue,
    onTimeShare: denom ? round2((100 * closedOnTime) / denom) : null,
  };
}
