import type { JobDeps } from './deps';
import { sweepInbox } from './pipeline/inbox';
import { sendOutbox } from './pipeline/outbox';

/** The scheduled jobs, by name. Node runs them on timers; Workers on Cron Triggers. */
export const jobs = {
  'outbox-sender': (deps: JobDeps) => sendOutbox(deps),
  'inbox-sweeper': (deps: JobDeps) => sweepInbox(deps),
} satisfies Record<string, (deps: JobDeps) => Promise<unknown>>;

export type JobName = keyof typeof jobs;

/**
 * Named slots for jobs that do not exist yet: SLA escalation and the staff digests
 * arrive with the staff-workflow issue. Nothing runs them today (no timer, no cron);
 * their planned Cron Triggers are commented out in wrangler.toml.
 */
export const PLANNED_JOBS = {
  'sla-escalation': 'every 15 minutes (*/15 * * * *), with the staff workflow',
  digests: 'daily at 08:00 Asia/Bangkok (0 1 * * * UTC), with the staff workflow',
} as const;

/** Node: how often each job runs. */
const EVERY_MS: Record<JobName, number> = { 'outbox-sender': 2_000, 'inbox-sweeper': 15_000 };

/**
 * Workers: the jobs each Cron Trigger runs. Every cron in wrangler.toml (top level and
 * each `[env.*.triggers]`) must be a key here; the workerd suite checks both ways.
 * Cron Triggers fire at most once a minute, so on Workers a queued push (not a reply)
 * can wait up to a minute; replies go out right after processing, as on Node.
 */
export const CRON_JOBS: Readonly<Record<string, readonly JobName[]>> = {
  '* * * * *': ['outbox-sender', 'inbox-sweeper'],
};

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
