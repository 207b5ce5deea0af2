/**
 * Honest outcomes (issue 16, decision 041): what became of each case, counted once.
 *
 * - fixed_confirmed: finished and the resident said "fixed";
 * - fixed_unconfirmed: finished, the resident has not answered;
 * - partly_fixed: finished, the resident said "partly";
 * - not_fixed: the resident said "not fixed" (the case was reopened; while open again it
 *   counts here, not as open);
 * - forwarded_out: forwarded to another agency (case_forwards, decision 038) and still with it
 *   ("forwarded") or closed as not ours (rejected) after the forward;
 * - not_actionable: finished without a photo for a listed reason, or rejected with a reason;
 * - closed_unexplained: rejected without a reason;
 * - open: anything else still being worked.
 *
 * "On time" counts only fixes (confirmed or not) and explained closures finished by the due
 * date; a "not fixed" or unexplained closure is never on time.
 */
import type { StateType } from '../cases';

export const OUTCOMES = [
  'fixed_confirmed',
  'fixed_unconfirmed',
  'partly_fixed',
  'not_fixed',
  'forwarded_out',
  'not_actionable',
  'closed_unexplained',
  'open',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeCase {
  stateType: StateType;
  /** The resident's latest verdict on the last finish, if any. */
  verdict: 'fixed' | 'not_fixed' | 'partly' | null;
  /** A listed reason for finishing without a photo. */
  waiver: string | null;
  /** Closed as another agency's (forwarded out, or rejected as not ours). */
  forwardedOut: boolean;
  /** The note the case was rejected with ('' when none). */
  rejectNote: string | null;
  finishedAt: Date | null;
  dueAt: Date | null;
  /** Ever answered "not fixed" (the case was reopened by its resident's verdict). */
  reopenedByVerdict: boolean;
}

export function outcomeOf(c: OutcomeCase): Outcome {
  if (c.forwardedOut) return 'forwarded_out';
  if (c.stateType === 'finished') {
    if (c.verdict === 'not_fixed') return 'not_fixed';
    if (c.verdict === 'partly') return 'partly_fixed';
    if (c.waiver && c.verdict !== 'fixed') return 'not_actionable';
    return c.verdict === 'fixed' ? 'fixed_confirmed' : 'fixed_unconfirmed';
  }
  if (c.stateType === 'rejected')
    return c.rejectNote && c.rejectNote.trim() ? 'not_actionable' : 'closed_unexplained';
  return c.reopenedByVerdict ? 'not_fixed' : 'open';
}

/** Fixes and explained closures finished by their due date (no due date: on time). */
export function isOnTime(c: OutcomeCase): boolean {
  const o = outcomeOf(c);
  if (!['fixed_confirmed', 'fixed_unconfirmed', 'not_actionable', 'forwarded_out'].includes(o))
    return false;
  if (!c.finishedAt) return o === 'forwarded_out';
  return !c.dueAt || c.finishedAt.getTime() <= c.dueAt.getTime();
}

export interface OutcomeCounts {
  total: number;
  byOutcome: Record<Outcome, number>;
  onTime: number;
  /** Confirmed fixes as a share of fixes the resident answered about (null when none). */
  confirmedShare: number | null;
  /** Mean of the residents' 1–5 ratings (null when none). */
  meanRating: number | null;
}

export function countOutcomes(
  rows: readonly (OutcomeCase & { rating?: number | null })[],
): OutcomeCounts {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let onTime = 0;
  let ratings = 0;
  let ratingSum = 0;
  for (const r of rows) {
    byOutcome[outcomeOf(r)]++;
    if (isOnTime(r)) onTime++;
    if (typeof r.rating === 'number' && r.rating >= 1 && r.rating <= 5) {
      ratings++;
      ratingSum += r.rating;
    }
  }
  const answered = byOutcome.fixed_confirmed + byOutcome.partly_fixed + byOutcome.not_fixed;
  return {
    total: rows.length,
    byOutcome,
    onTime,
    confirmedShare: answered ? byOutcome.fixed_confirmed / answered : null,
    meanRating: ratings ? ratingSum / ratings : null,
  };
}
