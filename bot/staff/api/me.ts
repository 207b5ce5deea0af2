import { HTTPException } from 'hono/http-exception';
import { categoryNames } from '../../../db/admin-categories';
import { divisionsOfOrg } from '../../../db/admin-divisions';
import { outcomeFigures } from '../../../db/outcomes';
import { STATE_TYPES } from '../../../shared/cases';
import { fiscalYearInstants, fiscalYearOf } from '../../../shared/metrics/round';
import { orgSettings } from '../../../shared/org-settings';
import { th } from '../../../shared/text/th';
import type { AppDeps } from '../../deps';
import { buildDashboard } from '../../reports/dashboard';
import { A, type StaffApp } from './context';

/** Who is signed in (roles, divisions, categories, state names) and the executive dashboard. */
export function registerMeRoutes(app: StaffApp, deps: AppDeps): void {
  app.get('/:org/me', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    const divs = await divisionsOfOrg(deps.db, org.id);
    return c.json({
      staff: { id: actor.staffId, name: actor.staff.name, position: actor.staff.position },
      roles: actor.roles,
      org: { slug: org.slug, name: org.name },
      divisions: divs.map((d) => ({ id: d.id, code: d.code, name: d.name })),
      categories: await categoryNames(deps.db, org.id),
      stateLabels: Object.fromEntries(
        STATE_TYPES.map((s) => [
          s,
          orgSettings(org.settings).stateLabels[s] ?? th.cases.stateLabels[s],
        ]),
      ),
      quota: deps.services.quota.last(org.id),
    });
  });

  /** The executive dashboard (issue 6): executives and admins only, scored like the report. */
  app.get('/:org/dashboard', async (c) => {
    const actor = c.get('actor');
    if (!actor.roles.some((r) => r.role === 'executive' || r.role === 'admin')) {
      throw new HTTPException(403, { message: A.forbidden });
    }
    const org = c.get('channel').org;
    const now = deps.clock();
    const outcomes = await outcomeFigures(deps.db, org.id, fiscalYearInstants(fiscalYearOf(now)));
    return c.json({ ...(await buildDashboard(deps.db, org, now)), outcomes });
  });
}
