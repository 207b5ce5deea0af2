import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  addHolidayMovingDeadlines,
  removeHolidayMovingDeadlines,
} from '../../../db/admin-holidays';
import { auditAdmin } from '../../../db/admin-staff';
import { listOrgHolidays } from '../../../db/holidays';
import { bumpConfigVersion } from '../../../db/orgs';
import { holidaySchema } from '../../../shared/admin/schemas';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/**
 * The organisation's own days off; adding or removing one moves the running deadlines it
 * affects, each in its case's timeline (db/admin-holidays.ts).
 */
export function holidayRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) =>
    c.json({ holidays: await listOrgHolidays(deps.db, c.get('channel').org.id) }),
  );
  app.post('/', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, holidaySchema);
    const r = await addHolidayMovingDeadlines(deps.db, org.id, body.day, body.name, deps.clock());
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.holiday.add',
      detail: { day: body.day, name: body.name, moved: r.moved.length },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true, moved: r.moved.length }, 201);
  });
  app.delete('/:day', async (c) => {
    const org = c.get('channel').org;
    const day = c.req.param('day');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
      throw new HTTPException(404, { message: thAdmin.api.holidayNotFound });
    const r = await removeHolidayMovingDeadlines(deps.db, org.id, day, deps.clock());
    if (!r) throw new HTTPException(404, { message: thAdmin.api.holidayNotFound });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.holiday.remove',
      detail: { day, name: r.name, moved: r.moved.length },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true, moved: r.moved.length });
  });
  return app;
}
