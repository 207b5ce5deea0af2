import { describe, expect, it } from 'vitest';
import { STATE_TYPES, type StateType } from '../cases';
import { ALLOWED_MOVES, transition, type CaseSnapshot } from './transitions';

const now = new Date('2026-03-10T03:00:00Z');
const base: CaseSnapshot = {
  stateType: 'waiting',
  divisionId: 'div-works',
  assigneeId: null,
  reopenCount: 0,
  acceptedAt: null,
  finishedAt: null,
};
const ctx = { now, note: 'ออกตรวจพื้นที่', actorStaffId: 'staff-1' };

describe('case transitions', () => {
  it('refuses a change without a note', () => {
    expect(transition(base, { type: 'accept' }, { ...ctx, note: '   ' })).toEqual({
      ok: false,
      error: 'note_required',
    });
  });

  it('accept: waiting → in progress, the actor becomes the assignee, the resident is told', () => {
    const r = transition(base, { type: 'accept' }, ctx);
    expect(r).toMatchObject({
      ok: true,
      changes: { stateType: 'in_progress', acceptedAt: now, assigneeId: 'staff-1' },
      update: { fromState: 'waiting', toState: 'in_progress', note: 'ออกตรวจพื้นที่' },
      notifyResident: true,
    });
    const again = transition({ ...base, stateType: 'in_progress' }, { type: 'accept' }, ctx);
    expect(again).toEqual({ ok: false, error: 'not_allowed' });
  });

  it('accept keeps an existing assignee', () => {
    const r = transition({ ...base, assigneeId: 'staff-2' }, { type: 'accept' }, ctx);
    expect(r.ok && r.changes.assigneeId).toBe('staff-2');
  });

  it('assign is internal: no state change and no message to the resident', () => {
    const r = transition(base, { type: 'assign', staffId: 'staff-9' }, ctx);
    expect(r).toMatchObject({
      ok: true,
      changes: { assigneeId: 'staff-9' },
      update: { fromState: null, toState: null },
      notifyResident: false,
    });
  });

  it('allows exactly the moves in the table', () => {
    for (const from of STATE_TYPES) {
      for (const to of STATE_TYPES) {
        const r = transition({ ...base, stateType: from }, { type: 'changeState', to }, ctx);
        const expected =
          from !== to && to !== 'forwarded' && (ALLOWED_MOVES[from] as StateType[]).includes(to);
        expect(r.ok, `${from} → ${to}`).toBe(expected);
      }
    }
    // Closed cases cannot move except by reopening.
    expect(ALLOWED_MOVES.finished).toEqual([]);
  });

  it('finishing sets finishedAt and says so', () => {
    const r = transition(
      { ...base, stateType: 'in_progress' },
      { type: 'changeState', to: 'finished' },
      ctx,
    );
    expect(r).toMatchObject({ ok: true, finished: true, changes: { finishedAt: now } });
  });

  it('forward moves the case to another division, unassigned', () => {
    const r = transition(base, { type: 'forward', divisionId: 'div-health' }, ctx);
    expect(r).toMatchObject({
      ok: true,
      changes: { stateType: 'forwarded', divisionId: 'div-health', assigneeId: null },
    });
    expect(transition(base, { type: 'forward', divisionId: 'div-works' }, ctx)).toEqual({
      ok: false,
      error: 'same_division',
    });
    // The receiving division accepts a forwarded case.
    const fw = { ...base, stateType: 'forwarded' as const, divisionId: 'div-health' };
    expect(transition(fw, { type: 'accept' }, ctx).ok).toBe(true);
  });

  it('reopen counts, by staff any time and by the resident within the window', () => {
    const done = {
      ...base,
      stateType: 'finished' as const,
      finishedAt: new Date(now.getTime() - 10 * 86_400_000),
      reopenCount: 1,
    };
    const byResident = transition(done, { type: 'reopen', by: 'resident' }, ctx);
    expect(byResident).toMatchObject({
      ok: true,
      changes: { stateType: 'in_progress', reopenCount: 2, finishedAt: null },
      notifyResident: true,
    });
    expect(
      transition(done, { type: 'reopen', by: 'resident' }, { ...ctx, reopenWindowDays: 7 }),
    ).toEqual({ ok: false, error: 'reopen_window_closed' });
    expect(
      transition(done, { type: 'reopen', by: 'staff' }, { ...ctx, reopenWindowDays: 7 }).ok,
    ).toBe(true);
    expect(transition(base, { type: 'reopen', by: 'staff' }, ctx)).toEqual({
      ok: false,
      error: 'not_allowed',
    });
  });

  it('reply and explanation tell the resident without moving the case', () => {
    expect(transition(base, { type: 'reply' }, ctx)).toMatchObject({
      ok: true,
      notifyResident: true,
      update: { toState: null },
    });
    expect(transition(base, { type: 'explain' }, ctx)).toMatchObject({
      ok: true,
      changes: { explanationSentAt: now },
    });
  });
});
