import { Hono } from 'hono';
import { addHolidayMovingDeadlines } from '../../../db/admin-holidays';
import { auditAdmin } from '../../../db/admin-staff';
import { holidaySchema } from '../../../shared/admin/schemas';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/** The organisation's own days off; adding one moves running deadlines (db/admin-holidays.ts). */
export function holidayRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
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
    return c.json({ ok: true, moved: r.moved.length }, 201);
  });
  return app;
}
