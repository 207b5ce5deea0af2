import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { parseEnv } from '../../bot/env';
import { enqueuePush, sendOutbox } from '../../bot/pipeline/outbox';
import { runPipelineRetention, vacuumQueues } from '../../bot/pipeline/retention';
import { rawRows } from '../../db/raw';
import { inboxEvents, outbox, outboxAttempts, sentLedger } from '../../db/schema';
import { createHarness, type Harness } from '../helpers/harness';

const DAY = 86_400_000;
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('pipeline retention', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('reads PIPELINE_RETENTION_DAYS (default 90) and refuses nonsense', () => {
    expect(parseEnv({}).PIPELINE_RETENTION_DAYS).toBe(90);
    expect(parseEnv({ PIPELINE_RETENTION_DAYS: '30' }).PIPELINE_RETENTION_DAYS).toBe(30);
    expect(() => parseEnv({ PIPELINE_RETENTION_DAYS: '0' })).toThrow(/PIPELINE_RETENTION_DAYS/);
  });

  it('deletes old sent outbox rows, their attempts and old processed events; keeps anything unsent or unprocessed', async () => {
    const userId = newUser();
    // An old event, processed and answered (reply sent, attempt recorded).
    const old = lineEvents.follow({ userId, replyToken: h.fake.issueReplyToken(userId) });
    expect((await h.deliver([old])).status).toBe(200);
    // An old push LINE never took (still pending), with a sent_ledger key.
    const pendingId = await h.db.transaction((tx) =>
      enqueuePush(tx, {
        orgId: h.org.id,
        to: userId,
        messages: [{ type: 'text', text: 'ยังไม่ได้ส่ง' }],
        now: h.deps.clock(),
      }),
    );
    // A sent push with a ledger key pointing at it.
    const sentId = await h.db.transaction((tx) =>
      enqueuePush(tx, {
        orgId: h.org.id,
        to: userId,
        messages: [{ type: 'text', text: 'ส่งแล้ว' }],
        now: h.deps.clock(),
      }),
    );
    await sendOutbox(h.deps, { ids: [sentId] });
    await h.db
      .insert(sentLedger)
      .values({ key: `test:${sentId}`, orgId: h.org.id, outboxId: sentId });
    // An old event never processed (the process died after the 200).
    const unprocessed = lineEvents.text({ userId: newUser(), text: 'สวัสดี' });
    const dropped = h.deps.defer;
    h.deps.defer = { run() {} };
    expect((await h.post(webhookBody([unprocessed]))).status).toBe(200);
    h.deps.defer = dropped;

    // created_at is the database's time: age the rows as if 100 days had passed.
    const past = new Date(Date.now() - 100 * DAY);
    await h.db.update(outbox).set({ createdAt: past }).where(eq(outbox.orgId, h.org.id));
    await h.db.update(inboxEvents).set({ receivedAt: past }).where(eq(inboxEvents.orgId, h.org.id));
    await h.db
      .update(inboxEvents)
      .set({ processedAt: past })
      .where(eq(inboxEvents.webhookEventId, old.webhookEventId));

    // A fresh event, processed today, stays.
    const freshUser = newUser();
    const fresh = lineEvents.follow({
      userId: freshUser,
      replyToken: h.fake.issueReplyToken(freshUser),
    });
    expect((await h.deliver([fresh])).status).toBe(200);

    const stats = await runPipelineRetention(h.deps);
    expect(stats.outbox).toBeGreaterThanOrEqual(2);
    expect(stats.inbox).toBeGreaterThanOrEqual(1);

    const left = await h.db
      .select()
      .from(outbox)
      .where(inArray(outbox.id, [pendingId, sentId]));
    expect(left.map((r) => r.id)).toEqual([pendingId]);
    expect(
      await h.db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, sentId)),
    ).toEqual([]);
    const [ledger] = await h.db
      .select()
      .from(sentLedger)
      .where(eq(sentLedger.key, `test:${sentId}`));
    expect(ledger!.outboxId).toBeNull();
    const events = await h.db
      .select({ id: inboxEvents.webhookEventId, processedAt: inboxEvents.processedAt })
      .from(inboxEvents)
      .where(
        inArray(inboxEvents.webhookEventId, [
          old.webhookEventId,
          unprocessed.webhookEventId,
          fresh.webhookEventId,
        ]),
      );
    expect(events.map((e) => e.id).sort()).toEqual(
      [unprocessed.webhookEventId, fresh.webhookEventId].sort(),
    );
    // A second run finds nothing more.
    expect(await runPipelineRetention(h.deps)).toEqual({ outbox: 0, outboxAttempts: 0, inbox: 0 });
  });

  it('vacuums the inbox and outbox itself only where no autovacuum launcher runs, and says so on PostgreSQL', async () => {
    const [row] = await rawRows(
      h.db,
      sql`select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher')
            as "launcher", version() like '%PGlite%' as "pglite"`,
    );
    const warnings: string[] = [];
    const deps = { ...h.deps, logger: { ...h.deps.logger, warn: (m: string) => warnings.push(m) } };
    // A handled event leaves a dead row version behind.
    const userId = newUser();
    await h.deliver([lineEvents.follow({ userId, replyToken: h.fake.issueReplyToken(userId) })]);
    const vacuumed = await vacuumQueues(deps);
    expect(vacuumed).toBe(!row!.launcher);
    if (row!.pglite) expect(vacuumed).toBe(true);
    expect(warnings.length).toBe(vacuumed && !row!.pglite ? 1 : 0);
    const [stats] = await rawRows(
      h.db,
      sql`select last_vacuum as "lastVacuum" from pg_stat_user_tables where relname = 'inbox_events'`,
    );
    expect(stats!.lastVacuum !== null).toBe(vacuumed);
    // Warned once per process.
    await vacuumQueues(deps);
    expect(warnings.length).toBe(vacuumed && !row!.pglite ? 1 : 0);
  });
});
