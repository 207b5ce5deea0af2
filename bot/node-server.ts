import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/client';
import { seedDemoFaq } from '../db/faq-seed';
import { bindStaffToSimulatedLine, seedOrg, type OrgSeed } from '../db/seed';
import { seedHolidays } from '../db/holidays';
import demoOrg from '../db/seed/demo-org.json' with { type: 'json' };
import demoServices from '../db/seed/demo-services.json' with { type: 'json' };
import { seedSurveys } from '../db/survey-seed';
import { seedDemoAnswers } from '../db/demo-answers';
import { randomHex } from '../shared/crypto';
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
import type { AppDeps } from './deps';
import { FakeLinePlatform } from './dev/fake-line-platform';
import { simulatorRoutes } from './dev/simulator';
import { SimulatorTranscript } from './dev/transcript';
import { isSimulatorMode, type Env } from './env';
import { liffStaticRoutes } from './liff-static';
import { releaseOrphanedLeases } from './pipeline/outbox';
import { startJobTimers } from './jobs';
import { createLogger, type Logger } from './logger';
import { OrgDirectory, SecretBox } from './orgs';
import { createServices } from './services';
import { reportRoutes } from './reports/routes';
import { DiskPhotoStore } from './storage/disk-photo-store';

/** Where `npm run build:liff` puts the LIFF app. */
const LIFF_DIST = fileURLToPath(new URL('../liff-app/dist', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  simulator: FakeLinePlatform | null;
  deps: AppDeps;
  queue: InProcessQueue;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` does, as a function the end-to-end tests can call too:
 * open and migrate the database, seed the demo organisation, apply credentials,
 * serve, and run the jobs on timers.
 */
export async function startServer(
  env: Env,
  opts: { logger?: Logger; host?: string; jobs?: boolean; liffDir?: string } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  mkdirSync(env.DATA_DIR, { recursive: true });
  const appSecret = env.APP_SECRET ?? loadOrCreateAppSecret(env.DATA_DIR, logger);

  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    role: 'server',
  });
  try {
    await database.migrate();
    if (database.kind === 'pglite') await releaseOrphanedLeases(database.db);
    await seedHolidays(database.db);
    const demo = await seedOrg(database.db, demoOrg as OrgSeed);
    await seedDemoFaq(database.db, demo.id);
    await seedSurveys(database.db, demo.id, demoServices, new Date());
    await seedOrg(database.db, {
      slug: env.DEFAULT_ORG_SLUG,
      name: env.DEFAULT_ORG_SLUG,
      divisions: [],
      staff: [],
    });
    const box = await SecretBox.fromAppSecret(appSecret);
    const simulator = isSimulatorMode(env) ? new FakeLinePlatform() : null;
    // Simulator: staff linked to simulated LINE users from the start; chats kept in DATA_DIR.
    const transcript = simulator
      ? new SimulatorTranscript(join(env.DATA_DIR, 'simulator', 'chats.jsonl'))
      : null;
    if (simulator) {
      await bindStaffToSimulatedLine(database.db);
      // A newcomer's report has figures: demo answers for this and earlier rounds, written once.
      if (env.DEMO_SURVEY_ANSWERS === '1') await seedDemoAnswers(database.db, demo.id, new Date());
      transcript!.attach(simulator);
    }
    await applyDefaultOrgCredentials(
      database.db,
      box,
      env.DEFAULT_ORG_SLUG,
      simulator
        ? null
        : { channelSecret: env.LINE_CHANNEL_SECRET!, accessToken: env.LINE_CHANNEL_ACCESS_TOKEN! },
    );

    // In simulator mode every LINE call goes to the fake platform inside this server.
    const line = { apiBaseUrl: env.LINE_API_BASE_URL, dataApiBaseUrl: env.LINE_DATA_API_BASE_URL };
    const orgs = new OrgDirectory(database.db, box, line);
    const queue = new InProcessQueue(database.kind === 'pglite' ? 2 : 4, (e) =>
      logger.error('deferred task failed', { error: String(e) }),
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
          localCliRoutes({ token: cliToken, env, database, afterRun: () => orgs.invalidate() }),
        );
        if (simulator)
          app.route(
            '/dev/line',
            simulatorRoutes({
              fake: simulator,
              orgs,
              defaultSlug: env.DEFAULT_ORG_SLUG,
              selfUrl: () => selfUrl,
              db: database.db,
              env,
              transcript: transcript!,
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
    const timers = opts.jobs === false ? null : startJobTimers(deps);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        timers?.stop();
        if (database.kind === 'pglite') removeCliEndpoint(env.DATA_DIR, cliToken);
        await new Promise<void>((r) => server.close(() => r()));
        await Promise.race([queue.drain(), new Promise((r) => setTimeout(r, 5000))]);
        await timers?.idle();
        await database.close();
      })());
    return {
      url: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
      port,
      simulator,
      deps,
      queue,
      stop,
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** APP_SECRET, when not given, is generated once into DATA_DIR and kept there (mode 600). */
export function loadOrCreateAppSecret(dataDir: string, logger: Logger): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters`);
    return secret;
  }
  const secret = randomHex(32);
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  logger.warn('APP_SECRET not set: generated one into DATA_DIR; back it up with the database', {
    file,
  });
  return secret;
}
