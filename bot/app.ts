import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { adminRoutes } from './admin/routes';
import { securityHeaders } from './http/security-headers';
import { th } from '../shared/text/th';
import type { AppDeps } from './deps';
import { bodyLimits } from './http/body-limit';
import { corruptionRoutes } from './public/corruption';
import { trackRoutes } from './public/track';
import { reportFormRoutes } from './report-form/routes';
import { transparencyRoutes } from './public/transparency';
import { staffRoutes } from './staff/routes';
import { surveyPointRoutes } from './survey/points';
import { surveyRoutes } from './survey/routes';
import { surveyStaffRoutes } from './survey/staff';
import { webhookRoutes } from './webhook';
import { outcomesPublicRoutes, proofRoutes } from './outcomes/routes';
import { open311Routes } from './open311/routes';
import { isSimulatorMode } from './env';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'too_many_requests',
  500: 'internal',
};

/**
 * Wires every route. The entry files (Node, Workers) only parse env, build `deps` and call this.
 * Errors leave as `{ error: { code, message } }`, never with a stack trace.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json({ error: { code: CODES[status] ?? 'error', message: err.message } }, status);
    }
    // A malformed percent-escape anywhere in the URL is the client's mistake: 400, no stack.
    if (err instanceof URIError) {
      return c.json({ error: { code: 'bad_url', message: th.sec.badUrl } }, 400);
    }
    deps.logger.error('unhandled error', { path: c.req.path, error: String(err?.stack ?? err) });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.path}` } }, 404),
  );

  // Every response: nosniff, referrer policy, a CSP with frame-ancestors (decision 018).
  app.use('*', securityHeaders({ embedAncestors: deps.env.PUBLIC_EMBED_ANCESTORS }));
  // Before any route reads a body: the limit of its path (bot/http/body-limit.ts).
  app.use('*', bodyLimits());

  app.get('/healthz', async (c) => {
    try {
      await deps.db.execute(sql`select 1`);
      return c.json({ ok: true, db: deps.dbKind });
    } catch (e) {
      deps.logger.error('health check failed', { error: String(e) });
      return c.json({ ok: false, db: deps.dbKind }, 503);
    }
  });

  // Someone who opens the bare address: the LINE simulator in simulator mode, else the
  // default organisation's public page.
  app.get('/', (c) =>
    c.redirect(isSimulatorMode(deps.env) ? '/dev/line' : `/public/${deps.env.DEFAULT_ORG_SLUG}`),
  );
  app.route('/webhook', webhookRoutes(deps));
  app.route('/public/:org', corruptionRoutes(deps));
  app.route('/public/:org', trackRoutes(deps));
  app.route('/public/:org', transparencyRoutes(deps));
  app.route('/api/survey', surveyRoutes(deps));
  app.route('/api/survey', surveyStaffRoutes(deps));
  app.route('/public/:org/survey', surveyPointRoutes(deps));
  app.route('/api/staff', staffRoutes(deps));
  app.route('/proof', proofRoutes(deps));
  app.route('/public/:org', outcomesPublicRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  app.route('/api/report', reportFormRoutes(deps));
  app.route('/open311/v2', open311Routes(deps));
  deps.extraRoutes?.(app);
  return app;
}
