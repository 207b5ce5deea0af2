import { Hono } from 'hono';
import { registerAgencyRoutes } from '../agencies/routes';
import type { AppDeps } from '../deps';
import { registerActionRoutes } from './api/actions';
import { registerCaseRoutes } from './api/case';
import { staffAuth, type StaffEnv } from './api/context';
import { registerMeRoutes } from './api/me';
import { registerPublicRoutes } from './api/public';
import { registerQueueRoutes } from './api/queue';
import { registerNoteRoutes } from './notes';
import { registerUndeliveredRoutes } from './undelivered';

export { isPublicStaffRoute, PUBLIC_STAFF_ROUTES } from './api/context';

/**
 * `/api/staff/:org/*`: the staff console's JSON. Every request carries the LIFF ID token
 * (`Authorization: Bearer`), verified with LINE through the organisation's LINE client
 * (cached until it expires, at most five minutes) and mapped to an active staff record of
 * *this* organisation; every route then checks the role against the case. One file per
 * route family under bot/staff/api/; the public routes come before the sign-in middleware.
 */
export function staffRoutes(deps: AppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  registerPublicRoutes(app, deps);
  staffAuth(app, deps);
  registerMeRoutes(app, deps);
  registerQueueRoutes(app, deps);
  registerCaseRoutes(app, deps);
  registerActionRoutes(app, deps);
  registerNoteRoutes(app, deps);
  registerAgencyRoutes(app, deps);
  registerUndeliveredRoutes(app, deps);
  return app;
}
