import { connectPostgres } from '../db/postgres-client';
import { addBareOrg, findOrgBySlug } from '../db/orgs';
import type { Db } from '../db/types';
import { toBase64 } from '../shared/crypto';
import { createApp } from './app';
import { bundledGuideRoutes } from './admin/guide-pages';
import { applyDefaultOrgCredentials, SIMULATOR_CHANNEL_ID } from './bootstrap';
import { waitUntilDeferred } from './deferred';
import type { AppDeps, JobDeps } from './deps';
import { parseEnv, type Env } from './env';
import { workerPeerAddress } from './http/client-address';
import { CRON_JOBS, jobs } from './jobs';
import { createLogger, type Logger } from './logger';
import { OrgDirectory, SecretBox } from './orgs';
import { createServices, type Services } from './services';
import { R2PhotoStore, type R2BucketLike } from './storage/r2-photo-store';

/**
 * Cloudflare Workers entry (docs/deploy.md): parse the bindings, build the
 * dependencies for this request, call createApp. It differs from bot/entry.node.ts
 * only in what it plugs in:
 * - PostgreSQL through Hyperdrive, with a postgres.js client per request that is never
 *   `end()`ed (that throws in workerd; the runtime closes the sockets) and without
 *   named prepared statements (docs/decisions/010-hyperdrive-postgres-js.md);
 * - photos in R2 (binding PHOTOS);
 * - work after the 200 under `waitUntil`;
 * - jobs on Cron Triggers, mapped in CRON_JOBS (bot/jobs.ts).
 * Nothing here imports PGlite, the migrator or node:fs: migrations run from Node
 * (`npm run db:migrate`).
 */
type ExecutionContext = import('hono').ExecutionContext;
export interface ScheduledController {
  cron: string;
  scheduledTime: number;
}
/** wrangler.toml's bindings and vars, and the Worker secrets (all parsed by bot/env.ts). */
export interface WorkerBindings {
  HYPERDRIVE?: { connectionString: string };
  PHOTOS?: R2BucketLike;
  DATABASE_URL?: string;
}

/**
 * Database connections per request. A Worker invocation may hold six connections
 * at once (TCP and fetch together), and an idle postgres.js socket stays open until
 * the request ends, so leave room for the LINE calls made after each commit.
 */
const DB_CONNECTIONS_PER_REQUEST = 3;

// Isolate-level cache (docs/decisions/009-worker-isolate-cache.md): only values derived
// from secrets that cannot change while the isolate lives, and only once resolved, so no
// request ever awaits a promise that belongs to another request.
let cachedBox: { appSecretHash: string; box: SecretBox } | null = null;
let appliedCredentials: string | null = null;
// The isolate's services (bot/services.ts): built on the first request or cron run and
// kept while the env they were built from is the same. They hold no database client.
let cachedServices: { key: string; services: Services } | null = null;

function isolateServices(env: Env, logger: Logger): Services {
  const key = JSON.stringify([env.LIFF_ID, env.PUBLIC_BASE_URL, env.PORT, env.APP_SECRET]);
  if (cachedServices?.key !== key)
    cachedServices = { key, services: createServices(env, { logger }) };
  return cachedServices.services;
}

/** This isolate's services, for tests of reuse (tests/workerd). */
export function servicesOfThisIsolate(): Services | null {
  return cachedServices?.services ?? null;
}

async function sha256(text: string): Promise<string> {
  return toBase64(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
  );
}

async function secretBox(appSecret: string): Promise<SecretBox> {
  const appSecretHash = await sha256(appSecret);
  if (cachedBox?.appSecretHash === appSecretHash) return cachedBox.box;
  const box = await SecretBox.fromAppSecret(appSecret);
  cachedBox = { appSecretHash, box };
  return box;
}

/**
 * On Workers the default organisation's credentials come from Worker secrets
 * (LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN), as they come from env on Node.
 * Node writes them at start; a Worker has no start, so the first request of each
 * isolate compares them with the stored row and writes them only if they differ
 * (creating the organisation if it is missing, as `npm start` does). Without them,
 * the stored row is left as it is. (docs/decisions/012-worker-env-credentials.md)
 */
export async function syncDefaultOrgCredentials(
  db: Db,
  box: SecretBox,
  env: Env,
  logger: Logger,
): Promise<'unchanged' | 'written' | 'none'> {
  if (!env.LINE_CHANNEL_SECRET || !env.LINE_CHANNEL_ACCESS_TOKEN) return 'none';
  const fingerprint = await sha256(
    [env.APP_SECRET, env.DEFAULT_ORG_SLUG, env.LINE_CHANNEL_SECRET, env.LINE_CHANNEL_ACCESS_TOKEN]
      .map((v) => `${v?.length}:${v}`)
      .join(''),
  );
  if (appliedCredentials === fingerprint) return 'unchanged';

  const slug = env.DEFAULT_ORG_SLUG;
  const row = await findOrgBySlug(db, slug);
  const open = (stored: string | null) => (stored ? box.open(stored).catch(() => null) : null);
  const same =
    row !== null &&
    row.lineChannelId !== SIMULATOR_CHANNEL_ID &&
    (await open(row.lineChannelSecretEnc)) === env.LINE_CHANNEL_SECRET &&
    (await open(row.lineAccessTokenEnc)) === env.LINE_CHANNEL_ACCESS_TOKEN;
  if (!same) {
    // Cold isolates serving concurrent requests may all get here: insert idempotently.
    if (!row) await addBareOrg(db, slug);
    await applyDefaultOrgCredentials(db, box, slug, {
      channelSecret: env.LINE_CHANNEL_SECRET,
      accessToken: env.LINE_CHANNEL_ACCESS_TOKEN,
    });
    logger.info('default organisation credentials written from Worker secrets', { slug });
  }
  appliedCredentials = fingerprint;
  return same ? 'unchanged' : 'written';
}

/** The dependencies of one request or one scheduled run. */
async function buildDeps(bindings: WorkerBindings): Promise<JobDeps> {
  const env = parseEnv({
    ...(bindings as Record<string, unknown>),
    DATABASE_URL: bindings.HYPERDRIVE?.connectionString ?? bindings.DATABASE_URL,
  });
  if (!env.DATABASE_URL)
    throw new Error('Workers need PostgreSQL: bind HYPERDRIVE (wrangler.toml [[hyperdrive]])');
  if (!env.APP_SECRET)
    throw new Error('APP_SECRET must be set as a Worker secret (wrangler secret put APP_SECRET)');
  if (!bindings.PHOTOS)
    throw new Error('Workers need the R2 bucket binding PHOTOS (wrangler.toml)');
  const logger = createLogger(env.LOG_LEVEL);
  const { db } = connectPostgres(env.DATABASE_URL, {
    max: DB_CONNECTIONS_PER_REQUEST,
    prepare: false,
  });
  const box = await secretBox(env.APP_SECRET);
  await syncDefaultOrgCredentials(db, box, env, logger);
  return {
    env,
    db,
    orgs: new OrgDirectory(db, box, {
      apiBaseUrl: env.LINE_API_BASE_URL,
      dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
    }),
    services: isolateServices(env, logger),
    photos: new R2PhotoStore(bindings.PHOTOS),
    logger,
    clock: () => new Date(),
    random: Math.random,
  };
}

export default {
  async fetch(
    request: Request,
    bindings: WorkerBindings,
    ctx: ExecutionContext,
  ): Promise<Response> {
    let deps: AppDeps;
    try {
      deps = {
        ...(await buildDeps(bindings)),
        dbKind: 'postgres',
        defer: waitUntilDeferred,
        // Cloudflare sets cf-connecting-ip itself on Workers; a client cannot forge it here.
        peerAddress: workerPeerAddress,
        // The clerks' guide, its pages bundled at build time (images are static assets).
        extraRoutes: (app) => app.route('/guide', bundledGuideRoutes()),
      };
    } catch (e) {
      // Bad configuration or no database: answer as the app does (LINE redelivers a 500).
      console.error(
        JSON.stringify({ level: 'error', msg: 'worker setup failed', error: String(e) }),
      );
      return Response.json(
        { error: { code: 'internal', message: 'internal error' } },
        { status: 500 },
      );
    }
    return createApp(deps).fetch(request, bindings, ctx);
  },

  /** A Cron Trigger: runs the jobs CRON_JOBS names for this cron, side by side. */
  async scheduled(
    controller: ScheduledController,
    bindings: WorkerBindings,
    _ctx: ExecutionContext,
  ): Promise<void> {
    const deps = await buildDeps(bindings);
    const names = CRON_JOBS[controller.cron];
    if (!names) {
      deps.logger.error('no jobs for this cron: add it to CRON_JOBS in bot/jobs.ts', {
        cron: controller.cron,
      });
      return;
    }
    const results = await Promise.allSettled(names.map((name) => jobs[name](deps)));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [names[i]] : []));
    results.forEach((r, i) =>
      r.status === 'rejected'
        ? deps.logger.error('job failed', { job: names[i], error: String(r.reason) })
        : deps.logger.debug('job done', { job: names[i], result: r.value }),
    );
    // A thrown error marks the run as failed in the Cron Trigger's past events.
    if (failed.length) throw new Error(`jobs failed: ${failed.join(', ')}`);
  },
};
