import { sql } from 'drizzle-orm';
import { rawRows } from '../../db/raw';
import type { JobDeps } from '../deps';

/** Rows per statement, so one run never holds locks on a large part of a table. */
const BATCH = 2_000;
/** Batches per run per table; the next run goes on. */
const MAX_BATCHES = 10;

export interface RetentionStats {
  outbox: number;
  outboxAttempts: number;
  inbox: number;
}

/**
 * Deletes what the pipeline no longer needs (issue 17: ~110 GB a year at 1,000
 * organisations): outbox rows sent or given up, with their outbox_attempts, and inbox
 * events processed, all older than PIPELINE_RETENTION_DAYS. A row still pending, sending
 * or unprocessed is never touched, whatever its age. The cases, their timelines, the
 * audit log and the sent_ledger keys (which keep jobs from sending twice) stay; the
 * ledger's and survey invitations' link to a deleted outbox row becomes null.
 */
export async function runPipelineRetention(deps: JobDeps): Promise<RetentionStats> {
  const { db } = deps;
  const cutoff = new Date(
    deps.clock().getTime() - deps.env.PIPELINE_RETENTION_DAYS * 86_400_000,
  ).toISOString();
  const stats: RetentionStats = { outbox: 0, outboxAttempts: 0, inbox: 0 };
  const count = (r: unknown) =>
    Array.isArray(r) ? r.length : ((r as { rows?: unknown[] }).rows?.length ?? 0);

  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await db.transaction(async (tx) => {
      const doomed = sql`(select id from outbox where state in ('sent', 'failed')
        and created_at < ${cutoff} order by created_at limit ${BATCH})`;
      const ids = await tx.execute(sql`select id from ${doomed} d`);
      const list = (Array.isArray(ids) ? ids : (ids as { rows: unknown[] }).rows) as {
        id: string;
      }[];
      if (!list.length) return 0;
      const idArray = sql`array[${sql.join(
        list.map((r) => sql`${r.id}`),
        sql`, `,
      )}]::uuid[]`;
      await tx.execute(
        sql`update sent_ledger set outbox_id = null where outbox_id = any(${idArray})`,
      );
      await tx.execute(
        sql`update survey_invitations set outbox_id = null where outbox_id = any(${idArray})`,
      );
      stats.outboxAttempts += count(
        await tx.execute(
          sql`delete from outbox_attempts where outbox_id = any(${idArray}) returning outbox_id`,
        ),
      );
      return count(
        await tx.execute(sql`delete from outbox where id = any(${idArray}) returning id`),
      );
    });
    stats.outbox += n;
    if (n < BATCH) break;
  }

  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = count(
      await db.execute(sql`delete from inbox_events where id in (
        select e.id from inbox_events e
        where e.processed_at is not null and e.processed_at < ${cutoff}
          and not exists (select 1 from outbox o where o.source_inbox_id = e.id)
        order by e.processed_at limit ${BATCH}) returning id`),
    );
    stats.inbox += n;
    if (n < BATCH) break;
  }
  if (stats.outbox || stats.inbox)
    deps.logger.info('pipeline retention', { ...stats, olderThan: cutoff });
  return stats;
}

const warned = new WeakSet<object>();

/**
 * Vacuums the inbox and the outbox when nothing else does (decision 051). They are queues:
 * every row is updated once or twice, then deleted by retention; until a vacuum runs, the
 * space of the dead versions is never reused and the scans for due rows read through their
 * index entries. PGlite has no autovacuum, and a self-hosted PostgreSQL may have it turned
 * off (then this warns, once). Does nothing while PostgreSQL's autovacuum launcher runs.
 * Returns whether it vacuumed.
 */
export async function vacuumQueues(deps: JobDeps): Promise<boolean> {
  const { db } = deps;
  const [row] = await rawRows(
    db,
    sql`select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher')
          as "autovacuum", version() like '%PGlite%' as "pglite"`,
  );
  if (row?.autovacuum === true) return false;
  if (row?.pglite !== true && !warned.has(db)) {
    warned.add(db);
    deps.logger.warn(
      'PostgreSQL runs without autovacuum: this server vacuums the inbox and outbox itself every minute; turn autovacuum on',
    );
  }
  await db.execute(sql`vacuum (analyze) inbox_events, outbox, outbox_attempts`);
  return true;
}
