import { deleteOldRateLimits } from '../db/rate-limits';
import type { JobDeps } from './deps';
import { sweepInbox } from './pipeline/inbox';
import { sendOutbox } from './pipeline/outbox';
import { runDigests, runSlaEscalation } from './staff/jobs';

/** The scheduled jobs, by name. Node runs them on timers; Workers on Cron Triggers. */
export const jobs = {
  'outbox-sender': (deps: JobDeps) => sendOutbox(deps),
  'inbox-sweeper': (deps: JobDeps) => sweepInbox(deps),
  /** Overdue reminders → division head → clerk's office; the 15-day explanation request. */
  'sla-escalation': (deps: JobDeps) => runSlaEscalation(deps),
  /** Morning digest per division, weekly summary to executives (once each, by sent_ledger). */
  digests: (deps: JobDeps) => runDigests(deps),
  /** Rate-limit rows that no longer limit anything (db/rate-limits.ts). */
  'rate-limit-cleanup': (deps: JobDeps) => deleteOldRateLimits(deps.db, deps.clock()),
} satisfies Record<string, (deps: JobDeps) => Promise<unknown>>;

export type JobName = keyof typeof jobs;

/** Node: how often each job runs. */
const EVERY_MS: Record<JobName, number> = {
  'outbox-sender': 2_000,
  'inbox-sweeper': 15_000,
  'sla-escalation': 60_000,
  digests: 300_000,
  'rate-limit-cleanup': 3_600_000,
};

/**
 * Workers: the jobs each Cron Trigger runs. Every cron in wrangler.toml (top level and
 * each `[env.*.triggers]`) must be a key here; the workerd suite checks both ways.
 * Cron Triggers fire at most once a minute, so on Workers a queued push (not a reply)
 * can wait up to a minute; replies go out right after processing, as on Node.
 */
export const CRON_JOBS: Readonly<Record<string, readonly JobName[]>> = {
  // The staff jobs are idempotent (sent_ledger) and cheap, so they ride the minute trigger.
  '* * * * *': [
    'outbox-sender',
    'inbox-sweeper',
    'sla-escalation',
    'digests',
    'rate-limit-cleanup',
  ],
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
