import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { cases, sentLedger, serviceCategories } from '../../../db/schema';
import { OPEN_STATES, STATE_TYPES } from '../../../shared/cases';
import { queueScope } from '../../../shared/staff/permissions';
import type { AppDeps } from '../../deps';
import { caseStaff, type StaffApp } from './context';

/** The queue: the cases the member of staff may see, with the console's filters. */
export function registerQueueRoutes(app: StaffApp, deps: AppDeps): void {
  app.get('/:org/cases', async (c) => {
    const actor = caseStaff(c);
    const org = c.get('channel').org;
    const q = c.req.query();
    const scope = queueScope(actor);
    const now = deps.clock();
    const visible: SQL[] = [];
    if (scope.corruption) visible.push(eq(cases.kind, 'corruption'));
    const others = sql`${cases.kind} <> 'corruption'`;
    if (scope.allOthers) visible.push(others);
    else {
      if (scope.divisions.length)
        visible.push(and(others, inArray(cases.divisionId, scope.divisions))!);
      visible.push(and(others, eq(cases.assigneeId, actor.staffId))!);
    }
    const where: SQL[] = [eq(cases.orgId, org.id), or(...visible)!];
    if (q.scope === 'mine') where.push(eq(cases.assigneeId, actor.staffId));
    if (q.scope === 'division' && actor.divisionId)
      where.push(eq(cases.divisionId, actor.divisionId));
    if (q.state && (STATE_TYPES as readonly string[]).includes(q.state))
      where.push(eq(cases.stateType, q.state as (typeof STATE_TYPES)[number]));
    else if (q.state === 'open') where.push(inArray(cases.stateType, [...OPEN_STATES]));
    if (q.category) where.push(eq(cases.category, q.category));
    if (q.division && z.uuid().safeParse(q.division).success)
      where.push(eq(cases.divisionId, q.division));
    if (q.overdue === '1')
      where.push(lt(cases.dueAt, now), inArray(cases.stateType, [...OPEN_STATES]));
    if (q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.from))
      where.push(gte(cases.createdAt, new Date(`${q.from}T00:00:00+07:00`)));
    if (q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to))
      where.push(lte(cases.createdAt, new Date(`${q.to}T23:59:59.999+07:00`)));
    const rows = await deps.db
      .select({
        id: cases.id,
        trackingCode: cases.trackingCode,
        kind: cases.kind,
        category: cases.category,
        categoryName: serviceCategories.name,
        hasPhoto: sql<boolean>`jsonb_array_length(${cases.photos}) > 0`,
        subject: cases.subject,
        description: cases.description,
        stateType: cases.stateType,
        stateLabel: cases.stateLabel,
        divisionId: cases.divisionId,
        assigneeId: cases.assigneeId,
        createdAt: cases.createdAt,
        dueAt: cases.dueAt,
        explanationRequestedAt: cases.explanationRequestedAt,
        explanationSentAt: cases.explanationSentAt,
        /** Residents affected (the reporter and each "+1" at intake) and urgency. */
        affectedCount: cases.affectedCount,
        urgent: cases.urgent,
        /** Its alert was held back for the quota (a digest went instead): flag it in the queue. */
        alertHeld: sql<boolean>`exists (select 1 from ${sentLedger} where ${sentLedger.key} = 'alert-held:' || ${cases.id})`,
      })
      .from(cases)
      .leftJoin(
        serviceCategories,
        and(eq(serviceCategories.orgId, cases.orgId), eq(serviceCategories.code, cases.category)),
      )
      .where(and(...where))
      .orderBy(asc(cases.dueAt), desc(cases.createdAt))
      .limit(200);
    return c.json({
      cases: rows.map((r) => ({
        ...r,
        description: r.description.slice(0, 200),
        overdue: !!r.dueAt && r.dueAt < now && !['finished', 'rejected'].includes(r.stateType),
      })),
      quota: deps.services.quota.last(org.id),
    });
  });
}
