import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/client';
import { InProcessQueue } from '../deferred';
import type { JobDeps } from '../deps';
import { nodeFetch } from '../line/node-fetch';
import { errorForLog, isLogged, type Logger, type LogLevel } from '../logger';
import { OrgDirectory, SecretBox } from '../orgs';
import { guardPostgresClosedSocketWrites } from '../pg-crash-guard';
import { createServices } from '../services';
import { DiskPhotoStore } from '../storage/disk-photo-store';
import { inboxJobKey, runInboxJob } from './inbox';
import type { FromWorker, InboxWorkerInit, ToWorker } from './workers';

/**
 * One worker thread of bot/pipeline/workers.ts: its own database pool, LINE clients and
 * per-organisation caches; it handles the jobs the server thread hands it, one sender's in
 * order, and logs through the server thread.
 */
const port = parentPort!;
const { env, appSecret, line, logLevel } = workerData as InboxWorkerInit;
const send = (m: FromWorker) => port.postMessage(m);

const log =
  (level: LogLevel) =>
  (msg: string, fields?: Record<string, unknown>): void => {
    if (!isLogged(level, logLevel)) return;
    const withThread = { ...fields, thread: threadId };
    try {
      send({ log: [level, msg, withThread] });
    } catch {
      // A field that cannot be copied between threads (a function, a socket): its text.
      send({ log: [level, msg, JSON.parse(JSON.stringify(withThread))] });
    }
  };
const logger: Logger = {
  debug: log('debug'),
  info: log('info'),
  warn: log('warn'),
  error: log('error'),
};

// Below the server thread: under a burst, acknowledging LINE comes first and the handling
// catches up after (Linux: a thread's nice value is its own).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid) setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: same priority as the server thread.
}

guardPostgresClosedSocketWrites(logger);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL });
const queue = new InProcessQueue(4, (e) =>
  logger.error('inbox job failed', { error: errorForLog(e) }),
);
const deps: JobDeps = {
  env,
  db: database.db,
  orgs: new OrgDirectory(database.db, await SecretBox.fromAppSecret(appSecret), {
    ...line,
    fetch: nodeFetch,
  }),
  services: createServices(env, { logger }),
  photos: new DiskPhotoStore(join(env.DATA_DIR, 'photos')),
  logger,
  clock: () => new Date(),
  random: Math.random,
};

port.on('message', (m: ToWorker) => {
  if ('job' in m) queue.run(() => runInboxJob(deps, m.job, false), inboxJobKey(m.job));
  else if ('drain' in m) void queue.drain().then(() => send({ drained: m.drain }));
  else
    void queue
      .drain()
      .then(() => database.close())
      .finally(() => port.close());
});
