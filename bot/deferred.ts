import type { Context } from 'hono';

/**
 * Work done after the webhook has answered 200 (docs/decisions/002-ack-after-durable-insert.md).
 * On Workers it is `waitUntil`; on Node an in-process queue. Either way, what it loses
 * (a crash, an eviction) the inbox sweeper picks up again.
 */
export interface Deferred {
  /** Runs `task` later. Tasks with the same `key` (one LINE user) run one after another, in order. */
  run(task: () => Promise<void>, key: string, c?: Context): void;
  /**
   * True when tasks of one key never overlap (Node's queue): a task queued later for the
   * same LINE user always runs after this one, so this one need not look for newcomers.
   */
  readonly serialByKey?: boolean;
}

export class InProcessQueue implements Deferred {
  readonly serialByKey = true;
  #chains = new Map<string, Promise<void>>();
  #running = 0;
  #waiting: Array<() => void> = [];
  #pending = new Set<Promise<void>>();

  constructor(
    private readonly concurrency = 8,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  run(task: () => Promise<void>, key: string): void {
    const prev = this.#chains.get(key) ?? Promise.resolve();
    const next = prev.then(() => this.#limited(task)).catch(this.onError);
    this.#chains.set(key, next);
    this.#pending.add(next);
    void next.finally(() => {
      this.#pending.delete(next);
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  /** Resolves when everything queued so far (and anything it queued) has finished. */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }

  get size(): number {
    return this.#pending.size;
  }

  async #limited(task: () => Promise<void>): Promise<void> {
    if (this.#running >= this.concurrency) await new Promise<void>((r) => this.#waiting.push(r));
    this.#running++;
    try {
      await task();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

/** Workers: hand the task to the request's `waitUntil`. */
export const waitUntilDeferred: Deferred = {
  run(task, _key, c) {
    if (!c) throw new Error('waitUntilDeferred needs the request context');
    c.executionCtx.waitUntil(task());
  },
};
