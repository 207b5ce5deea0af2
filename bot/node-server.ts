import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/client';
import { seedHolidays } from '../db/holidays';
import { createOrgFromTemplate, seedDemo } from '../db/template';
import { randomHex } from '../shared/crypto';
import { loadOrCreateAppSecret } from './app-secret';
import { createApp } from './app';
import { guideRoutes } from './admin/guide';
import { operatorRoutes } from './admin/operator';
import {
  CLI_ENDPOINT_PATH,
  localCliRoutes,
  removeCliEndpoint,
  writeCliEndpoint,
} from './admin/local-cli';
import { applyDefaultOrgCredentials } from './bootstrap';
import { InProcessQueue } from './deferred';
import { InboxWorkers } from './pipeline/workers';
import { nodeFetch } from './line/node-fetch';
import { nodeSignatureVerifier } from './line/node-signature';
import type { AppDeps } from './deps';
import { isSimulatorMode, type Env } from './env';
import { liffStaticRoutes } from './liff-static';
import { releaseSendingRows } from '../db/outbox';
import { startJobTimers } from './jobs';
import { createLogger, errorForLog, type Logger } from './logger';
import { guardPostgresClosedSocketWrites } from './pg-crash-guard';
import { OrgDirectory, SecretBox } from './orgs';
import { createServices } from './services';
import { reportRoutes } from './reports/routes';
import { DiskPhotoStore } from './storage/disk-photo-store';

/** Where `npm run build:liff` puts the LIFF app. */
const LIFF_DIST = fileURLToPath(new URL('../liff-app/dist', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  simulator: import('./dev/fake-line-platform').FakeLinePlatform | null;
  deps: AppDeps;
  /** Waits for the events handed on so far (this thread's queue and the inbox threads). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` does, as a function the end-to-end tests can call too:
 * open and migrate the database, create the default organisation from the template when it
 * does not exist, apply credentials, serve, and run the jobs on timers.
 *
 * The demo organisation (demo staff for every role) and the LINE simulator load only in
 * simulator mode (no LINE credentials) or with `seedDemo` (`npm run seed` does the same for a
 * database the server does not hold): a real deployment's start carries no demo data.
 */
export async function startServer(
  env: Env,
  opts: {
    logger?: Logger;
    host?: string;
    jobs?: boolean;
    liffDir?: string;
    seedDemo?: boolean;
  } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  mkdirSync(env.DATA_DIR, { recursive: true });
  const appSecret = env.APP_SECRET ?? loadOrCreateAppSecret(env.DATA_DIR, logger);

  if (env.DATABASE_URL) guardPostgresClosedSocketWrites(logger);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    role: 'server',
  });
  try {
    await database.migrate();
    // PGlite is in-process: rows still "sending" were in the hands of a process that is gone,
    // so they are due now rather than when their lease runs out.
    if (database.kind === 'pglite') await releaseSendingRows(database.db);
    await seedHolidays(database.db);
    const simulated = isSimulatorMode(env);
    // A newcomer's report has figures: in simulator mode the demo gets survey answers for this
    // and earlier rounds, written once (DEMO_SURVEY_ANSWERS=0 leaves them out).
    if (opts.seedDemo ?? simulated)
      await seedDemo(database.db, new Date(), {
        answers: simulated && env.DEMO_SURVEY_ANSWERS === '1',
      });
    await createOrgFromTemplate(
      database.db,
      { slug: env.DEFAULT_ORG_SLUG, name: env.DEFAULT_ORG_SLUG },
      new Date(),
    );
    const box = await SecretBox.fromAppSecret(appSecret);
    // Simulator: a fake LINE Platform in this process, staff linked to simulated LINE users from
    // the start, chats kept in DATA_DIR. Loaded only in simulator mode.
    const sim = simulated ? await loadSimulator(database.db, env.DATA_DIR) : null;
    const simulator = sim?.fake ?? null;
    await applyDefaultOrgCredentials(
      database.db,
      box,
      env.DEFAULT_ORG_SLUG,
      simulator
        ? null
        : { channelSecret: env.LINE_CHANNEL_SECRET!, accessToken: env.LINE_CHANNEL_ACCESS_TOKEN! },
    );

    // In simulator mode every LINE call goes to the fake platform inside this server.
    const line = {
      apiBaseUrl: env.LINE_API_BASE_URL,
      dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
      fetch: nodeFetch,
      signatureVerifier: nodeSignatureVerifier,
    };
    const orgs = new OrgDirectory(database.db, box, line);
    const queue = new InProcessQueue(database.kind === 'pglite' ? 2 : 4, (e) =>
      logger.error('deferred task failed', { error: errorForLog(e) }),
    );
    let selfUrl = '';
    const cliToken = randomHex(32);
    const deps: AppDeps = {
      env,
      db: database.db,
      dbKind: database.kind,
      orgs,
      // The process's services: one ID-token cache, FAQ indexes, console links.
      services: createServices(env, { logger }),
      photos: new DiskPhotoStore(join(env.DATA_DIR, 'photos')),
      defer: queue,
      logger,
      clock: () => new Date(),
      random: Math.random,
      peerAddress: (c) => {
        try {
          return getConnInfo(c).remote.address;
        } catch {
          return undefined;
        }
      },
      extraRoutes: (app) => {
        // The built LIFF app (on Workers the [assets] binding serves it).
        app.route('/liff', liffStaticRoutes(opts.liffDir ?? LIFF_DIST));
        app.route('/guide', guideRoutes());
        // Operators create organisations here; Node only: onboarding draws the rich menu with
        // native code. On Workers, run `npm run cli -- org create` against the production database.
        app.route('/operator', operatorRoutes(deps));
        // The console's "ออกรายงาน" page: the report's files kept under DATA_DIR/reports (Node only:
        // the HTML embeds the font read from disk and the PDF needs Chromium).
        app.route(
          '/api/reports',
          reportRoutes(deps, new DiskPhotoStore(join(env.DATA_DIR, 'reports'))),
        );
        // `npm run cli` sends its commands here while this server holds the PGlite directory.
        app.route(
          CLI_ENDPOINT_PATH,
          localCliRoutes({
            token: cliToken,
            env,
            database,
            runCli: async (argv, io) => (await import('./cli')).runCli(argv, io),
            afterRun: () => orgs.invalidate(),
          }),
        );
        if (sim)
          app.route(
            '/dev/line',
            sim.routes({
              fake: sim.fake,
              orgs,
              defaultSlug: env.DEFAULT_ORG_SLUG,
              selfUrl: () => selfUrl,
              db: database.db,
              env,
              transcript: sim.transcript,
            }),
          );
      },
    };
    const app = createApp(deps);

    const server = await new Promise<ServerType>((resolve) => {
      // The simulator signs webhooks for anyone who can reach it: keep it on this machine.
      const hostname = opts.host ?? (simulator ? '127.0.0.1' : '0.0.0.0');
      const s = serve({ fetch: app.fetch, port: env.PORT, hostname }, () => resolve(s));
    });
    const port = (server.address() as AddressInfo).port;
    selfUrl = `http://127.0.0.1:${port}`;
    if (simulator) {
      line.apiBaseUrl = `${selfUrl}/dev/line/platform`;
      line.dataApiBaseUrl = `${selfUrl}/dev/line/platform`;
    }
    if (database.kind === 'pglite')
      writeCliEndpoint(env.DATA_DIR, { url: selfUrl, token: cliToken, pid: process.pid });
    // Stored events are handled in worker threads on PostgreSQL, once the LINE API's address
    // is known (in simulator mode it is this server's).
    const workers =
      database.kind === 'postgres' && env.INBOX_THREADS > 0
        ? new InboxWorkers(
            env.INBOX_THREADS,
            {
              env,
              appSecret,
              line: { apiBaseUrl: line.apiBaseUrl, dataApiBaseUrl: line.dataApiBaseUrl },
              // A logger passed in (tests) decides for itself; ours drops what is below LOG_LEVEL.
              logLevel: opts.logger ? 'debug' : env.LOG_LEVEL,
            },
            logger,
          )
        : null;
    if (workers) deps.inboxWorkers = workers;
    const timers = opts.jobs === false ? null : startJobTimers(deps);
    const drain = async () => {
      await workers?.drain();
      await queue.drain();
    };

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        timers?.stop();
        if (database.kind === 'pglite') removeCliEndpoint(env.DATA_DIR, cliToken);
        await new Promise<void>((r) => server.close(() => r()));
        await workers?.stop(5000);
        await Promise.race([queue.drain(), new Promise((r) => setTimeout(r, 5000))]);
        await timers?.idle();
        await database.close();
      })());
    return {
      url: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
      port,
      simulator,
      deps,
      drain,
      stop,
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** The simulator's parts, imported only when simulator mode asks for them. */
async function loadSimulator(db: AppDeps['db'], dataDir: string) {
  const [
    { FakeLinePlatform },
    { simulatorRoutes },
    { SimulatorTranscript },
    { bindStaffToSimulatedLine },
  ] = await Promise.all([
    import('./dev/fake-line-platform'),
    import('./dev/simulator'),
    import('./dev/transcript'),
    import('../db/seed'),
  ]);
  const fake = new FakeLinePlatform();
  const transcript = new SimulatorTranscript(join(dataDir, 'simulator', 'chats.jsonl'));
  await bindStaffToSimulatedLine(db);
  transcript.attach(fake);
  return { fake, transcript, routes: simulatorRoutes };
}
