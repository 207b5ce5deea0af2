import { deleteOldRateLimits } from '../db/rate-limits';
import type { JobDeps } from './deps';
import { sweepInbox } from './pipeline/inbox';
import { sendOutbox } from './pipeline/outbox';
import { runPipelineRetention, vacuumQueues } from './pipeline/retention';
import { runDigests, runSlaEscalation } from './staff/jobs';
import { runCorruptionDigests } from './staff/corruption-digest';
import { remindVerdicts } from './outcomes/jobs';
import { followUpForwards } from './agencies/jobs';

/** The scheduled jobs, by name. Node runs them on timers; Workers on Cron Triggers. */
export const jobs = {
  'outbox-sender': (deps: JobDeps) => sendOutbox(deps),
  'inbox-sweeper': (deps: JobDeps) => sweepInbox(deps),
  /** Overdue reminders → division head → clerk's office; the 15-day explanation request. */
  'sla-escalation': (deps: JobDeps) => runSlaEscalation(deps),
  /** Morning digest per division, weekly summary to executives (once each, by sent_ledger). */
  digests: (deps: JobDeps) => runDigests(deps),
  /** Corruption cases held by the hourly alert ceiling, in one push (bot/staff/corruption-digest.ts). */
  'corruption-digest': (deps: JobDeps) => runCorruptionDigests(deps),
  /** Deletes old sent outbox rows and processed inbox events (PIPELINE_RETENTION_DAYS). */
  'pipeline-retention': (deps: JobDeps) => runPipelineRetention(deps),
  /**
   * The inbox and outbox vacuumed where nothing else does it (PGlite, or PostgreSQL with
   * autovacuum off). Node only: Workers reach a managed PostgreSQL through Hyperdrive.
   */
  'queue-vacuum': (deps: JobDeps) => vacuumQueues(deps),
  /** One "was it fixed?" reminder 7 days after a finish without a verdict (bot/outcomes). */
  'verdict-reminders': (deps: JobDeps) => remindVerdicts(deps),
  /** Cases forwarded to another agency whose follow-up date passed (bot/agencies). */
  'forward-follow-ups': (deps: JobDeps) => followUpForwards(deps),
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
  'corruption-digest': 60_000,
  'pipeline-retention': 3_600_000,
  'queue-vacuum': 60_000,
  'verdict-reminders': 300_000,
  'forward-follow-ups': 300_000,
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
  // Retention is a few indexed statements that find nothing most minutes.
  '* * * * *': [
    'outbox-sender',
    'inbox-sweeper',
    'sla-escalation',
    'digests',
    'corruption-digest',
    'pipeline-retention',
    'verdict-reminders',
    'forward-follow-ups',
    'rate-limit-cleanup',
  ],
};

/**
 * Runs each job on its own timer, never two runs of one job at once. At start the
 * inbox is swept at once and without grace: whatever is there was left by a process
 * that is gone (per-sender order and row locks make this safe beside other processes).
 */
export function startJobTimers(deps: JobDeps) {
  const running = new Map<JobName, Promise<unknown>>();
  const first = Promise.all([sweepInbox(deps, { graceMs: 0 }), sendOutbox(deps)])
    .catch((e) => deps.logger.error('job failed', { job: 'start-sweep', error: String(e) }))
    .finally(() => running.delete('inbox-sweeper'));
  running.set('inbox-sweeper', first);
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
