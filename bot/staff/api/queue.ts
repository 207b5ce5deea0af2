import { z } from 'zod';
import { staffQueue } from '../../../db/cases';
import { STATE_TYPES, type StateType } from '../../../shared/cases';
import { queueScope } from '../../../shared/staff/permissions';
import type { AppDeps } from '../../deps';
import { caseStaff, type StaffApp } from './context';

/** The queue: the cases the member of staff may see, with the console's filters. */
export function registerQueueRoutes(app: StaffApp, deps: AppDeps): void {
  app.get('/:org/cases', async (c) => {
    const actor = caseStaff(c);
    const org = c.get('channel').org;
    const q = c.req.query();
    const now = deps.clock();
    const day = (d: string | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null);
    const from = day(q.from);
    const to = day(q.to);
    const rows = await staffQueue(deps.db, org.id, {
      scope: queueScope(actor),
      staffId: actor.staffId,
      mine: q.scope === 'mine',
      ownDivisionId: (q.scope === 'division' && actor.divisionId) || undefined,
      state:
        q.state && (STATE_TYPES as readonly string[]).includes(q.state)
          ? (q.state as StateType)
          : q.state === 'open'
            ? 'open'
            : undefined,
      category: q.category || undefined,
      divisionId: q.division && z.uuid().safeParse(q.division).success ? q.division : undefined,
      overdue: q.overdue === '1',
      from: from ? new Date(`${from}T00:00:00+07:00`) : undefined,
      to: to ? new Date(`${to}T23:59:59.999+07:00`) : undefined,
      now,
    });
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
