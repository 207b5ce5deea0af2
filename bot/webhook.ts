import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describeZodError, webhookBodySchema } from '../shared/line/webhook';
import type { AppDeps } from './deps';
import { errorForLog } from './logger';
import { InboxWriter, inboxJobKey, runInboxJob, type InboxJob } from './pipeline/inbox';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * POST /webhook/:org and POST /webhook (the default organisation).
 * Order matters: size → organisation → signature → shape → durable insert → 200.
 * Processing happens after the answer (docs/decisions/002-ack-after-durable-insert.md).
 */
export function webhookRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const inbox = new InboxWriter(deps.db);
  // A refusal may leave the body unread (413 before reading, 404 before the signature):
  // close the connection, so a keep-alive client never sends its next request into a
  // half-read socket and gets a reset (issue 17).
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status >= 400 && c.res.status < 500) c.res.headers.set('Connection', 'close');
  });

  /**
   * The database could not be reached: 503, so LINE sends the events again later (issue 17).
   * Logged without the failed statement's parameters, which carry residents' messages.
   */
  const unavailable = (e: unknown) => {
    deps.logger.warn('webhook events not stored; LINE will redeliver', { error: errorForLog(e) });
    return new HTTPException(503, { message: 'events could not be stored now; send them again' });
  };

  const handle =
    (slugOf: (param: string | undefined) => string) => async (c: import('hono').Context) => {
      const slug = slugOf(c.req.param('org'));
      const channel = await deps.orgs.bySlug(slug).catch((e) => {
        throw unavailable(e);
      });
      if (!channel) throw new HTTPException(404, { message: `unknown organisation "${slug}"` });
      if (channel.org.disabledAt)
        throw new HTTPException(404, { message: `organisation "${slug}" is disabled` });
      if (!channel.verifySignature) {
        throw new HTTPException(404, {
          message: `organisation "${slug}" has no LINE channel configured`,
        });
      }

      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (!(await channel.verifySignature(raw, c.req.header('x-line-signature')))) {
        throw new HTTPException(401, { message: 'missing or invalid X-Line-Signature' });
      }

      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        throw new HTTPException(400, { message: 'body is not JSON' });
      }
      const parsed = webhookBodySchema.safeParse(json);
      if (!parsed.success) {
        throw new HTTPException(400, {
          message: `not a LINE webhook payload: ${describeZodError(parsed.error)}`,
        });
      }

      const stored = await inbox
        .store(channel.org.id, parsed.data.events, deps.clock())
        .catch((e: unknown) => {
          throw unavailable(e);
        });
      // One job per sender: it handles that sender's stored events in order (bot/pipeline/inbox.ts),
      // in a worker thread (Node on PostgreSQL) or after the answer in this one.
      const orgId = channel.org.id;
      const senders = new Set<string>();
      for (const { id, sourceId } of stored) {
        if (sourceId !== null && senders.has(sourceId)) continue;
        if (sourceId !== null) senders.add(sourceId);
        const job: InboxJob = { orgId, sourceId, inboxId: id };
        if (deps.inboxWorkers) deps.inboxWorkers.run(job);
        else
          deps.defer.run(
            () => runInboxJob(deps, job, !deps.defer.serialByKey),
            inboxJobKey(job),
            c,
          );
      }
      return c.json({});
    };

  // The body's size was checked before any of this, by the app's limits (bot/http/body-limit.ts).
  app.post(
    '/',
    handle(() => deps.env.DEFAULT_ORG_SLUG),
  );
  app.post(
    '/:org',
    handle((p) => p ?? deps.env.DEFAULT_ORG_SLUG),
  );
  return app;
}
