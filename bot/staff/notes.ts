import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import { addCaseUpdate, caseInOrg } from '../../db/cases';
import { can } from '../../shared/staff/permissions';
import { th } from '../../shared/text/th';
import type { AppDeps } from '../deps';
import type { StaffApp } from './api/context';

const A = th.staff.api;

const body = z.object({ note: z.string().max(2000) });

/**
 * `POST /:org/cases/:id/note`: an internal note, seen by staff only. It joins the timeline
 * marked `internal`, changes nothing on the case, sends nothing to anyone (no outbox row)
 * and is never shown on the resident's tracking answers (bot/cases/track.ts). Mounted on the
 * staff API after its sign-in middleware, so `actor` and `channel` are set.
 */
export function registerNoteRoutes(app: StaffApp, deps: AppDeps): void {
  app.post('/:org/cases/:id/note', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
    const parsed = body.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw new HTTPException(400, { message: A.invalidBody });
    const note = parsed.data.note.trim();
    if (!note) throw new HTTPException(400, { message: A.noteRequired });
    const now = deps.clock();
    const updateId = await deps.db.transaction(async (tx) => {
      const row = await caseInOrg(tx, org.id, id);
      if (!row || !can(actor, 'read', row)) throw new HTTPException(404, { message: A.notFound });
      if (!can(actor, 'work', row)) throw new HTTPException(403, { message: A.forbidden });
      const updateId = await addCaseUpdate(tx, {
        orgId: org.id,
        caseId: row.id,
        authorKind: 'staff',
        authorStaffId: actor.staffId,
        note,
        internal: true,
        createdAt: now,
      });
      await recordAudit(tx, {
        orgId: org.id,
        staffId: actor.staffId,
        action: 'case.note',
        caseId: row.id,
        detail: { internal: true },
        at: now,
      });
      return updateId;
    });
    return c.json({ updateId, notified: 0 });
  });
}
