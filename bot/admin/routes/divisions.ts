import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createDivision, listDivisions, renameDivision } from '../../../db/admin-divisions';
import { auditAdmin } from '../../../db/admin-staff';
import { bumpConfigVersion } from '../../../db/orgs';
import { divisionCreateSchema, divisionRenameSchema } from '../../../shared/admin/schemas';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/** Divisions (กอง / สำนัก): list, add, rename. A code, once given, stays (cases refer to it). */
export function divisionRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) =>
    c.json({ divisions: await listDivisions(deps.db, c.get('channel').org.id) }),
  );
  app.post('/', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, divisionCreateSchema);
    if (!(await createDivision(deps.db, org.id, body.code, body.name)))
      throw new HTTPException(409, { message: `code: ${thAdmin.api.codeTaken}` });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.division.create',
      detail: body,
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true }, 201);
  });
  app.patch('/:code', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, divisionRenameSchema);
    const code = c.req.param('code');
    const before = await renameDivision(deps.db, org.id, code, body.name);
    if (before === null) throw new HTTPException(404, { message: thAdmin.api.notFound });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.division.rename',
      detail: { code, before, after: body.name },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true });
  });
  return app;
}
