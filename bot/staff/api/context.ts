import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { caseInOrg } from '../../../db/cases';
import { actorByLineUser, type StaffActor } from '../../../db/staff';
import { can, isCaseStaff } from '../../../shared/staff/permissions';
import { th } from '../../../shared/text/th';
import type { AppDeps } from '../../deps';
import type { OrgChannel } from '../../orgs';

export const A = th.staff.api;

/** What the sign-in middleware puts on every staff request: the organisation and who asks. */
export type StaffEnv = { Variables: { channel: OrgChannel; actor: StaffActor } };
export type StaffApp = Hono<StaffEnv>;

/**
 * The only staff-API routes that run without a signed-in staff member, by method and full
 * path (the invite link checks the LINE ID token itself). Everything else under
 * `/api/staff/:org/` passes the staff middleware first.
 */
export const PUBLIC_STAFF_ROUTES: readonly { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/api\/staff\/[^/]+\/config$/ },
  { method: 'GET', path: /^\/api\/staff\/[^/]+\/dev\/staff$/ },
  { method: 'POST', path: /^\/api\/staff\/[^/]+\/link$/ },
];
export const isPublicStaffRoute = (method: string, path: string) =>
  PUBLIC_STAFF_ROUTES.some((r) => r.method === method && r.path.test(path));

/** The LIFF ID token of a request, verified with LINE for the organisation's channel. */
export function verifier(deps: AppDeps) {
  return (channel: OrgChannel, authorization: string | undefined) =>
    deps.services.idTokens.lineUser(channel, authorization, {
      unauthorized: A.unauthorized,
      unavailable: A.lineUnavailable,
    });
}

/**
 * The sign-in middleware of `/api/staff/:org/*` (every route but the public ones above): the
 * ID token verified and mapped to an active staff record of *this* organisation, which goes
 * on `c.var` with the organisation.
 */
export function staffAuth(app: StaffApp, deps: AppDeps): void {
  const verify = verifier(deps);
  app.use('/:org/*', async (c, next) => {
    if (isPublicStaffRoute(c.req.method, c.req.path)) return next();
    const channel = await deps.orgs.bySlug(c.req.param('org')!);
    if (!channel) throw new HTTPException(404, { message: A.notFound });
    const sub = await verify(channel, c.req.header('authorization'));
    const actor = await actorByLineUser(deps.db, channel.org.id, sub);
    if (!actor) throw new HTTPException(403, { message: A.notStaff });
    c.set('channel', channel);
    c.set('actor', actor);
    c.header('Cache-Control', 'no-store');
    await next();
  });
}

/** Anyone who works with cases (not admins, whose role is settings). */
export const caseStaff = (c: Context<StaffEnv>) => {
  const actor = c.get('actor');
  if (!isCaseStaff(actor)) throw new HTTPException(403, { message: A.forbidden });
  return actor;
};

/** The case if the actor may read it; 404 otherwise (no hint that it exists). */
export async function readable(deps: AppDeps, c: Context<StaffEnv>, id: string) {
  const actor = caseStaff(c);
  const org = c.get('channel').org;
  if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
  const row = await caseInOrg(deps.db, org.id, id);
  if (!row || !can(actor, 'read', row)) throw new HTTPException(404, { message: A.notFound });
  return { actor, org, row };
}
