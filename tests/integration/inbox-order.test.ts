import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import type { Logger } from '../../bot/logger';
import { handlers } from '../../bot/events';
import {
  ORDER_WAIT_MS,
  RUN_MAX,
  processInboxEvent,
  processSender,
  sweepInbox,
} from '../../bot/pipeline/inbox';
import { cases, inboxEvents, residents } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

/**
 * Per-sender order in the database (issue 12): the harness drops the after-ack work, as a
 * process killed right after its 200 would, so every event waits in the inbox and the
 * order is up to processSender / processInboxEvent / the sweeper alone.
 */
describe('a resident’s events are handled in the order they were sent', () => {
  let h: Harness;
  const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    h = await createHarness({ defer: 'drop' });
    const logger: Logger = {
      debug() {},
      info() {},
      error() {},
      warn: (msg, fields) => warnings.push({ msg, fields }),
    };
    h.deps.logger = logger;
  });
  afterAll(() => h.close());

  /** The six steps of the complaint flow, as separate events 100 ms apart. */
  function complaintFlow(userId: string, subject: string, t0: number) {
    const steps = [
      (o: object) => lineEvents.postback({ ...o, userId, data: 'menu:complain' }),
      (o: object) => lineEvents.text({ ...o, userId, text: subject }),
      (o: object) => lineEvents.text({ ...o, userId, text: `รายละเอียดของ ${subject}` }),
      (o: object) => lineEvents.text({ ...o, userId, text: 'งานทะเบียน' }),
      (o: object) => lineEvents.text({ ...o, userId, text: th.conv.skip }),
      (o: object) => lineEvents.text({ ...o, userId, text: th.conv.confirm }),
    ];
    return steps.map((make, i) =>
      make({ replyToken: h.fake.issueReplyToken(userId), timestamp: t0 + i * 100 }),
    );
  }
  const store = async (events: { webhookEventId: string }[]) => {
    for (const e of events) expect((await h.post(webhookBody([e]))).status).toBe(200);
    const ids: string[] = [];
    for (const e of events) {
      const [row] = await h.db
        .select({ id: inboxEvents.id })
        .from(inboxEvents)
        .where(eq(inboxEvents.webhookEventId, e.webhookEventId));
      ids.push(row!.id);
    }
    return ids;
  };
  const caseOf = async (userId: string) => {
    const rows = await h.db
      .select({ c: cases })
      .from(cases)
      .innerJoin(residents, eq(residents.id, cases.residentId))
      .where(eq(residents.lineUserId, userId));
    return rows.map((r) => r.c);
  };

  it('handling a later event first handles the older ones stored before it (after a crash)', async () => {
    const userId = newUser();
    const events = complaintFlow(userId, 'ถนนหน้าบ้านเป็นหลุม', h.deps.clock().getTime());
    // The first five were acknowledged just before a crash; the last arrives after the restart.
    const ids = await store(events);
    expect(await processInboxEvent(h.deps, ids[5]!)).toBe(true);
    const [c] = await caseOf(userId);
    expect(c).toMatchObject({
      kind: 'complaint',
      subject: 'ถนนหน้าบ้านเป็นหลุม',
      description: 'รายละเอียดของ ถนนหน้าบ้านเป็นหลุม',
      concerning: 'งานทะเบียน',
    });
    const rows = await h.db
      .select({ seq: inboxEvents.seq, processedAt: inboxEvents.processedAt })
      .from(inboxEvents)
      .where(eq(inboxEvents.sourceId, userId))
      .orderBy(inboxEvents.eventTimestamp);
    expect(rows.every((r) => r.processedAt !== null)).toBe(true);
    // Replies left in the order of the events: the first answers the menu tap.
    const replies = h.fake
      .calls('/v2/bot/message/reply')
      .filter((r) => events.some((e) => e.replyToken === (r.body as any).replyToken));
    expect(replies.map((r) => (r.body as any).replyToken)).toEqual(events.map((e) => e.replyToken));
  });

  it('the sweeper handles a sender’s events by their timestamps, not by arrival', async () => {
    const userId = newUser();
    const events = complaintFlow(userId, 'ไฟดับทั้งซอย', h.deps.clock().getTime());
    // LINE redelivered the early ones after the later ones had arrived.
    await store([...events.slice(3), ...events.slice(0, 3)]);
    h.advance(31_000);
    expect(await sweepInbox(h.deps)).toBe(6);
    const [c] = await caseOf(userId);
    expect(c).toMatchObject({ subject: 'ไฟดับทั้งซอย', description: 'รายละเอียดของ ไฟดับทั้งซอย' });
  });

  it('waits behind an older event waiting for its retry, then goes on after the bound and logs the gap', async () => {
    const userId = newUser();
    const t0 = h.deps.clock().getTime();
    const [first, second] = await store([
      lineEvents.postback({ userId, data: 'menu:complain', timestamp: t0 }),
      lineEvents.text({ userId, text: 'น้ำไม่ไหล', timestamp: t0 + 100 }),
    ]);
    // The first failed and waits for its retry.
    await h.db
      .update(inboxEvents)
      .set({ nextAttemptAt: new Date(t0 + 10 * ORDER_WAIT_MS), attempts: 1, lastError: 'boom' })
      .where(eq(inboxEvents.id, first!));

    expect(await processSender(h.deps, h.org.id, userId)).toBe(0);
    h.advance(ORDER_WAIT_MS / 2);
    expect(await sweepInbox(h.deps)).toBe(0);
    const waiting = await h.db
      .select({ id: inboxEvents.id })
      .from(inboxEvents)
      .where(and(eq(inboxEvents.sourceId, userId), isNull(inboxEvents.processedAt)));
    expect(waiting).toHaveLength(2);
    expect(warnings).toHaveLength(0);

    h.advance(ORDER_WAIT_MS);
    expect(await sweepInbox(h.deps)).toBe(1);
    const [row] = await h.db.select().from(inboxEvents).where(eq(inboxEvents.id, second!));
    expect(row!.processedAt).not.toBeNull();
    expect(warnings.map((w) => w.msg)).toEqual([
      'inbox event handled out of order: an older event of its sender is unhandled',
    ]);
    expect(warnings[0]!.fields).toMatchObject({ inboxId: second, waitingFor: first });
  });

  it('a backlog shares one transaction; when one of its events fails, the rest go one by one and only that one is marked failed', async () => {
    const userId = newUser();
    const t0 = h.deps.clock().getTime();
    const texts = ['สวัสดีค่ะ', 'boom', 'ขอบคุณค่ะ'];
    const events = texts.map((text, i) =>
      lineEvents.text({
        userId,
        text,
        replyToken: h.fake.issueReplyToken(userId),
        timestamp: t0 + i * 100,
      }),
    );
    const ids = await store(events);
    expect(ids.length).toBeLessThanOrEqual(RUN_MAX);
    const message = handlers.message!;
    handlers.message = (event, ctx) => {
      if (JSON.stringify(event).includes('"boom"')) throw new Error('handler failed on purpose');
      return message(event, ctx);
    };
    warnings.length = 0;
    try {
      expect(await processSender(h.deps, h.org.id, userId)).toBe(1);
    } finally {
      handlers.message = message;
    }
    const rows = await h.db
      .select({
        id: inboxEvents.id,
        processedAt: inboxEvents.processedAt,
        attempts: inboxEvents.attempts,
        lastError: inboxEvents.lastError,
      })
      .from(inboxEvents)
      .where(eq(inboxEvents.sourceId, userId))
      .orderBy(inboxEvents.eventTimestamp);
    // The run was rolled back whole; then the first was handled alone, the second failed on
    // its own (attempt 1), and the third waits behind it.
    expect(rows.map((r) => [r.processedAt !== null, r.attempts])).toEqual([
      [true, 1],
      [false, 1],
      [false, 0],
    ]);
    expect(rows[1]!.lastError).toBe('handler failed on purpose');
    expect(warnings.map((w) => w.msg)).toEqual([
      "a sender's events could not be handled together; one by one instead",
    ]);
    // The rolled-back run sent nothing: the first event's reply left once.
    const replied = h.fake
      .calls('/v2/bot/message/reply')
      .map((r) => (r.body as { replyToken: string }).replyToken);
    expect(replied.filter((t) => t === events[0]!.replyToken)).toHaveLength(1);
    expect(replied.filter((t) => t === events[2]!.replyToken)).toHaveLength(0);

    // Once the failed one is due again, it and the one behind it are handled, in order.
    h.advance(ORDER_WAIT_MS);
    expect(await processSender(h.deps, h.org.id, userId)).toBe(2);
  });
});
