import { caseById, caseInOrg } from '../../db/cases';
import { ask } from '../../shared/conversation/render';
import type { Message } from '../../shared/line/messages';
import { text } from '../../shared/line/messages';
import { can, canAssignTo } from '../../shared/staff/permissions';
import { th } from '../../shared/text/th';
import type { HandlerContext } from '../events/types';
import { applyCaseAction, errorText } from './actions';
import { activeStaff, actorById, actorByLineUser } from '../../db/staff';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RE = new RegExp(`^staff:(accept|assign|assignto):(${UUID})(?::(${UUID}))?$`, 'i');

/**
 * Staff postbacks from alert buttons, from the member of staff's own chat with the OA:
 * `staff:accept:<case>` takes the case; `staff:assign:<case>` offers the people it can go
 * to as quick replies, each `staff:assignto:<case>:<staff>`. Every tap is checked against
 * the sender's roles, exactly as the console's API does.
 */
export async function staffPostback(
  data: string,
  userId: string,
  ctx: HandlerContext,
): Promise<Message[]> {
  const m = RE.exec(data);
  const actor = await actorByLineUser(ctx.tx, ctx.org.id, userId);
  if (!m || !actor) return [text(th.staff.alert.notAllowed)];
  const [, verb, caseId, staffId] = m;
  const base = { tx: ctx.tx, org: ctx.org, secrets: ctx.secrets, now: ctx.now, actor };
  if (verb === 'accept') {
    const r = await applyCaseAction(base, caseId!, { type: 'accept' });
    if (r.ok) return [text(th.staff.alert.accepted(r.case.trackingCode))];
    if (r.error === 'not_allowed') {
      const c = await caseById(ctx.tx, caseId!);
      if (c) return [text(th.staff.alert.alreadyTaken(c.trackingCode, c.stateLabel))];
    }
    return [errorText(r.error)];
  }
  if (verb === 'assignto' && staffId) {
    const r = await applyCaseAction(base, caseId!, { type: 'assign', staffId });
    if (!r.ok) return [errorText(r.error)];
    const target = await actorById(ctx.tx, staffId);
    return [text(`${r.case.trackingCode}: ${th.staff.notes.assigned(target?.staff.name ?? '')}`)];
  }
  // assign: who could take it?
  const c = await caseInOrg(ctx.tx, ctx.org.id, caseId!);
  if (!c || !can(actor, 'work', c)) return [text(th.staff.alert.notAllowed)];
  const people = await activeStaff(ctx.tx, ctx.org.id);
  const options = [];
  for (const p of people) {
    const target = await actorById(ctx.tx, p.id);
    if (target && canAssignTo(actor, c, target)) {
      options.push({ label: p.name, data: `staff:assignto:${c.id}:${p.id}`, displayText: p.name });
    }
  }
  return [ask(th.staff.alert.assignHint(ctx.services.links.console(c.id)), options.slice(0, 13))];
}
