import { openPostgres } from '../db/postgres';
import { createApp } from './app';
import { waitUntilDeferred } from './deferred';
import type { AppDeps, JobDeps } from './deps';
import { parseEnv } from './env';
import { jobs } from './jobs';
import { createLogger } from './logger';
import { OrgDirectory, SecretBox } from './orgs';

/**
 * Cloudflare Workers entry: parse the bindings, build the dependencies for this
 * request, call createApp. PostgreSQL comes through Hyperdrive with a client per
 * request; it is never `end()`ed (that throws in workerd), and work after the 200
 * runs under `waitUntil`. Jobs run on Cron Triggers (wrangler.toml).
 */
type ExecutionContext = import('hono').ExecutionContext;
interface ScheduledController {
  cron: string;
  scheduledTime: number;
}
export interface WorkerBindings {
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

async function buildDeps(bindings: WorkerBindings): Promise<JobDeps> {
  const env = parseEnv({
    ...bindings,
    DATABASE_URL: bindings.HYPERDRIVE?.connectionString ?? bindings.DATABASE_URL,
  });
  if (!env.DATABASE_URL)
    throw new Error('Workers need PostgreSQL: bind HYPERDRIVE or set DATABASE_URL');
  if (!env.APP_SECRET)
    throw new Error('APP_SECRET must be set as a Worker secret (wrangler secret put APP_SECRET)');
  const { db } = openPostgres(env.DATABASE_URL, { max: 5 });
  const box = await SecretBox.fromAppSecret(env.APP_SECRET);
  return {
    env,
    db,
    orgs: new OrgDirectory(db, box, {
      apiBaseUrl: env.LINE_API_BASE_URL,
      dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
    }),
    logger: createLogger(env.LOG_LEVEL),
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
    const deps: AppDeps = {
      ...(await buildDeps(bindings)),
      dbKind: 'postgres',
      defer: waitUntilDeferred,
    };
    return createApp(deps).fetch(request, bindings, ctx);
  },

  async scheduled(
    _controller: ScheduledController,
    bindings: WorkerBindings,
    ctx: ExecutionContext,
  ): Promise<void> {
    const deps = await buildDeps(bindings);
    for (const run of Object.values(jobs)) ctx.waitUntil(run(deps));
  },
};
