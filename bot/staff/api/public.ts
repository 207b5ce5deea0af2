import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { divisionsOfOrg } from '../../../db/admin-divisions';
import { activeStaff, actorById, setStaffLineUser } from '../../../db/staff';
import { th } from '../../../shared/text/th';
import type { AppDeps } from '../../deps';
import { isSimulatorMode } from '../../env';
import { liffClientId } from '../../line/id-token';
import { parseInviteCode, redeemInviteLimited } from '../invite';
import { A, verifier, type StaffApp } from './context';

/** The staff API's public routes (PUBLIC_STAFF_ROUTES): the console's settings, the simulator's staff picker, and redeeming an invite link. */
export function registerPublicRoutes(app: StaffApp, deps: AppDeps): void {
  const verify = verifier(deps);
  /** The console's start: LIFF settings (public: nothing in it is secret). */
  app.get('/:org/config', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    if (!channel) throw new HTTPException(404, { message: A.notFound });
    return c.json({
      org: { slug: channel.org.slug, name: channel.org.name },
      liff: { id: deps.env.LIFF_ID ?? null, clientId: liffClientId(deps.env) },
      simulator: isSimulatorMode(deps.env),
    });
  });

  /**
   * Simulator mode only: the staff picker. Lists the organisation's staff, giving each a
   * simulator LINE id (derived from the staff id) if they have none, so the LIFF mock can
   * sign in as them. Absent (404) with a real LINE channel.
   */
  app.get('/:org/dev/staff', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    if (!isSimulatorMode(deps.env) || !channel)
      throw new HTTPException(404, { message: A.notFound });
    const rows = await activeStaff(deps.db, channel.org.id, { byName: true });
    const divisionNames = new Map(
      (await divisionsOfOrg(deps.db, channel.org.id)).map((d) => [d.id, d.name]),
    );
    const out = [];
    for (const s of rows) {
      let lineUserId = s.lineUserId;
      if (!lineUserId) {
        lineUserId = `U${s.id.replace(/-/g, '')}`;
        await setStaffLineUser(deps.db, s.id, lineUserId);
      }
      const a = await actorById(deps.db, s.id);
      out.push({
        name: s.name,
        position: s.position,
        lineUserId,
        roles: (a?.roles ?? []).map((r) => r.role),
        divisions: [
          ...new Set(
            [s.divisionId, ...(a?.roles ?? []).map((r) => r.divisionId)]
              .map((d) => (d ? divisionNames.get(d) : undefined))
              .filter((n): n is string => !!n),
          ),
        ],
      });
    }
    return c.json({ staff: out });
  });

  /**
   * The other way to use an invite: the LIFF link the CLI prints (`…console.html?invite=…`).
   * The LINE account comes from the verified ID token only, never from the body.
   */
  app.post('/:org/link', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    if (!channel) throw new HTTPException(404, { message: A.notFound });
    const sub = await verify(channel, c.req.header('authorization'));
    const body = z
      .object({ code: z.string().max(40) })
      .safeParse(await c.req.json().catch(() => null));
    const code = body.success ? parseInviteCode(body.data.code) : null;
    if (!code) throw new HTTPException(400, { message: th.staff.invite.invalid });
    const linked = await deps.db.transaction((tx) =>
      redeemInviteLimited(tx, deps.orgs.secrets, {
        orgId: channel.org.id,
        code,
        lineUserId: sub,
        displayName: null,
        now: deps.clock(),
      }),
    );
    if (linked === 'too_many') throw new HTTPException(429, { message: th.sec.inviteLocked });
    if (!linked) throw new HTTPException(400, { message: th.staff.invite.invalid });
    return c.json({
      message: th.staff.invite.linked(linked.name, th.staff.roles[linked.role], channel.org.name),
    });
  });
}
