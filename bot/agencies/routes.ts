/**
 * The agency directory and forwarding out, on the staff API (decision 038). Mounted on
 * `/api/staff` after its sign-in middleware (`actor` and `channel` are set):
 * - `GET /:org/agencies`: the directory (case staff pick from the active ones);
 * - `POST /:org/agencies`, `POST /:org/agencies/:id` ({active}): admins and the clerk's office;
 * - `POST /:org/cases/:id/forward-out` ({agencyId, note}): heads and the clerk's office;
 * - `GET /:org/cases/:id/forwards`: the case's forwards, delivery state, the clerk's e-mail text,
 *   and the case's outcome with the resident's verdict and rating (for the case screen).
 */
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { addAgency, forwardsOfCase, listAgencies, setAgencyActive } from '../../db/agencies';
import { caseOutcome } from '../../db/outcomes';
import { recordAudit } from '../../db/audit';
import { caseInOrg } from '../../db/cases';
import { AGENCY_CHANNELS, validAddress, type ForwardPayload } from '../../shared/agencies/forward';
import { can, isCaseStaff } from '../../shared/staff/permissions';
import { th } from '../../shared/text/th';
import { forward as F } from '../../shared/text/th-forward';
import type { AppDeps } from '../deps';
import { isSimulatorMode } from '../env';
import { sendOutbox } from '../pipeline/outbox';
import type { StaffActor } from '../../db/staff';
import type { StaffApp } from '../staff/api/context';
import { forwardToAgency, mailFor } from './forward';

const A = th.staff.api;

const agencyBody = z.object({
  name: z.string().trim().min(1).max(200),
  contact: z.string().trim().max(300).default(''),
  channel: z.enum(AGENCY_CHANNELS),
  address: z.string().trim().min(1).max(500),
});
const forwardBody = z.object({ agencyId: z.uuid(), note: z.string().max(2000) });

const manages = (a: StaffActor) =>
  a.roles.some((r) => r.role === 'admin' || r.role === 'clerk_office');

export function registerAgencyRoutes(app: StaffApp, deps: AppDeps): void {
  const json = async <T>(schema: z.ZodType<T>, req: Request): Promise<T> => {
    const parsed = schema.safeParse(await req.json().catch(() => null));
    if (!parsed.success) throw new HTTPException(400, { message: A.invalidBody });
    return parsed.data;
  };

  app.get('/:org/agencies', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    const rows = await listAgencies(deps.db, org.id, { activeOnly: !manages(actor) });
    return c.json({
      agencies: rows.map((a) => ({
        id: a.id,
        name: a.name,
        contact: a.contact,
        channel: a.channel,
        channelLabel: F.channels[a.channel],
        // The address (a webhook URL may carry a key) only for those who manage the directory.
        address: manages(actor) ? a.address : undefined,
        active: a.active,
      })),
      canManage: manages(actor),
    });
  });

  app.post('/:org/agencies', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    if (!manages(actor)) throw new HTTPException(403, { message: F.refuse.adminOnly });
    const body = await json(agencyBody, c.req.raw);
    // Plain http only in simulator mode (local fakes); a real agency's hook is https.
    if (!validAddress(body.channel, body.address, isSimulatorMode(deps.env)))
      throw new HTTPException(400, { message: F.refuse.badAddress[body.channel] });
    const row = await addAgency(deps.db, { orgId: org.id, ...body });
    if (!row) throw new HTTPException(409, { message: F.refuse.duplicate });
    await recordAudit(deps.db, {
      orgId: org.id,
      staffId: actor.staffId,
      action: 'agency.add',
      detail: { agencyId: row.id, name: row.name, channel: row.channel },
      at: deps.clock(),
    });
    return c.json({ agency: { id: row.id, name: row.name, channel: row.channel } }, 201);
  });

  app.post('/:org/agencies/:id', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    if (!manages(actor)) throw new HTTPException(403, { message: F.refuse.adminOnly });
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
    const { active } = await json(z.object({ active: z.boolean() }), c.req.raw);
    const row = await setAgencyActive(deps.db, org.id, id, active);
    if (!row) throw new HTTPException(404, { message: A.notFound });
    return c.json({ agency: { id: row.id, active: row.active } });
  });

  app.post('/:org/cases/:id/forward-out', async (c) => {
    const actor = c.get('actor');
    if (!isCaseStaff(actor)) throw new HTTPException(403, { message: A.forbidden });
    const org = c.get('channel').org;
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
    const body = await json(forwardBody, c.req.raw);
    const r = await forwardToAgency(deps, {
      org,
      actor,
      caseId: id,
      agencyId: body.agencyId,
      note: body.note,
    });
    if (!r.ok) throw new HTTPException(r.status, { message: r.message });
    // After commit, never awaited by the staff member: a failing agency is retried by the outbox.
    deps.defer.run(
      () => sendOutbox(deps, { ids: r.outboxIds }).then(() => undefined),
      `forward:${id}`,
      c,
    );
    return c.json({ forwardId: r.forwardId, followUpAt: r.followUpAt, mail: r.mail });
  });

  app.get('/:org/cases/:id/forwards', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
    const row = await caseInOrg(deps.db, org.id, id);
    if (!row || !isCaseStaff(actor) || !can(actor, 'read', row))
      throw new HTTPException(404, { message: A.notFound });
    const list = await forwardsOfCase(deps.db, org.id, id);
    return c.json({
      // The case's outcome so far (decision 041), shown beside its forwards on the case screen.
      outcome: await caseOutcome(deps.db, org.id, id),
      forwards: list.map((f) => ({
        id: f.id,
        agency: f.agencyName,
        channel: f.channel,
        note: f.note,
        createdAt: f.createdAt,
        followUpAt: f.followUpAt,
        deliveryState: f.deliveryState,
        attempts: f.attempts,
        mail: f.delivery === 'clerk' ? mailFor(f.agencyAddress, f.payload as ForwardPayload) : null,
      })),
    });
  });
}
