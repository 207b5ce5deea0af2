import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod/mini';
import { changeRound, roundsWithCounts } from '../../db/surveys';
import { roundByLabel } from '../../shared/survey/rounds';
import { survey as words } from '../../shared/text/th-survey';
import type { AppDeps } from '../deps';
import { actorByLineUser } from '../../db/staff';
import { tokenWords, type SurveyStaffEnv } from './routes';
import { paperRoutes } from './paper';

/** Who may open and close rounds and set their target sample. */
const ADMIN_ROLES = new Set(['admin', 'clerk_office', 'executive']);

const roundChange = z.object({
  action: z.optional(z.enum(['open', 'close'])),
  targetSample: z.optional(z.nullable(z.number().check(z.int(), z.gte(1), z.lte(100_000)))),
});

/**
 * `/api/survey/:org/staff/*`, for the staff console (LIFF ID token of an active staff member):
 * paper forms typed in, in batches a second person confirms (bot/survey/paper.ts), and the rounds with
 * their progress toward the target sample, opened and closed by the clerk's office or an admin.
 */
export function surveyStaffRoutes(deps: AppDeps): Hono<SurveyStaffEnv> {
  const app = new Hono<SurveyStaffEnv>();
  const ids = deps.services.idTokens;
  app.use('/:org/staff/*', async (c, next) => {
    const channel = await deps.orgs.bySlug(c.req.param('org')!);
    if (!channel) throw new HTTPException(404, { message: 'unknown organisation' });
    const sub = await ids.lineUser(channel, c.req.header('authorization'), tokenWords);
    const actor = await actorByLineUser(deps.db, channel.org.id, sub);
    if (!actor) throw new HTTPException(403, { message: words.errors.notStaff });
    c.set('db', deps.db);
    c.set('channel', channel);
    c.set('actor', actor);
    c.header('Cache-Control', 'no-store');
    await next();
  });

  paperRoutes(app, deps);

  app.get('/:org/staff/rounds', async (c) => {
    const orgId = c.get('channel').org.id;
    const rows = await roundsWithCounts(c.var.db, orgId);
    return c.json({
      rounds: rows.map((r) => ({
        ...r,
        open: Boolean(r.openedAt) && !r.closedAt,
        progress: r.targetSample ? Math.min(1, r.responses / r.targetSample) : null,
      })),
    });
  });

  app.post('/:org/staff/rounds/:label', async (c) => {
    requireAdmin(c);
    const round = roundByLabel(c.req.param('label'));
    if (!round) throw new HTTPException(404, { message: words.errors.unknownRound });
    const parsed = roundChange.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw new HTTPException(400, { message: words.errors.invalidAnswers });
    const orgId = c.get('channel').org.id;
    const now = deps.clock();
    const row = await changeRound(c.var.db, orgId, round, parsed.data, now);
    return c.json({ round: { ...row, open: Boolean(row.openedAt) && !row.closedAt } });
  });

  function requireAdmin(c: Context<SurveyStaffEnv>) {
    if (!c.get('actor').roles.some((r) => ADMIN_ROLES.has(r.role)))
      throw new HTTPException(403, { message: words.errors.forbidden });
  }
  return app;
}
