import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { IdTokenVerifier } from '../../line/id-token';
import { actorByLineUser } from '../../../db/staff';
import { categoryRoutes } from './categories';
import type { AdminEnv } from './context';
import { csvRoutes } from './csv';
import { divisionRoutes } from './divisions';
import { faqRoutes } from './faq';
import { holidayRoutes } from './holidays';
import { orgFileRoutes } from './org-file';
import { profileRoutes } from './profile';
import { serviceRoutes } from './services';
import { staffAdminRoutes } from './staff';
import { surveyAdminRoutes } from './surveys';
import { templateRoutes } from './templates';

/**
 * `/api/admin/:org/*`: the admin console's JSON (issue 14). Same sign-in as the staff console
 * (LIFF ID token of an active staff member of *this* organisation), and then the `admin` role:
 * officers, division heads and executives get 403, another organisation's admin 403.
 * Every change is validated with shared/admin schemas and written to the audit log.
 */
export function adminRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const ids = new IdTokenVerifier(deps);
  app.use('/:org/*', async (c, next) => {
    const channel = await deps.orgs.bySlug(c.req.param('org')!);
    if (!channel) throw new HTTPException(404, { message: thAdmin.api.notFound });
    const sub = await ids.lineUser(channel, c.req.header('authorization'), {
      unauthorized: thAdmin.api.unauthorized,
      unavailable: thAdmin.api.unavailable,
    });
    const actor = await actorByLineUser(deps.db, channel.org.id, sub);
    if (!actor || !actor.roles.some((r) => r.role === 'admin'))
      throw new HTTPException(403, { message: thAdmin.api.adminOnly });
    c.set('channel', channel);
    c.set('actor', actor);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.route('/:org/faq', faqRoutes(deps));
  app.route('/:org/categories', categoryRoutes(deps));
  app.route('/:org/staff', staffAdminRoutes(deps));
  app.route('/:org/holidays', holidayRoutes(deps));
  app.route('/:org/profile', profileRoutes(deps));
  app.route('/:org/divisions', divisionRoutes(deps));
  app.route('/:org/services', serviceRoutes(deps));
  app.route('/:org/csv', csvRoutes(deps));
  app.route('/:org/org-file', orgFileRoutes(deps));
  app.route('/:org/surveys', surveyAdminRoutes(deps));
  app.route('/:org/templates', templateRoutes(deps));
  return app;
}
