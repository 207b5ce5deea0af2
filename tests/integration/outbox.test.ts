import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePush, sendOutbox } from '../../bot/pipeline/outbox';
import { outbox, outboxAttempts } from '../../db/schema';
import { text } from '../../shared/line/messages';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('outbox sender', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const push = (to: string, words = 'แจ้งความคืบหน้า') =>
    enqueuePush(h.db, { orgId: h.org.id, to, messages: [text(words)], now: h.deps.clock() });
  const row = async (id: string) => (await h.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
  const attempts = (id: string) =>
    h.db
      .select()
      .from(outboxAttempts)
      .where(eq(outboxAttempts.outboxId, id))
      .orderBy(asc(outboxAttempts.attempt));
  const pushesTo = (to: string) =>
    h.fake.calls('/v2/bot/message/push').filter((r) => (r.body as any)?.to === to);
  /** Runs the sender until the row settles, moving the clock past each backoff. */
  async function sendUntilSettled(id: string, maxRuns = 20) {
    for (let i = 0; i < maxRuns; i++) {
      await sendOutbox(h.deps, { ids: [id] });
      const r = await row(id);
      if (r.state === 'sent' || r.state === 'failed') return r;
      h.advance(r.nextAttemptAt.getTime() - h.deps.clock().getTime() + 1);
    }
    throw new Error('outbox row did not settle');
  }

  it('retries 500 twice, then delivers once with the same retry key each time', async () => {
    const to = newUser();
    const id = await push(to);
    h.fake.failNext({ path: '/v2/bot/message/push', status: 500, times: 2 });

    const first = await sendOutbox(h.deps, { ids: [id] });
    expect(first).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await row(id);
    expect(waiting.state).toBe('pending');
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(h.deps.clock().getTime());
    // Not due yet: nothing is sent.
    expect(await sendOutbox(h.deps, { ids: [id] })).toEqual({ sent: 0, retried: 0, failed: 0 });

    const done = await sendUntilSettled(id);
    expect(done.state).toBe('sent');
    expect(done.attempts).toBe(3);
    expect((await attempts(id)).map((a) => a.status)).toEqual([500, 500, 200]);
    const calls = pushesTo(to);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers['x-line-retry-key']))).toEqual(new Set([id]));
    expect(h.fake.messagesFor(to)).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const to = newUser();
    const id = await push(to);
    h.fake.failNext({ path: '/v2/bot/message/push', status: 429, retryAfter: '120' });
    await sendOutbox(h.deps, { ids: [id] });
    const r = await row(id);
    expect(r.nextAttemptAt.getTime() - h.deps.clock().getTime()).toBeGreaterThanOrEqual(120_000);
    h.advance(60_000);
    await sendOutbox(h.deps, { ids: [id] });
    expect(pushesTo(to)).toHaveLength(1);
    h.advance(61_000);
    await sendOutbox(h.deps, { ids: [id] });
    expect((await row(id)).state).toBe('sent');
    expect(h.fake.messagesFor(to)).toHaveLength(1);
  });

  it('gives up on a permanent 400 at once and keeps the reason', async () => {
    const to = newUser();
    const id = await push(to);
    h.fake.failNext({
      path: '/v2/bot/message/push',
      status: 400,
      message: 'The property, to, in the request body is invalid',
    });
    expect(await sendOutbox(h.deps, { ids: [id] })).toEqual({ sent: 0, retried: 0, failed: 1 });
    const r = await row(id);
    expect(r.state).toBe('failed');
    expect(r.lastError).toContain('The property, to, in the request body is invalid');
    expect(await attempts(id)).toHaveLength(1);
  });

  it('gives up after OUTBOX_MAX_ATTEMPTS server errors and says so', async () => {
    const to = newUser();
    const id = await push(to);
    h.fake.failNext({ path: '/v2/bot/message/push', status: 503, times: 100 });
    const r = await sendUntilSettled(id);
    h.fake.reset();
    expect(r.state).toBe('failed');
    expect(r.attempts).toBe(h.deps.env.OUTBOX_MAX_ATTEMPTS);
    expect(r.lastError).toMatch(/^gave up after 5 attempts: .*503/);
  });

  it('counts a push LINE already accepted (crash before recording it) as sent, not sent twice', async () => {
    const to = newUser();
    const id = await push(to);
    // A sender took the row, LINE accepted the push, then the process died before marking it.
    const channel = (await h.deps.orgs.byId(h.org.id))!;
    await h.db
      .update(outbox)
      .set({
        state: 'sending',
        attempts: 1,
        lockedUntil: new Date(h.deps.clock().getTime() + 60_000),
      })
      .where(eq(outbox.id, id));
    await channel.line!.push(to, [text('แจ้งความคืบหน้า')], id);

    expect(await sendOutbox(h.deps, { ids: [id] })).toEqual({ sent: 0, retried: 0, failed: 0 }); // lease still held
    h.advance(61_000);
    expect(await sendOutbox(h.deps, { ids: [id] })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await attempts(id)).map((a) => a.status)).toEqual([409]);
    expect((await row(id)).state).toBe('sent');
    expect(h.fake.messagesFor(to)).toHaveLength(1);
  });

  it('turns a reply with a dead token into a push to the same user', async () => {
    const to = newUser();
    const [r] = await h.db
      .insert(outbox)
      .values({
        orgId: h.org.id,
        kind: 'reply',
        replyToken: 'expired-token',
        target: to,
        messages: [text('คำตอบ')],
        nextAttemptAt: h.deps.clock(),
      })
      .returning();
    await sendOutbox(h.deps, { ids: [r!.id] });
    const after = await row(r!.id);
    expect(after.state).toBe('sent');
    expect(after.kind).toBe('push');
    expect((await attempts(r!.id)).map((a) => [a.kind, a.status])).toEqual([
      ['reply', 400],
      ['push', 200],
    ]);
    expect(h.fake.messagesFor(to).map((m) => m.via)).toEqual(['push']);
  });

  it('never sends a row twice when two senders run at once', async () => {
    const users = Array.from({ length: 20 }, newUser);
    for (const u of users) await push(u);
    await Promise.all([sendOutbox(h.deps), sendOutbox(h.deps), sendOutbox(h.deps)]);
    for (const u of users) expect(h.fake.messagesFor(u)).toHaveLength(1);
  });
});
