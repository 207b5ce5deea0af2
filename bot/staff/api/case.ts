import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { categoryByCode } from '../../../db/admin-categories';
import { divisionById } from '../../../db/admin-divisions';
import { recordAudit } from '../../../db/audit';
import { caseTimeline, caseUpdatePhotos } from '../../../db/cases';
import { activeStaff, actorById } from '../../../db/staff';
import type { CasePhoto } from '../../../shared/cases';
import { can, canAssignTo } from '../../../shared/staff/permissions';
import { th } from '../../../shared/text/th';
import type { AppDeps } from '../../deps';
import { A, readable, type StaffApp } from './context';

/** One case: its detail and timeline (every read audited), its photos, who it can go to. */
export function registerCaseRoutes(app: StaffApp, deps: AppDeps): void {
  app.get('/:org/cases/:id', async (c) => {
    const { actor, org, row } = await readable(deps, c, c.req.param('id')!);
    // Who viewed what: every read of a case is logged (corruption reads above all).
    await recordAudit(deps.db, {
      orgId: org.id,
      staffId: actor.staffId,
      action: 'case.view',
      caseId: row.id,
      detail: { kind: row.kind },
      at: deps.clock(),
    });
    const timeline = await caseTimeline(deps.db, row.id);
    const cat = await categoryByCode(deps.db, org.id, row.category);
    const assignee = row.assigneeId ? await actorById(deps.db, row.assigneeId) : null;
    const division = row.divisionId ? await divisionById(deps.db, row.divisionId) : undefined;
    return c.json({
      case: {
        id: row.id,
        trackingCode: row.trackingCode,
        kind: row.kind,
        category: row.category,
        categoryName: cat?.name ?? th.staff.kinds[row.kind],
        subject: row.subject,
        description: row.description,
        concerning: row.concerning,
        anonymity: row.anonymity,
        stateType: row.stateType,
        stateLabel: row.stateLabel,
        affectedCount: row.affectedCount,
        urgent: row.urgent,
        division: division ? { id: division.id, name: division.name } : null,
        assignee: assignee ? { id: assignee.staffId, name: assignee.staff.name } : null,
        photos: (row.photos as CasePhoto[]).map((_, i) => `cases/${row.id}/photos/case/${i}`),
        latitude: row.latitude,
        longitude: row.longitude,
        address: row.address,
        mapUrl:
          row.latitude !== null && row.longitude !== null
            ? `https://www.google.com/maps?q=${row.latitude},${row.longitude}`
            : null,
        createdAt: row.createdAt,
        acceptedAt: row.acceptedAt,
        finishedAt: row.finishedAt,
        dueAt: row.dueAt,
        acceptDueAt: row.acceptDueAt,
        reopenCount: row.reopenCount,
        explanationRequestedAt: row.explanationRequestedAt,
        explanationSentAt: row.explanationSentAt,
      },
      timeline: timeline.map((u) => ({
        ...u,
        photos: (u.photos as CasePhoto[]).map((_, i) => `cases/${row.id}/photos/${u.id}/${i}`),
      })),
      can: {
        work: can(actor, 'work', row),
        assign: can(actor, 'assign', row) || can(actor, 'work', row),
        forward: can(actor, 'forward', row),
      },
    });
  });

  /** A photo of the case (`case`) or of a timeline entry, for the console (token-checked). */
  app.get('/:org/cases/:id/photos/:update/:n', async (c) => {
    const { row } = await readable(deps, c, c.req.param('id')!);
    const which = c.req.param('update');
    let photos = row.photos as CasePhoto[];
    if (which !== 'case') {
      if (!z.uuid().safeParse(which).success) throw new HTTPException(404, { message: A.notFound });
      photos = (await caseUpdatePhotos(deps.db, row.id, which)) ?? [];
    }
    const p = photos[Number(c.req.param('n'))];
    const stored = p ? await deps.photos.get(p.key) : null;
    if (!p || !stored) throw new HTTPException(404, { message: A.notFound });
    return c.body(stored.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': p.contentType,
      'Cache-Control': 'private, no-store',
    });
  });

  /** Who the case can be assigned to by this actor. */
  app.get('/:org/cases/:id/assignees', async (c) => {
    const { actor, org, row } = await readable(deps, c, c.req.param('id')!);
    if (!can(actor, 'work', row)) throw new HTTPException(403, { message: A.forbidden });
    const people = await activeStaff(deps.db, org.id, { linked: true });
    const out = [];
    for (const p of people) {
      const target = await actorById(deps.db, p.id);
      if (target && canAssignTo(actor, row, target))
        out.push({ id: target.staffId, name: target.staff.name, position: target.staff.position });
    }
    return c.json({ staff: out });
  });
}
