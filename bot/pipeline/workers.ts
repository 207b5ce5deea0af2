import { Worker } from 'node:worker_threads';
import type { Env } from '../env';
import type { Logger, LogLevel } from '../logger';
import { inboxJobKey, type InboxJob } from './inbox';

/** What a worker thread needs to build its own services (bot/pipeline/worker-thread.ts). */
export interface InboxWorkerInit {
  env: Env;
  appSecret: string;
  /** The LINE API the organisations' clients call (the simulator's, in simulator mode). */
  line: { apiBaseUrl: string; dataApiBaseUrl: string };
  /** Records below this level stay in the thread (the server's logger would drop them). */
  logLevel: LogLevel;
}

/** Messages between the server thread and a worker thread. */
export type ToWorker = { job: InboxJob } | { drain: number } | { stop: true };
export type FromWorker =
  { log: [LogLevel, string, Record<string, unknown> | undefined] } | { drained: number };

/**
 * Node on PostgreSQL: stored events are handled in worker threads, so the server's own thread
 * does little but verify, store and acknowledge webhooks (decision 050). One sender's jobs
 * always go to the same thread, whose queue runs them in order. A job lost with a thread (a
 * crash) is only a message: its events are stored, and the inbox sweeper handles them.
 * Threads log through the server's logger.
 */
export class InboxWorkers {
  /** null while a thread that ended is being replaced. */
  readonly #threads: (Worker | null)[];
  #stopping = false;
  #drains = new Map<number, () => void>();
  #nextDrain = 0;

  constructor(
    count: number,
    private readonly init: InboxWorkerInit,
    private readonly logger: Logger,
  ) {
    this.#threads = Array.from({ length: count }, (_, i) => this.#spawn(i));
  }

  /** The threads by slot; null while one that ended is being replaced. */
  get threads(): readonly (Worker | null)[] {
    return this.#threads;
  }

  run(job: InboxJob): void {
    const key = inboxJobKey(job);
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    // No thread for a moment (one being replaced): the sweeper handles the stored events.
    this.#threads[Math.abs(h) % this.#threads.length]?.postMessage({ job } satisfies ToWorker);
  }

  /** Resolves when every job handed on so far has finished (tests, shutdown). */
  async drain(): Promise<void> {
    await Promise.all(
      this.#live().map(
        (t) =>
          new Promise<void>((resolve) => {
            const id = this.#nextDrain++;
            this.#drains.set(id, resolve);
            t.postMessage({ drain: id } satisfies ToWorker);
          }),
      ),
    );
  }

  /** Lets each thread finish its queue (at most `graceMs`), then ends it. */
  async stop(graceMs = 5000): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      this.#live().map(async (t) => {
        const exited = new Promise((r) => t.once('exit', r));
        t.postMessage({ stop: true } satisfies ToWorker);
        const timer = setTimeout(() => void t.terminate(), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  #live(): Worker[] {
    return this.#threads.filter((t): t is Worker => t !== null);
  }

  #spawn(i: number): Worker {
    // The bootstrap registers tsx in the thread; of the server's own node flags only the CPU
    // profiler's are passed on (`BENCH_CHILD_NODE_ARGS=--cpu-prof` profiles the threads too).
    const t = new Worker(new URL('./worker-thread.mjs', import.meta.url), {
      workerData: this.init,
      execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
    });
    t.on('message', (m: FromWorker) => {
      if ('log' in m) this.logger[m.log[0]](m.log[1], m.log[2]);
      else if ('drained' in m) {
        this.#drains.get(m.drained)?.();
        this.#drains.delete(m.drained);
      }
    });
    t.on('error', (e) =>
      this.logger.error('inbox worker thread failed', { thread: i, error: String(e) }),
    );
    t.on('exit', (code) => {
      // A drain waiting on this thread has nothing left to wait for.
      for (const resolve of this.#drains.values()) resolve();
      this.#drains.clear();
      this.#threads[i] = null;
      if (this.#stopping) return;
      // Its queued jobs are lost as messages only: the sweeper handles their stored events.
      // A second later, so a thread that cannot start (the database away) does not spin.
      this.logger.warn('inbox worker thread ended; starting another', { thread: i, code });
      setTimeout(() => {
        if (!this.#stopping) this.#threads[i] = this.#spawn(i);
      }, 1000).unref();
    });
    return t;
  }
}
