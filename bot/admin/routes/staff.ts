import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bumpConfigVersion } from '../../../db/orgs';
import { auditAdmin, listStaff, setStaffActive, updateStaff } from '../../../db/admin-staff';
import { staffInviteSchema, staffUpdateSchema } from '../../../shared/admin/schemas';
import { formatThaiDateTime } from '../../../shared/dates';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { qrSvg } from '../../survey/qr';
import { createInvite, InviteError } from '../../staff/invite';
import { parseBody, type AdminEnv } from './context';

/** Staff: list, invite (code + QR), deactivate / reactivate (the record and its history stay). */
export function staffAdminRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => c.json({ staff: await listStaff(deps.db, c.get('channel').org.id) }));

  app.post('/invites', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, staffInviteSchema);
    try {
      const inv = await createInvite(deps.db, deps.orgs.secrets, {
        orgSlug: org.slug,
        role: body.role,
        divisionCode: body.divisionCode,
        name: body.name,
        ttlDays: body.days,
        now: deps.clock(),
      });
      const link = `${deps.services.links.console()}?org=${encodeURIComponent(org.slug)}&invite=${inv.code}`;
      await auditAdmin(deps.db, {
        orgId: org.id,
        staffId: c.get('actor').staffId,
        action: 'admin.staff.invite',
        detail: { role: body.role, division: body.divisionCode ?? null, name: body.name ?? '' },
        at: deps.clock(),
      });
      return c.json(
        {
          code: inv.code,
          expiresAt: inv.expiresAt.toISOString(),
          expiresText: formatThaiDateTime(inv.expiresAt),
          link,
          qrSvg: qrSvg(link, inv.code),
        },
        201,
      );
    } catch (e) {
      if (e instanceof InviteError)
        throw new HTTPException(400, { message: `divisionCode: ${e.message}` });
      throw e;
    }
  });

  const setActive = (active: boolean) => async (c: import('./context').AdminContext) => {
    const org = c.get('channel').org;
    const id = c.req.param('id')!;
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new HTTPException(404, { message: thAdmin.api.notFound });
    if (!active && id === c.get('actor').staffId)
      throw new HTTPException(400, { message: thAdmin.api.notYourself });
    const row = await setStaffActive(deps.db, org.id, id, active);
    if (!row) throw new HTTPException(404, { message: thAdmin.api.notFound });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: active ? 'admin.staff.activate' : 'admin.staff.deactivate',
      detail: { staffId: id, name: row.name },
      at: deps.clock(),
    });
    return c.json({ ok: true });
  };
  /** Division, position and roles, replaced as a whole. */
  app.patch('/:id', async (c) => {
    const org = c.get('channel').org;
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new HTTPException(404, { message: thAdmin.api.notFound });
    const body = await parseBody(c, staffUpdateSchema);
    if (id === c.get('actor').staffId && !body.roles.includes('admin'))
      throw new HTTPException(400, { message: `roles: ${thAdmin.api.keepOwnAdmin}` });
    const r = await updateStaff(deps.db, org.id, id, body);
    if (!r.ok) {
      if (r.reason === 'no_staff') throw new HTTPException(404, { message: thAdmin.api.notFound });
      throw new HTTPException(400, {
        message: `divisionCode: ${r.reason === 'no_division' ? thAdmin.api.noDivision : thAdmin.api.divisionRequired}`,
      });
    }
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.staff.update',
      detail: { staffId: id, before: r.before, after: body },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    return c.json({ ok: true });
  });
  app.post('/:id/deactivate', setActive(false));
  app.post('/:id/activate', setActive(true));
  return app;
}
