/**
 * The case state machine, defined once. Staff actions (and a resident's reopen) go
 * through `transition`, which says whether the move is allowed, what changes on the
 * case, what timeline entry (update) to append and whether the resident is told.
 * Pure: no I/O; the API performs the result in one transaction.
 */
import type { StateType } from '../cases';

/** Moves between state types a member of staff may make with "change state". */
export const ALLOWED_MOVES: Readonly<Record<StateType, readonly StateType[]>> = {
  waiting: ['in_progress', 'forwarded', 'finished', 'rejected'],
  in_progress: ['follow_up', 'forwarded', 'finished', 'rejected'],
  forwarded: ['in_progress', 'follow_up', 'finished', 'rejected'],
  follow_up: ['in_progress', 'forwarded', 'finished', 'rejected'],
  // Closed cases only move again through a reopen, which is counted.
  finished: [],
  rejected: [],
};

export const CLOSED_STATES: readonly StateType[] = ['finished', 'rejected'];

export function isClosed(s: StateType): boolean {
  return CLOSED_STATES.includes(s);
}

/** What the state machine needs to know about a case. */
export interface CaseSnapshot {
  stateType: StateType;
  divisionId: string | null;
  assigneeId: string | null;
  reopenCount: number;
  acceptedAt: Date | null;
  finishedAt: Date | null;
}

export type CaseAction =
  /** รับเรื่อง: take the case; it becomes in progress and, unless assigned, the actor's. */
  | { type: 'accept' }
  /** มอบหมาย: give it to a member of staff (no state change; internal). */
  | { type: 'assign'; staffId: string }
  | { type: 'changeState'; to: StateType }
  /** ส่งต่อ: hand the case to another division, which must accept it again. */
  | { type: 'forward'; divisionId: string }
  /**
   * ส่งต่อหน่วยงานภายนอก: the case belongs to another agency (decision 038). It stays open in
   * "forwarded" with its division, which follows it up; bot/agencies/forward.ts records and sends.
   */
  | { type: 'forwardOut'; agencyId: string }
  /** A message to the resident, without a state change. */
  | { type: 'reply' }
  /** The 15-day explanation to the complainant, sent as a reply. */
  | { type: 'explain' }
  /** Reopen a finished or rejected case, by staff or by the resident within the window. */
  | { type: 'reopen'; by: 'staff' | 'resident' };

export interface TransitionContext {
  now: Date;
  /** The mandatory note (trimmed; empty is refused). */
  note: string;
  /** The member of staff acting, or null for the resident / system. */
  actorStaffId: string | null;
  /** Days after finishing in which a resident may reopen (org setting; default 30). */
  reopenWindowDays?: number;
}

export type TransitionError =
  'note_required' | 'not_allowed' | 'same_state' | 'reopen_window_closed' | 'same_division';

export interface CaseChanges {
  stateType?: StateType;
  divisionId?: string;
  assigneeId?: string | null;
  reopenCount?: number;
  acceptedAt?: Date;
  finishedAt?: Date | null;
  explanationSentAt?: Date;
  /** Reset escalation when the case moves on (a new owner, a new state). */
  escalationLevel?: number;
}

export interface TransitionResult {
  ok: true;
  changes: CaseChanges;
  update: { note: string; fromState: StateType | null; toState: StateType | null };
  /** Whether the resident gets a message about this change. Assignments are internal. */
  notifyResident: boolean;
  /** The case has just become finished (e.g. invite the resident to the survey). */
  finished: boolean;
}

export type Transition = TransitionResult | { ok: false; error: TransitionError };

const DEFAULT_REOPEN_WINDOW_DAYS = 30;

function fail(error: TransitionError): Transition {
  return { ok: false, error };
}

/** Decides one action on a case. */
export function transition(
  c: CaseSnapshot,
  action: CaseAction,
  ctx: TransitionContext,
): Transition {
  const note = ctx.note.trim();
  if (!note) return fail('note_required');
  const { now } = ctx;
  const move = (to: StateType, extra: CaseChanges = {}, notify = true): Transition => ({
    ok: true,
    changes: {
      stateType: to,
      escalationLevel: 0,
      ...(to === 'finished' ? { finishedAt: now } : {}),
      ...extra,
    },
    update: { note, fromState: c.stateType, toState: to },
    notifyResident: notify,
    finished: to === 'finished',
  });
  const noMove = (changes: CaseChanges, notify: boolean): Transition => ({
    ok: true,
    changes,
    update: { note, fromState: null, toState: null },
    notifyResident: notify,
    finished: false,
  });

  switch (action.type) {
    case 'accept': {
      if (c.stateType !== 'waiting' && c.stateType !== 'forwarded') return fail('not_allowed');
      return move('in_progress', {
        acceptedAt: c.acceptedAt ?? now,
        assigneeId: c.assigneeId ?? ctx.actorStaffId,
      });
    }
    case 'assign': {
      if (isClosed(c.stateType)) return fail('not_allowed');
      return noMove({ assigneeId: action.staffId, escalationLevel: 0 }, false);
    }
    case 'changeState': {
      if (action.to === c.stateType) return fail('same_state');
      if (!ALLOWED_MOVES[c.stateType].includes(action.to)) return fail('not_allowed');
      // Forwarding needs a division: use the forward action.
      if (action.to === 'forwarded') return fail('not_allowed');
      const extra: CaseChanges = {};
      if (action.to === 'in_progress' && !c.acceptedAt) extra.acceptedAt = now;
      return move(action.to, extra);
    }
    case 'forward': {
      if (isClosed(c.stateType)) return fail('not_allowed');
      if (action.divisionId === c.divisionId) return fail('same_division');
      return move('forwarded', { divisionId: action.divisionId, assigneeId: null });
    }
    case 'forwardOut': {
      if (isClosed(c.stateType)) return fail('not_allowed');
      return move('forwarded');
    }
    case 'reply': {
      return noMove({}, true);
    }
    case 'explain': {
      if (isClosed(c.stateType)) return fail('not_allowed');
      return noMove({ explanationSentAt: now }, true);
    }
    case 'reopen': {
      if (!isClosed(c.stateType)) return fail('not_allowed');
      if (action.by === 'resident') {
        const windowDays = ctx.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS;
        const closedAt = c.finishedAt;
        if (!closedAt || now.getTime() - closedAt.getTime() > windowDays * 86_400_000) {
          return fail('reopen_window_closed');
        }
      }
      return move('in_progress', { reopenCount: c.reopenCount + 1, finishedAt: null });
    }
  }
}
