import { divisionById } from '../../db/admin-divisions';
import { recordAudit } from '../../db/audit';
import {
  addCaseUpdate,
  caseInOrg,
  caseWatcherTargets,
  updateCase,
  type CaseChanges,
  type CaseRow,
} from '../../db/cases';
import { residentById } from '../../db/residents';
import type { Tx } from '../../db/types';
import type { CasePhoto } from '../../shared/cases';
import { text, type Message } from '../../shared/line/messages';
import { can, canAssignTo } from '../../shared/staff/permissions';
import { transition, type CaseAction, type TransitionError } from '../../shared/staff/transitions';
import { th } from '../../shared/text/th';
import { stateLabel } from '../cases/file';
import type { OrgRow, SecretBox } from '../orgs';
import { enqueuePush } from '../pipeline/outbox';
import { actorById, type StaffActor } from '../../db/staff';
import { reopenPostback } from './reopen';
import { ask } from '../../shared/conversation/render';
import { orgSettings } from '../../shared/org-settings';

export type ActionError =
  'not_found' | 'forbidden' | 'bad_staff' | 'bad_division' | TransitionError;

export interface ActionContext {
  tx: Tx;
  org: OrgRow;
  secrets: SecretBox;
  now: Date;
  actor: StaffActor;
}

export type ActionResult =
  | { ok: true; case: CaseRow; updateId: string; outboxIds: string[]; finished: boolean }
  | { ok: false; error: ActionError };

/**
 * Performs one staff action on a case in the caller's transaction: checks organisation
 * and role, asks the pure state machine, updates the case, appends the timeline entry,
 * writes the audit log and queues the resident's Thai message when they should hear of it.
 */
export async function applyCaseAction(
  ctx: ActionContext,
  caseId: string,
  action: CaseAction,
  input: {
    note?: string;
    photos?: CasePhoto[];
    finishExtra?: Message[];
    /** forwardOut: the resident's message, made by bot/agencies/forward.ts. */
    residentText?: string;
  } = {},
): Promise<ActionResult> {
  const { tx, actor, now, org } = ctx;
  const c = await caseInOrg(tx, org.id, caseId, { forUpdate: true });
  if (!c || actor.orgId !== org.id) return { ok: false, error: 'not_found' };
  const op =
    action.type === 'assign'
      ? 'assign'
      : action.type === 'forward' || action.type === 'forwardOut'
        ? 'forward'
        : 'work';
  if (!can(actor, 'read', c)) return { ok: false, error: 'not_found' };
  let note = input.note ?? '';
  if (action.type === 'assign') {
    const target = await actorById(tx, action.staffId);
    if (!target || target.orgId !== org.id) return { ok: false, error: 'bad_staff' };
    if (!canAssignTo(actor, c, target)) {
      return { ok: false, error: can(actor, 'work', c) ? 'bad_staff' : 'forbidden' };
    }
    if (!note.trim()) note = th.staff.notes.assigned(target.staff.name);
  } else if (!can(actor, op, c)) return { ok: false, error: 'forbidden' };
  let divisionName = '';
  if (action.type === 'forward') {
    const d = await divisionById(tx, action.divisionId, org.id);
    if (!d) return { ok: false, error: 'bad_division' };
    divisionName = d.name;
  }
  if (action.type === 'accept' && !note.trim()) note = th.staff.alert.acceptNote;

  const settings = orgSettings(org.settings);
  const t = transition(c, action, {
    now,
    note,
    actorStaffId: actor.staffId,
    reopenWindowDays: settings.reopenWindowDays,
  });
  if (!t.ok) return t;

  const changes: CaseChanges = { ...t.changes, updatedAt: now };
  if (t.changes.stateType) changes.stateLabel = stateLabel(org.settings, t.changes.stateType);
  const row = await updateCase(tx, c.id, changes);
  const updateId = await addCaseUpdate(tx, {
    orgId: org.id,
    caseId: c.id,
    authorKind: 'staff',
    authorStaffId: actor.staffId,
    note: t.update.note,
    fromState: t.update.fromState,
    toState: t.update.toState,
    photos: input.photos ?? [],
    createdAt: now,
  });
  await recordAudit(tx, {
    orgId: org.id,
    staffId: actor.staffId,
    action: `case.${action.type}`,
    caseId: c.id,
    detail: { ...action, from: c.stateType, to: row!.stateType },
    at: now,
  });

  const outboxIds: string[] = [];
  if (t.notifyResident) {
    const code = c.trackingCode;
    const n = th.staff.resident;
    const message =
      input.residentText ??
      (action.type === 'reply'
        ? n.reply(code, t.update.note)
        : action.type === 'explain'
          ? n.explanation(code, t.update.note)
          : action.type === 'forward'
            ? n.forwarded(code, divisionName, t.update.note)
            : n.stateChanged(code, row!.stateLabel, t.update.note));
    // A finished case offers its resident "not done yet" (a counted reopen, within the window).
    const resident = row!.residentId ? await residentById(tx, row!.residentId) : undefined;
    for (const to of await residentTargets(ctx, row!)) {
      const m =
        t.finished && to === resident?.lineUserId
          ? ask(message, [
              {
                label: th.staff.reopen.button,
                data: reopenPostback(row!.id),
                displayText: th.staff.reopen.button,
              },
            ])
          : text(message);
      // Proof of fix (bot/outcomes): the before/after card goes first; the quick reply stays last.
      const messages =
        t.finished && to === resident?.lineUserId ? [...(input.finishExtra ?? []), m] : [m];
      outboxIds.push(await enqueuePush(tx, { orgId: org.id, to, messages, now }));
    }
  }
  return { ok: true, case: row!, updateId, outboxIds, finished: t.finished };
}

/**
 * Who hears about a case: the resident who filed it; for corruption cases (no resident
 * link) the reporters who opted in (case_watchers) and a confidential reporter who filed
 * through LINE. Identities are opened here only to address the message.
 */
export async function residentTargets(
  ctx: { tx: Tx; secrets: SecretBox },
  c: CaseRow,
): Promise<string[]> {
  const out: string[] = [];
  if (c.residentId) {
    const r = await residentById(ctx.tx, c.residentId);
    if (r && !r.lineUserId.startsWith('deleted:') && !r.unfollowedAt) out.push(r.lineUserId);
  }
  if (c.kind === 'corruption') {
    for (const enc of await caseWatcherTargets(ctx.tx, c.id)) out.push(await ctx.secrets.open(enc));
    if (c.anonymity === 'confidential' && c.reporterIdentityEnc) {
      const who = JSON.parse(await ctx.secrets.open(c.reporterIdentityEnc)) as {
        lineUserId?: string;
      };
      if (who.lineUserId) out.push(who.lineUserId);
    }
  }
  return [...new Set(out)];
}

/** Messages for staff replies in chat (postbacks). */
export function errorText(e: ActionError): Message {
  const a = th.staff.api;
  const map: Record<ActionError, string> = {
    not_found: a.notFound,
    forbidden: th.staff.alert.notAllowed,
    bad_staff: a.badStaff,
    bad_division: a.badDivision,
    note_required: a.noteRequired,
    not_allowed: a.notAllowed,
    same_state: a.sameState,
    same_division: a.sameDivision,
    reopen_window_closed: a.reopenWindowClosed,
  };
  return text(map[e]);
}
