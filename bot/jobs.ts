import type { JobDeps } from './deps';
import { sweepInbox } from './pipeline/inbox';
import { sendOutbox } from './pipeline/outbox';

/** The scheduled jobs, by name. Node runs them on timers; Workers on Cron Triggers. */
export const jobs = {
  'outbox-sender': (deps: JobDeps) => sendOutbox(deps),
  'inbox-sweeper': (deps: JobDeps) => sweepInbox(deps),
} satisfies Record<string, (deps: JobDeps) => Promise<unknown>>;

export type JobName = keyof typeof jobs;

const EVERY_MS: Record<JobName, number> = { 'outbox-sender': 2_000, 'inbox-sweeper': 15_000 };

/** Runs each job on its own timer, never two runs of one job at once. */
export function startJobTimers(deps: JobDeps) {
  const running = new Map<JobName, Promise<unknown>>();
  const timers = (Object.keys(jobs) as JobName[]).map((name) =>
    setInterval(() => {
      if (running.has(name)) return;
      const run = jobs[name](deps)
        .catch((e) => deps.logger.error('job failed', { job: name, error: String(e) }))
        .finally(() => running.delete(name));
      running.set(name, run);
    }, EVERY_MS[name]),
  );
  return {
    stop: () => timers.forEach(clearInterval),
    idle: () => Promise.allSettled([...running.values()]).then(() => undefined),
  };
}
