import type { Db } from '../db/types';
import type { Deferred } from './deferred';
import type { Env } from './env';
import type { Logger } from './logger';
import type { OrgDirectory } from './orgs';
import type { Services } from './services';
import type { PhotoStore } from './storage/photos';

/**
 * Everything the app needs from the outside, built by an entry file
 * (bot/entry.node.ts or bot/entry.worker.ts) and passed to createApp.
 */
export interface AppDeps {
  env: Env;
  db: Db;
  /** `pglite` or `postgres`, for /healthz and logs. */
  dbKind: 'pglite' | 'postgres';
  orgs: OrgDirectory;
  /** Built once per process or isolate by the entry (bot/services.ts). */
  services: Services;
  /** Residents' photos: DATA_DIR/photos on Node, R2 on Workers. */
  photos: PhotoStore;
  defer: Deferred;
  /**
   * Node on PostgreSQL: worker threads that handle stored events (bot/pipeline/workers.ts,
   * decision 050). Absent: the webhook hands them to `defer` in this thread.
   */
  inboxWorkers?: { run(job: import('./pipeline/inbox').InboxJob): void };
  logger: Logger;
  clock: () => Date;
  /** Randomness for backoff jitter and codes; tests pass a seeded one. */
  random: () => number;
  /**
   * The platform's own view of the client's address: the socket on Node, `cf-connecting-ip`
   * on Workers. Absent in tests that call `app.request`. Read only through
   * bot/http/client-address.ts.
   */
  peerAddress?: (c: import('hono').Context) => string | undefined;
  /** Extra routes that exist only in some modes (the LINE simulator). */
  extraRoutes?: (app: import('hono').Hono) => void;
}

/** The subset jobs need (no HTTP). */
export type JobDeps = Pick<
  AppDeps,
  'env' | 'db' | 'orgs' | 'services' | 'photos' | 'logger' | 'clock' | 'random'
>;
