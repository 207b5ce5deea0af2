import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listCategories, updateCategory } from '../../../db/admin-categories';
import { auditAdmin } from '../../../db/admin-staff';
import { bumpConfigVersion } from '../../../db/orgs';
import { categoryUpdateSchema } from '../../../shared/admin/schemas';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/** Case categories: owning division, time limit (1–365 working days), keywords, duplicate radius. */
export function categoryRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) =>
    c.json({ categories: await listCategories(deps.db, c.get('channel').org.id) }),
  );
  app.patch('/:code', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, categoryUpdateSchema);
    const r = await updateCategory(deps.db, org.id, c.req.param('code'), body);
    if (!r.ok) {
      const status = r.reason === 'no_category' ? 404 : 400;
      throw new HTTPException(status, {
        message: `${r.field}: ${r.reason === 'no_category' ? thAdmin.api.notFound : thAdmin.api.noDivision}`,
      });
    }
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.category.update',
      detail: { code: c.req.param('code'), before: r.before, after: body },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true });
  });
  return app;
}
