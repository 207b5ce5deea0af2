import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getProfile, saveProfile } from '../../../db/admin-profile';
import { auditAdmin } from '../../../db/admin-staff';
import { bumpConfigVersion } from '../../../db/orgs';
import { orgProfileSchema } from '../../../shared/admin/schemas';
import { LOGO_MAX_DATA_URL } from '../../../shared/org-settings';
import { thAdmin } from '../../../shared/text/th-admin';
import { conv } from '../../../shared/text/th-conversation';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/** The audit log keeps what changed, not the logo's bytes: its size stands for it. */
const forAudit = ({
  logoDataUrl,
  ...p
}: Record<string, unknown> & { logoDataUrl?: string | null }) => ({
  ...p,
  logoChars: logoDataUrl?.length ?? 0,
});

/** The profile and what a resident who taps "ติดต่อ" in the LINE chat is answered with it. */
async function withPreview(deps: AppDeps, orgId: string) {
  const profile = await getProfile(deps.db, orgId);
  if (!profile) throw new HTTPException(404, { message: thAdmin.api.notFound });
  return {
    profile,
    preview: { lineContact: conv.contact({ name: profile.name, ...profile.contact }) },
    limits: { logoMaxChars: LOGO_MAX_DATA_URL },
  };
}

/** The organisation's profile: names, contact channels, website, logo, the report's signatories. */
export function profileRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    return c.json(await withPreview(deps, c.get('channel').org.id));
  });
  app.put('/', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, orgProfileSchema);
    const before = await saveProfile(deps.db, org.id, body);
    if (!before) throw new HTTPException(404, { message: thAdmin.api.notFound });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.profile.update',
      detail: {
        before: forAudit(before),
        after: forAudit({
          ...body,
          logoDataUrl: body.logoDataUrl === undefined ? before.logoDataUrl : body.logoDataUrl,
        }),
      },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    deps.orgs.invalidate();
    return c.json(await withPreview(deps, org.id));
  });
  return app;
}
