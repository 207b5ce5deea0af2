import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { auditLog, caseUpdates, divisions, serviceCategories, staff } from '../../../db/schema';
import { actorById } from '../../../db/staff';
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
    await deps.db.insert(auditLog).values({
      orgId: org.id,
      staffId: actor.staffId,
      action: 'case.view',
      caseId: row.id,
      detail: { kind: row.kind },
      at: deps.clock(),
    });
    const timeline = await deps.db
      .select({
        id: caseUpdates.id,
        authorKind: caseUpdates.authorKind,
        authorName: staff.name,
        note: caseUpdates.note,
        fromState: caseUpdates.fromState,
        toState: caseUpdates.toState,
        photos: caseUpdates.photos,
        internal: caseUpdates.internal,
        createdAt: caseUpdates.createdAt,
      })
      .from(caseUpdates)
      .leftJoin(staff, eq(staff.id, caseUpdates.authorStaffId))
      .where(eq(caseUpdates.caseId, row.id))
      .orderBy(asc(caseUpdates.createdAt), asc(caseUpdates.id));
    const [cat] = await deps.db
      .select({ name: serviceCategories.name })
      .from(serviceCategories)
      .where(and(eq(serviceCategories.orgId, org.id), eq(serviceCategories.code, row.category)));
    const assignee = row.assigneeId ? await actorById(deps.db, row.assigneeId) : null;
    const [division] = row.divisionId
      ? await deps.db.select().from(divisions).where(eq(divisions.id, row.divisionId))
      : [];
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
      const [u] = await deps.db
        .select({ photos: caseUpdates.photos })
        .from(caseUpdates)
        .where(and(eq(caseUpdates.id, which), eq(caseUpdates.caseId, row.id)));
      photos = (u?.photos as CasePhoto[]) ?? [];
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
    const people = await deps.db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.orgId, org.id), eq(staff.active, true), isNotNull(staff.lineUserId)));
    const out = [];
    for (const p of people) {
      const target = await actorById(deps.db, p.id);
      if (target && canAssignTo(actor, row, target))
        out.push({ id: target.staffId, name: target.staff.name, position: target.staff.position });
    }
    return c.json({ staff: out });
  });
}
