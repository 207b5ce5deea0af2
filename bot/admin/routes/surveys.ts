import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { auditAdmin } from '../../../db/admin-staff';
import {
  createRound,
  createSurveyDraft,
  listRounds,
  listSurveyVersions,
  publishSurveyDraft,
  surveyVersion,
  updateSurveyDraft,
} from '../../../db/admin-surveys';
import { bumpConfigVersion } from '../../../db/orgs';
import { currentSurvey, openCurrentRound } from '../../../db/survey-seed';
import { checkSurveyJson } from '../../../shared/admin/survey-definition';
import { nextRound, roundOf } from '../../../shared/survey/rounds';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import type { AdminContext, AdminEnv } from './context';

const T = thAdmin.surveys;

/** The definition in the body (`{definition}`) checked, or 400 naming the first problem's path, in Thai. */
async function definitionOf(c: AdminContext, body?: { definition?: unknown } | null) {
  body ??= (await c.req.json().catch(() => null)) as { definition?: unknown } | null;
  const r = checkSurveyJson(body?.definition);
  if (r.ok) return r.definition;
  // The first problem names its path; POST /check lists them all.
  const first = r.issues[0]!;
  throw new HTTPException(400, { message: `${first.path}: ${first.message}` });
}

/** The round an admin may create now: the current one if missing, else the next if missing. */
function creatable(now: Date, labels: Set<string>) {
  const cur = roundOf(now);
  const next = nextRound(cur);
  if (!labels.has(cur.label)) return { round: cur, current: true, next };
  if (!labels.has(next.label)) return { round: next, current: false, next };
  return { round: null, current: false, next };
}

/**
 * Survey versions (draft → publish; a published version never changes, migration 0006) and
 * rounds, for the admin console. Publishing and validation are the same as `survey publish`
 * (the shared schema and checkDefinition); a new round is the current one or the next one only.
 */
export function surveyAdminRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const audit = async (c: AdminContext, action: string, detail: Record<string, unknown>) => {
    const org = c.get('channel').org;
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action,
      detail,
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
  };

  app.get('/', async (c) => {
    const orgId = c.get('channel').org.id;
    const rounds = await listRounds(deps.db, orgId);
    const can = creatable(deps.clock(), new Set(rounds.map((r) => r.label)));
    return c.json({
      versions: await listSurveyVersions(deps.db, orgId),
      rounds,
      nextRound: can.round?.label ?? null,
    });
  });

  app.get('/versions/:id', async (c) => {
    const row = await surveyVersion(deps.db, c.get('channel').org.id, c.req.param('id'));
    if (!row) throw new HTTPException(404, { message: T.notFound });
    return c.json({ survey: { ...row, published: row.publishedAt !== null } });
  });

  /** `{from: 'current'}` copies the newest published version; `{definition}` uses that JSON. */
  app.post('/versions', async (c) => {
    const orgId = c.get('channel').org.id;
    const body = (await c.req.json().catch(() => null)) as {
      from?: unknown;
      definition?: unknown;
    } | null;
    let def;
    if (body?.from === 'current') {
      const cur = await currentSurvey(deps.db, orgId);
      if (!cur) throw new HTTPException(404, { message: T.noCurrent });
      def = cur.definition;
    } else def = await definitionOf(c, body ?? {});
    const row = await createSurveyDraft(deps.db, orgId, def);
    await audit(c, 'admin.survey.draft', { code: row.code, version: row.version });
    return c.json({ survey: row }, 201);
  });

  /** Checks a definition without saving it (the console's "ตรวจสอบ"). */
  app.post('/check', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { definition?: unknown } | null;
    const r = checkSurveyJson(body?.definition);
    return c.json({ ok: r.ok, issues: r.ok ? [] : r.issues });
  });

  app.put('/versions/:id', async (c) => {
    const orgId = c.get('channel').org.id;
    const id = c.req.param('id');
    const existing = await surveyVersion(deps.db, orgId, id);
    if (!existing) throw new HTTPException(404, { message: T.notFound });
    if (existing.publishedAt)
      throw new HTTPException(409, { message: T.publishedImmutable(existing.version) });
    const r = await updateSurveyDraft(deps.db, orgId, id, await definitionOf(c));
    if (!r) throw new HTTPException(404, { message: T.notFound });
    if (r === 'published')
      throw new HTTPException(409, { message: T.publishedImmutable(existing.version) });
    await audit(c, 'admin.survey.edit', r);
    return c.json({ ok: true, survey: r });
  });

  app.post('/versions/:id/publish', async (c) => {
    const orgId = c.get('channel').org.id;
    const id = c.req.param('id');
    const existing = await surveyVersion(deps.db, orgId, id);
    if (!existing) throw new HTTPException(404, { message: T.notFound });
    // A draft saved before a rule changed is checked again before it becomes permanent.
    const check = checkSurveyJson(existing.definition);
    if (!check.ok)
      throw new HTTPException(400, {
        message: `${check.issues[0]!.path}: ${check.issues[0]!.message}`,
      });
    const r = await publishSurveyDraft(deps.db, orgId, id, deps.clock());
    if (!r) throw new HTTPException(404, { message: T.notFound });
    if (r === 'published')
      throw new HTTPException(409, { message: T.alreadyPublished(existing.version) });
    await audit(c, 'admin.survey.publish', r);
    return c.json({ ok: true, survey: r });
  });

  /** Creates the current round if missing (opened, as on setup), else the next one (not yet open). */
  app.post('/rounds', async (c) => {
    const orgId = c.get('channel').org.id;
    const body = (await c.req.json().catch(() => ({}))) as { label?: unknown } | null;
    const now = deps.clock();
    const labels = new Set((await listRounds(deps.db, orgId)).map((r) => r.label));
    const want = typeof body?.label === 'string' ? body.label.trim() : null;
    const can = creatable(now, labels);
    if (want && labels.has(want)) throw new HTTPException(409, { message: T.roundExists(want) });
    if (!can.round) throw new HTTPException(409, { message: T.nothingToCreate(can.next.label) });
    if (want && want !== can.round.label)
      throw new HTTPException(400, { message: T.roundTooFar(can.next.label) });
    const round = can.round;
    if (can.current) await openCurrentRound(deps.db, orgId, now);
    else if (!(await createRound(deps.db, orgId, round, null)))
      throw new HTTPException(409, { message: T.roundExists(round.label) });
    await audit(c, 'admin.survey.round', { label: round.label });
    return c.json(
      { round: { label: round.label, startsOn: round.startsOn, endsOn: round.endsOn } },
      201,
    );
  });
  return app;
}
