/**
 * Open311 GeoReport v2, read only (decision 042): /open311/v2/:org/services.json,
 * /open311/v2/:org/requests.json and /open311/v2/:org/requests/:id.json. JSON only; errors
 * in GeoReport's format `[{ code, description }]`. Nothing can be filed through it.
 */
import { Hono, type Context } from 'hono';
import { open311Requests, open311Services } from '../../db/open311';
import {
  georeportError,
  parseRequestFilter,
  toRequest,
  toService,
} from '../../shared/open311/georeport';
import type { AppDeps } from '../deps';
import type { OrgRow } from '../orgs';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Status = 400 | 404 | 405;

function fail(c: Context, code: Status, description: string) {
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(georeportError(code, description), code);
}

function ok(c: Context, body: unknown) {
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(body);
}

/** `services.json` → 'services'; `.xml` (or any other format) is refused with a reason. */
function resourceOf(file: string): { name: string; format: string } | null {
  const m = /^(.+)\.([A-Za-z0-9]+)$/.exec(file);
  return m ? { name: m[1]!, format: m[2]!.toLowerCase() } : null;
}

const JSON_ONLY = 'this server answers JSON only: use the .json format';
const READ_ONLY =
  'this Open311 endpoint is read-only: requests are filed through the organisation’s LINE account or its web forms';

export function open311Routes(deps: AppDeps): Hono {
  const app = new Hono();

  const orgOf = async (c: Context): Promise<OrgRow | null> => {
    const slug = c.req.param('org') ?? '';
    if (!SLUG.test(slug)) return null;
    const org = (await deps.orgs.bySlug(slug))?.org ?? null;
    return org && !org.disabledAt ? org : null;
  };

  /** Resolves the organisation and checks the format; answers the error itself when either fails. */
  const prelude = async (c: Context, format: string) => {
    const org = await orgOf(c);
    if (!org) return { res: fail(c, 404, 'unknown organisation (jurisdiction)') };
    if (format !== 'json') return { res: fail(c, 400, JSON_ONLY) };
    return { org };
  };

  app.get('/:org/:file', async (c) => {
    const r = resourceOf(c.req.param('file'));
    if (!r || (r.name !== 'services' && r.name !== 'requests')) {
      return fail(c, 404, 'no such resource: use services.json or requests.json');
    }
    const p = await prelude(c, r.format);
    if (!p.org) return p.res;
    if (r.name === 'services') {
      const rows = await open311Services(deps.db, p.org.id);
      return ok(c, rows.map(toService));
    }
    const parsed = parseRequestFilter(c.req.query(), deps.clock());
    if (!parsed.ok) return fail(c, 400, parsed.reason);
    const rows = await open311Requests(deps.db, p.org.id, parsed.filter);
    return ok(c, rows.map(toRequest));
  });

  app.get('/:org/requests/:file', async (c) => {
    const r = resourceOf(c.req.param('file'));
    if (!r) return fail(c, 404, 'use requests/<service_request_id>.json');
    const p = await prelude(c, r.format);
    if (!p.org) return p.res;
    if (!ID.test(r.name)) return fail(c, 404, 'no such service request');
    const now = deps.clock();
    const rows = await open311Requests(deps.db, p.org.id, {
      ids: [r.name.toUpperCase()],
      serviceCodes: null,
      statuses: null,
      from: now,
      to: now,
      limit: 1,
    });
    if (!rows.length) return fail(c, 404, 'no such service request');
    // GeoReport answers a single request as an array of one.
    return ok(c, rows.map(toRequest));
  });

  // Service definitions: every service has metadata false, so there is none to describe.
  app.get('/:org/services/:file', async (c) => {
    const r = resourceOf(c.req.param('file'));
    const p = await prelude(c, r?.format ?? 'json');
    if (!p.org) return p.res;
    return fail(c, 404, 'no service definition: every service has metadata false');
  });

  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c) => {
    c.header('Allow', 'GET, HEAD');
    return fail(c, 405, READ_ONLY);
  });
  app.all('*', (c) => fail(c, 404, 'no such resource: use services.json or requests.json'));
  return app;
}
