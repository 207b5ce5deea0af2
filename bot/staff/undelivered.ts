import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import { listUndelivered, requeueUndelivered } from '../../db/undelivered';
import { th } from '../../shared/text/th';
import { thUndelivered as U } from '../../shared/text/th-undelivered';
import type { AppDeps } from '../deps';
import { sendOutbox } from '../pipeline/outbox';
import type { StaffActor } from '../../db/staff';
import type { StaffApp } from './api/context';

/** Given-up messages concern every division: the clerk's office and admins see them. */
const mayManage = (actor: StaffActor) =>
  actor.roles.some((r) => r.role === 'clerk_office' || r.role === 'admin');

/**
 * `GET /api/staff/:org/undelivered` and `POST …/undelivered/:id/retry` (issue 17, decision
 * 045): the outbox's given-up messages, without LINE ids, and a retry that puts one back in
 * the queue and tries it at once. Mounted behind the staff API's sign-in (bot/staff/routes.ts).
 */
export function registerUndeliveredRoutes(app: StaffApp, deps: AppDeps): void {
  const guard = (actor: StaffActor) => {
    if (!mayManage(actor)) throw new HTTPException(403, { message: th.staff.api.forbidden });
  };
  app.get('/:org/undelivered', async (c) => {
    guard(c.get('actor'));
    const rows = await listUndelivered(deps.db, c.get('channel').org.id);
    c.header('Cache-Control', 'no-store');
    return c.json({ messages: rows });
  });

  app.post('/:org/undelivered/:id/retry', async (c) => {
    const actor = c.get('actor');
    guard(actor);
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: U.notFound });
    const orgId = c.get('channel').org.id;
    const now = deps.clock();
    const row = await deps.db.transaction(async (tx) => {
      const r = await requeueUndelivered(tx, orgId, id, now);
      if (r) {
        await recordAudit(tx, {
          orgId,
          staffId: actor.staffId,
          action: 'outbox.retry',
          detail: { outboxId: id },
          at: now,
        });
      }
      return r;
    });
    if (!row) throw new HTTPException(404, { message: U.notFound });
    // Tried at once; if it fails again the sender's timer and backoff carry on as for any row.
    const stats = await sendOutbox(deps, { ids: [id] });
    const sent = stats.sent === 1;
    return c.json({ id, sent, message: sent ? U.sent : U.queued });
  });
}
