import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { unstable_readConfig } from 'wrangler';
import { FakeLinePlatform } from '../../bot/dev/fake-line-platform';
import { openPostgres } from '../../db/postgres';
import { randomHex } from '../../shared/crypto';
import type { WorkerSecrets } from './provided-context';

/**
 * Node side of the workerd suite (vitest.workers.config.ts), run once before it:
 * - a fresh database on the real PostgreSQL server (DATABASE_URL, default the local one),
 *   migrated from Node as production is (`npm run db:migrate`); the Worker reaches it
 *   through its Hyperdrive binding; dropped afterwards;
 * - fresh Worker secrets (APP_SECRET and the default organisation's LINE channel);
 * - the fake LINE Platform on a loopback port, accepting only that access token, plus a small control API the tests inside workerd call over HTTP
 *   (they cannot reach this process's memory);
 * - the crons of every wrangler.toml environment, to check them against CRON_JOBS.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const name = `fs_workerd_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end();
    throw new Error(
      `the workerd suite needs a PostgreSQL server (DATABASE_URL or ${base}): ${String(e)}`,
    );
  }
  // A killed run cannot drop its database: remove ours that are over an hour old.
  const stale = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like 'fs\_workerd\_%'`;
  for (const { datname } of stale) {
    const created = parseInt(datname.split('_')[2] ?? '', 36);
    if (created < Date.now() - 3_600_000) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  }

  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 1 });
  await database.migrate();
  await database.close();

  const secrets: WorkerSecrets = {
    APP_SECRET: randomHex(32),
    LINE_CHANNEL_SECRET: randomHex(16),
    LINE_CHANNEL_ACCESS_TOKEN: `workerd-${randomHex(8)}`,
  };
  const fake = new FakeLinePlatform({ accessToken: secrets.LINE_CHANNEL_ACCESS_TOKEN });
  const app = new Hono();
  app.post('/__control/reply-token', async (c) => {
    const { userId } = await c.req.json<{ userId: string }>();
    return c.json({ replyToken: fake.issueReplyToken(userId) });
  });
  app.get('/__control/delivered', (c) => c.json(fake.delivered));
  app.get('/__control/requests', (c) => c.json(fake.requests));
  app.route('/', fake.app);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const lineUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const crons: Record<string, string[]> = {};
  for (const env of ['', 'staging', 'production']) {
    const config = unstable_readConfig({ config: 'wrangler.toml', env: env || undefined });
    crons[env || '(top level)'] = config.triggers?.crons ?? [];
  }

  project.provide('databaseUrl', url.toString());
  project.provide('lineUrl', lineUrl);
  project.provide('wranglerCrons', crons);
  project.provide('workerSecrets', secrets);

  return async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
