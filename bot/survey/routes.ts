import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { currentSurvey } from '../../db/survey-seed';
import { servicePointByCode, surveyRoundByLabel, surveyServices } from '../../db/surveys';
import { surveySubmissionSchema } from '../../shared/survey/definition';
import { roundOf } from '../../shared/survey/rounds';
import { survey as words } from '../../shared/text/th-survey';
import type { StaffActor } from '../../db/staff';
import type { Db } from '../../db/types';
import type { AppDeps } from '../deps';
import { liffClientId } from '../line/id-token';
import type { OrgChannel } from '../orgs';
import { submissionResponse, submitResponse } from './submit';
import { allowTry } from '../cases/track';
import { clientKey } from '../public/web';

/**
 * The LINE Login channel an ID token must be issued to: the number before the dash of LIFF_ID.
 * Without LIFF_ID the page runs with the LIFF mock, whose tokens the simulator's fake LINE signs
 * for the channel "simulator"; those verify only where LINE calls go to that fake.
 */

/**
 * `/api/survey/:org`: the survey definition for the LIFF page (GET) and its responses (POST,
 * `Authorization: Bearer <LIFF ID token>`). The person is taken from the verified token only.
 */
/** The words for a refused or unverifiable LIFF ID token. */
export const tokenWords = {
  unauthorized: words.errors.badToken,
  unavailable: words.errors.lineUnavailable,
};

/**
 * Survey submissions an hour (issue 12): a person may answer for several services and retry, a
 * counter's shared network serves many people; beyond these, 429 with a Thai reason.
 */
export const SURVEY_TRIES_PER_USER_HOUR = 10;
export const SURVEY_TRIES_PER_ADDRESS_HOUR = 120;

/** What the survey middleware puts on a request: the database and the organisation's channel. */
export type SurveyEnv = { Variables: { db: Db; channel: OrgChannel } };
/** The staff side of the survey (bot/survey/staff.ts): also who asks. */
export type SurveyStaffEnv = { Variables: SurveyEnv['Variables'] & { actor: StaffActor } };

/** The middleware of a survey route: the organisation of `:org` and the database on `c.var`, or 404. */
export const surveyOrg = (deps: AppDeps) =>
  createMiddleware<SurveyEnv>(async (c, next) => {
    const channel = await deps.orgs.bySlug(c.req.param('org') ?? '');
    if (!channel) throw new HTTPException(404, { message: 'unknown organisation' });
    c.set('db', deps.db);
    c.set('channel', channel);
    await next();
  });

export function surveyRoutes(deps: AppDeps): Hono<SurveyEnv> {
  const app = new Hono<SurveyEnv>();
  const ids = deps.services.idTokens;
  const withOrg = surveyOrg(deps);

  // The definition is most of what the page downloads: gzip it for slow connections.
  app.get('/:org', compress(), withOrg, async (c) => {
    const { db, channel } = c.var;
    const { org } = channel;
    const row = await currentSurvey(db, org.id);
    if (!row) throw new HTTPException(404, { message: words.errors.noSurvey });
    const list = await surveyServices(db, org.id);
    const pointCode = c.req.query('point');
    let point = null;
    if (pointCode) {
      const p = await servicePointByCode(db, org.id, pointCode);
      if (!p) throw new HTTPException(404, { message: words.errors.unknownPoint });
      point = {
        code: p.code,
        name: p.name,
        service: list.find((s) => s.id === p.serviceId)?.code ?? null,
      };
    }
    const label = roundOf(deps.clock()).label;
    const round = await surveyRoundByLabel(db, org.id, label);
    c.header('Cache-Control', 'no-store');
    return c.json({
      org: { slug: org.slug, name: org.name },
      survey: { id: row.id, version: row.version, definition: row.definition },
      services: list.map(({ code, name }) => ({ code, name })),
      point,
      round: { label, open: !round?.closedAt },
      liff: { id: deps.env.LIFF_ID ?? null, clientId: liffClientId(deps.env) },
    });
  });

  app.post('/:org/responses', withOrg, async (c) => {
    const { db, channel } = c.var;
    const sub = await ids.lineUser(channel, c.req.header('authorization'), tokenWords);
    if (!sub) throw new HTTPException(401, { message: words.errors.badToken });
    // Per verified person and per network address, before anything is read or stored.
    const now = deps.clock();
    const secrets = deps.orgs.secrets;
    const orgId = channel.org.id;
    const perUser = `survey:user:${orgId}:${await secrets.hash('survey-rate', orgId, sub)}`;
    const perAddress = await clientKey(c, deps, secrets, orgId, 'survey');
    if (
      !(await allowTry(db, now, perUser, SURVEY_TRIES_PER_USER_HOUR)) ||
      !(await allowTry(db, now, perAddress, SURVEY_TRIES_PER_ADDRESS_HOUR))
    ) {
      c.header('Retry-After', '3600');
      return c.json({ error: { code: 'rate_limited', message: words.errors.tooMany } }, 429);
    }

    const parsed = surveySubmissionSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw new HTTPException(400, { message: words.errors.invalidAnswers });
    const result = await submitResponse(db, (...p) => deps.orgs.secrets.hash(...p), {
      orgId: channel.org.id,
      lineUserId: sub,
      body: parsed.data,
      now,
    });
    return submissionResponse(c, result);
  });
  return app;
}
