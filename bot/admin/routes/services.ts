import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listServices, saveService } from '../../../db/admin-services';
import { auditAdmin } from '../../../db/admin-staff';
import { bumpConfigVersion } from '../../../db/orgs';
import { serviceSchema } from '../../../shared/admin/schemas';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/** Services with their standards: the public service manual (/public/:org/services). */
export function serviceRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) =>
    c.json({ services: await listServices(deps.db, c.get('channel').org.id) }),
  );
  app.put('/:code', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, serviceSchema);
    if (body.code !== c.req.param('code'))
      throw new HTTPException(400, { message: `code: ${thAdmin.api.idMismatch}` });
    const r = await saveService(deps.db, org.id, body);
    if (!r.ok) throw new HTTPException(400, { message: `divisionCode: ${thAdmin.api.noDivision}` });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: r.before ? 'admin.service.update' : 'admin.service.create',
      detail: { code: body.code, before: r.before, after: body },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true, created: !r.before }, r.before ? 200 : 201);
  });
  return app;
}
