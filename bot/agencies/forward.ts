/**
 * Forwarding a case to another agency (issue 16, decision 038), in one transaction: check the
 * case may leave (never corruption, anonymous or confidential cases; loops refused and flagged
 * in the audit log), move it to "forwarded" through the state machine (timeline entry,
 * resident told in Thai through the outbox), record the forward with its follow-up date, and
 * queue the webhook delivery in the outbox. The staff member never waits for the agency: the
 * outbox sends after commit and retries with backoff.
 */
import { agencyById, forwardedAgencyIds, recordForward } from '../../db/agencies';
import { categoryByCode } from '../../db/admin-categories';
import { recordAudit } from '../../db/audit';
import { caseInOrg } from '../../db/cases';
import { loadCalendar } from '../../db/holidays';
import {
  checkForward,
  FORWARD_FOLLOW_UP_DAYS,
  MAX_FORWARDS,
  publicPart,
  type ForwardPayload,
} from '../../shared/agencies/forward';
import { formatThaiDate } from '../../shared/dates';
import { deadline } from '../../shared/staff/calendar';
import { can } from '../../shared/staff/permissions';
import { isClosed } from '../../shared/staff/transitions';
import { th } from '../../shared/text/th';
import { forward as F } from '../../shared/text/th-forward';
import type { AppDeps } from '../deps';
import type { OrgRow } from '../orgs';
import { insertWebhook } from '../../db/outbox';
import { applyCaseAction } from '../staff/actions';
import type { StaffActor } from '../../db/staff';

export type ForwardResult =
  | {
      ok: true;
      forwardId: string;
      outboxIds: string[];
      followUpAt: Date;
      /** E-mail and exchange channels: the text the clerk sends by hand. */
      mail: { to: string; subject: string; body: string } | null;
    }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string };

export async function forwardToAgency(
  deps: AppDeps,
  input: { org: OrgRow; actor: StaffActor; caseId: string; agencyId: string; note: string },
): Promise<ForwardResult> {
  const { org, actor } = input;
  const note = input.note.trim();
  const refuse = (status: 400 | 403 | 404 | 409, message: string) =>
    ({ ok: false, status, message }) as const;
  if (!note) return refuse(400, th.staff.api.noteRequired);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const c = await caseInOrg(tx, org.id, input.caseId, { forUpdate: true });
    if (!c || !can(actor, 'read', c)) return refuse(404, th.staff.api.notFound);
    if (!can(actor, 'forward', c)) return refuse(403, th.staff.api.forbidden);
    const agency = await agencyById(tx, org.id, input.agencyId);
    if (!agency || !agency.active) return refuse(400, F.refuse.badAgency);
    const history = await forwardedAgencyIds(tx, c.id);
    const refusal = checkForward(
      { kind: c.kind, anonymity: c.anonymity, closed: isClosed(c.stateType) },
      history,
      agency.id,
    );
    if (refusal === 'loop' || refusal === 'too_many') {
      // Flagged: the refused attempt stays in the audit log for the clerk's office.
      await recordAudit(tx, {
        orgId: org.id,
        staffId: actor.staffId,
        action: 'case.forward_loop',
        caseId: c.id,
        detail: { agencyId: agency.id, refusal, forwards: history.length },
        at: now,
      });
    }
    if (refusal) {
      const message = {
        corruption: F.refuse.corruption,
        confidential: F.refuse.confidential,
        closed: F.refuse.closed,
        loop: F.refuse.loop(agency.name),
        too_many: F.refuse.tooMany(MAX_FORWARDS),
      }[refusal];
      return refuse(refusal === 'corruption' || refusal === 'confidential' ? 403 : 409, message);
    }

    const followUpAt = deadline(await loadCalendar(tx, org.id), now, FORWARD_FOLLOW_UP_DAYS);
    const cat = await categoryByCode(tx, org.id, c.category);
    const payload: ForwardPayload = publicPart(c, {
      orgSlug: org.slug,
      orgName: org.name,
      categoryName: cat?.name ?? th.staff.kinds[c.kind],
      note,
    });
    const r = await applyCaseAction(
      { tx, org, secrets: deps.orgs.secrets, now, actor },
      c.id,
      { type: 'forwardOut', agencyId: agency.id },
      {
        note: F.timeline(agency.name, F.channels[agency.channel], note),
        residentText: F.resident(
          c.trackingCode,
          agency.name,
          agency.contact,
          note,
          formatThaiDate(followUpAt),
        ),
      },
    );
    if (!r.ok) return refuse(409, th.staff.api.notAllowed);
    const webhook = agency.channel === 'webhook';
    const outboxId = webhook
      ? await insertWebhook(tx, { orgId: org.id, url: agency.address, payload, now })
      : null;
    const row = await recordForward(tx, {
      orgId: org.id,
      caseId: c.id,
      agencyId: agency.id,
      staffId: actor.staffId,
      note,
      channel: agency.channel,
      delivery: webhook ? 'outbox' : 'clerk',
      outboxId,
      payload,
      followUpAt,
      createdAt: now,
    });
    return {
      ok: true,
      forwardId: row.id,
      outboxIds: outboxId ? [...r.outboxIds, outboxId] : r.outboxIds,
      followUpAt,
      mail: webhook ? null : mailFor(agency.address, payload),
    };
  });
}

/** The e-mail the clerk copies (no SMTP is available: decision 038). */
export function mailFor(to: string, p: ForwardPayload) {
  const place = p.location
    ? 'lat' in p.location
      ? `${p.location.address} (${p.location.lat}, ${p.location.long})`.trim()
      : p.location.address
    : '';
  return {
    to,
    subject: F.mail.subject(p.from.orgName, p.reference),
    body: F.mail.body({
      org: p.from.orgName,
      code: p.reference,
      category: p.category.name,
      description: p.description,
      place,
      note: p.note,
    }),
  };
}
