import { describe, expect, it } from 'vitest';
import { countOutcomes, isOnTime, outcomeOf, type OutcomeCase } from './count';

const base: OutcomeCase = {
  stateType: 'finished',
  verdict: null,
  waiver: null,
  forwardedOut: false,
  rejectNote: null,
  finishedAt: new Date('2026-11-10T00:00:00Z'),
  dueAt: new Date('2026-11-12T00:00:00Z'),
  reopenedByVerdict: false,
};

describe('honest outcomes', () => {
  it('classifies every case once', () => {
    expect(outcomeOf({ ...base, verdict: 'fixed' })).toBe('fixed_confirmed');
    expect(outcomeOf(base)).toBe('fixed_unconfirmed');
    expect(outcomeOf({ ...base, verdict: 'partly' })).toBe('partly_fixed');
    expect(outcomeOf({ ...base, stateType: 'in_progress', reopenedByVerdict: true })).toBe(
      'not_fixed',
    );
    expect(outcomeOf({ ...base, forwardedOut: true, stateType: 'forwarded' })).toBe(
      'forwarded_out',
    );
    expect(outcomeOf({ ...base, waiver: 'no_access' })).toBe('not_actionable');
    expect(outcomeOf({ ...base, stateType: 'rejected', rejectNote: 'ซ้ำ' })).toBe('not_actionable');
    expect(outcomeOf({ ...base, stateType: 'rejected', rejectNote: ' ' })).toBe(
      'closed_unexplained',
    );
    expect(outcomeOf({ ...base, stateType: 'waiting', finishedAt: null })).toBe('open');
  });

  it('on time: only fixes and explained closures by the due date', () => {
    expect(isOnTime(base)).toBe(true);
    expect(isOnTime({ ...base, finishedAt: new Date('2026-11-13T00:00:00Z') })).toBe(false);
    expect(isOnTime({ ...base, verdict: 'not_fixed' })).toBe(false);
    expect(isOnTime({ ...base, verdict: 'partly' })).toBe(false);
    expect(isOnTime({ ...base, stateType: 'rejected', rejectNote: '' })).toBe(false);
    expect(isOnTime({ ...base, stateType: 'rejected', rejectNote: 'ไม่อยู่ในอำนาจ' })).toBe(true);
  });

  it('adds up: every case in exactly one outcome', () => {
    const rows = [
      { ...base, verdict: 'fixed' as const, rating: 5 },
      { ...base, rating: null },
      { ...base, verdict: 'not_fixed' as const, rating: 1 },
      { ...base, stateType: 'rejected' as const, rejectNote: 'ซ้ำ' },
      { ...base, stateType: 'waiting' as const, finishedAt: null },
    ];
    const c = countOutcomes(rows);
    expect(c.total).toBe(5);
    expect(Object.values(c.byOutcome).reduce((a, b) => a + b, 0)).toBe(5);
    expect(c.byOutcome).toMatchObject({
      fixed_confirmed: 1,
      fixed_unconfirmed: 1,
      not_fixed: 1,
      not_actionable: 1,
      open: 1,
    });
    expect(c.onTime).toBe(3);
    expect(c.confirmedShare).toBe(0.5);
    expect(c.meanRating).toBe(3);
  });
});
