import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { exportOrg, importOrg } from '../../../db/admin-org-export';
import { auditAdmin } from '../../../db/admin-staff';
import { bumpConfigVersion } from '../../../db/orgs';
import { orgExportSchema } from '../../../shared/admin/schemas';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/**
 * The whole organisation as one JSON file (db/admin-org-export.ts): `GET` downloads it;
 * `POST` checks a file and answers what it holds, and with `?apply=1` imports it in one
 * transaction (a move from another deployment, or a restore).
 */
export function orgFileRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    const org = c.get('channel').org;
    const data = await exportOrg(deps.db, org.id);
    if (!data) throw new HTTPException(404, { message: thAdmin.api.notFound });
    c.header('Content-Disposition', `attachment; filename="${org.slug}-organisation.json"`);
    return c.json(data);
  });
  app.post('/', async (c) => {
    const org = c.get('channel').org;
    const data = await parseBody(c, orgExportSchema);
    const counts = {
      divisions: data.divisions.length,
      categories: data.categories.length,
      services: data.services.length,
      faq: data.faq.length,
      holidays: data.holidays.length,
      surveys: data.surveys.length,
      rounds: data.rounds.length,
    };
    if (c.req.query('apply') !== '1') return c.json({ applied: false, counts });
    const r = await importOrg(deps.db, org.id, data, deps.clock());
    if (!r.ok) throw new HTTPException(400, { message: `${r.field}: ${thAdmin.api.noDivision}` });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.import.organisation',
      detail: counts,
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    deps.services.faq.invalidate(org.id);
    deps.orgs.invalidate();
    return c.json({ applied: true, counts });
  });
  return app;
}
