import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorRoutes } from '../../bot/admin/operator';
import { reportRoutes } from '../../bot/reports/routes';
import { createApp } from '../../bot/app';
import { InProcessQueue, type Deferred } from '../../bot/deferred';
import type { AppDeps } from '../../bot/deps';
import { webhookBody } from '../../bot/dev/events';
import { parseEnv } from '../../bot/env';
import { silentLogger } from '../../bot/logger';
import { nodeFetch } from '../../bot/line/node-fetch';
import { nodeSignatureVerifier } from '../../bot/line/node-signature';
import { OrgDirectory, SecretBox } from '../../bot/orgs';
import { createServices } from '../../bot/services';
import { DiskPhotoStore } from '../../bot/storage/disk-photo-store';
import { eq } from 'drizzle-orm';
import { seedDemoFaq } from '../../db/faq-seed';
import { seedOrg, type OrgSeed } from '../../db/seed';
import demoOrg from '../../db/seed/demo-org.json' with { type: 'json' };
import demoServices from '../../db/seed/demo-services.json' with { type: 'json' };
import { seedSurveys } from '../../db/survey-seed';
import { orgs } from '../../db/schema';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { startFakeLinePlatform } from '../fakes/line-platform';
import { createTestDatabase } from './db';

/** A small deterministic PRNG (mulberry32), so jitter in tests is repeatable. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The app wired to a real database (PGlite or DATABASE_URL) and a fake LINE Platform
 * over real loopback HTTP, with one organisation whose channel secret the test knows.
 * `defer: 'drop'` simulates a process that dies right after answering 200.
 */
export async function createHarness(opts: { defer?: 'queue' | 'drop' } = {}) {
  let now = new Date();
  const database = await createTestDatabase();
  // The fake shares the test clock, so reply tokens expire when the test moves time on.
  const line = await startFakeLinePlatform({ now: () => now });
  const photoDir = await mkdtemp(join(tmpdir(), 'fs-harness-photos-'));
  const reportFiles = new DiskPhotoStore(await mkdtemp(join(tmpdir(), 'fs-harness-reports-')));
  const appSecret = randomHex(32);
  const box = await SecretBox.fromAppSecret(appSecret);
  const channelSecret = randomHex(16);
  const accessToken = `test-token-${randomHex(8)}`;
  const slug = `org-${randomHex(4)}`;
  // The demo organisation's data (divisions, staff, categories) under a fresh slug.
  const seeded = await seedOrg(database.db, { ...(demoOrg as OrgSeed), slug });
  await seedDemoFaq(database.db, seeded.id);
  await seedSurveys(database.db, seeded.id, demoServices, now);
  const [org] = await database.db
    .update(orgs)
    .set({
      lineChannelSecretEnc: await box.seal(channelSecret),
      lineAccessTokenEnc: await box.seal(accessToken),
    })
    .where(eq(orgs.id, seeded.id))
    .returning();

  const queue = new InProcessQueue(4, (e) => {
    throw e;
  });
  const dropped: Deferred = { run() {} };
  const env = parseEnv({
    DEFAULT_ORG_SLUG: slug,
    APP_SECRET: appSecret,
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    OUTBOX_MAX_ATTEMPTS: '5',
  });
  const deps: AppDeps = {
    env,
    db: database.db,
    dbKind: database.kind,
    // The Node entry's LINE transport (bot/line/node-fetch.ts), as in production.
    orgs: new OrgDirectory(database.db, box, {
      apiBaseUrl: line.url,
      dataApiBaseUrl: line.url,
      fetch: nodeFetch,
      signatureVerifier: nodeSignatureVerifier,
    }),
    services: createServices(env, { logger: silentLogger, clock: () => now }),
    photos: new DiskPhotoStore(photoDir),
    defer: opts.defer === 'drop' ? dropped : queue,
    logger: silentLogger,
    clock: () => now,
    random: seededRandom(),
    // `app.request` has no socket: a test names the peer's address in this header.
    peerAddress: (c) => c.req.header('x-test-peer-address'),
    // Node-only, as in bot/node-server.ts (onboarding draws the rich menu with native code).
    extraRoutes: (app) => {
      app.route('/operator', operatorRoutes(deps));
      app.route('/api/reports', reportRoutes(deps, reportFiles));
    },
  };
  const app = createApp(deps);
  const hmacKey = await importHmacKey(channelSecret);

  const sign = (body: string) => signBody(hmacKey, body);
  const post = async (
    body: string,
    o: { signature?: string | null; path?: string } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const signature = o.signature === undefined ? await sign(body) : o.signature;
    if (signature !== null) headers['X-Line-Signature'] = signature;
    return app.request(o.path ?? `/webhook/${slug}`, { method: 'POST', body, headers });
  };

  return {
    app,
    deps,
    db: database.db,
    org: org!,
    slug,
    fake: line.fake,
    queue,
    sign,
    post,
    /** Signs and posts events as one webhook body, then waits for their processing. */
    async deliver(events: unknown[]): Promise<Response> {
      const res = await post(webhookBody(events));
      await queue.drain();
      return res;
    },
    /** Moves the test clock forward. */
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    async close() {
      await queue.drain();
      await line.close();
      await database.close();
      await rm(photoDir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
