import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, newWebhookEventId, webhookBody } from '../../bot/dev/events';
import { sweepInbox } from '../../bot/pipeline/inbox';
import { inboxEvents, outbox, residents } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('POST /webhook/:org', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const inboxRows = (webhookEventId: string) =>
    h.db.select().from(inboxEvents).where(eq(inboxEvents.webhookEventId, webhookEventId));

  it('stores a signed follow event once, handles it once and replies through LINE', async () => {
    const userId = newUser();
    const event = lineEvents.follow({ userId, replyToken: h.fake.issueReplyToken(userId) });
    const res = await h.deliver([event]);
    expect(res.status).toBe(200);

    const rows = await inboxRows(event.webhookEventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.processedAt).not.toBeNull();
    expect(rows[0]!.attempts).toBe(1);

    const replies = h.fake
      .calls('/v2/bot/message/reply')
      .filter((r) => (r.body as any).replyToken === event.replyToken);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.status).toBe(200);
    const texts = h.fake.messagesFor(userId).map((m) => (m.message as { text: string }).text);
    expect(texts[0]).toContain(h.org.name);
    expect(texts).toContain(th.privacyNotice);

    const [resident] = await h.db.select().from(residents).where(eq(residents.lineUserId, userId));
    expect(resident?.orgId).toBe(h.org.id);
    expect(resident?.followedAt).not.toBeNull();
  });

  it('answers an unknown question in Thai, offering staff and a way out', async () => {
    const userId = newUser();
    const res = await h.deliver([
      lineEvents.text({
        userId,
        replyToken: h.fake.issueReplyToken(userId),
        text: 'xyzzy plugh 42',
      }),
    ]);
    expect(res.status).toBe(200);
    const [m] = h.fake.messagesFor(userId);
    const msg = m!.message as {
      text: string;
      quickReply: { items: { action: { label: string } }[] };
    };
    expect(msg.text).toBe(th.conv.ask.notFound);
    expect(msg.quickReply.items.map((i) => i.action.label)).toEqual([
      th.conv.ask.sendToStaff,
      th.conv.intent.asReport,
      th.conv.ask.noThanks,
    ]);
  });

  it('handles an event delivered three times (redelivery) once', async () => {
    const userId = newUser();
    const webhookEventId = newWebhookEventId();
    const replyToken = h.fake.issueReplyToken(userId);
    for (let i = 0; i < 3; i++) {
      const res = await h.deliver([
        lineEvents.text({ userId, replyToken, webhookEventId, isRedelivery: i > 0, text: 'สวัสดี' }),
      ]);
      expect(res.status).toBe(200);
    }
    expect(await inboxRows(webhookEventId)).toHaveLength(1);
    expect(h.fake.messagesFor(userId)).toHaveLength(1);
    const sent = await h.db.select().from(outbox).where(eq(outbox.target, userId));
    expect(sent.map((o) => o.state)).toEqual(['sent']);
  });

  it('handles once an event posted three times at the same moment', async () => {
    const userId = newUser();
    const body = webhookBody([
      lineEvents.text({ userId, replyToken: h.fake.issueReplyToken(userId), text: 'พร้อมกัน' }),
    ]);
    const others = [newUser(), newUser()].map((u) =>
      webhookBody([
        lineEvents.text({ userId: u, replyToken: h.fake.issueReplyToken(u), text: 'อื่น' }),
      ]),
    );
    const res = await Promise.all([
      h.post(body),
      h.post(others[0]!),
      h.post(body),
      h.post(others[1]!),
      h.post(body),
    ]);
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await h.queue.drain();
    expect(h.fake.messagesFor(userId)).toHaveLength(1);
    const rows = await h.db.select().from(inboxEvents).where(eq(inboxEvents.sourceId, userId));
    expect(rows).toHaveLength(1);
  });

  it('stores a batch of events in one body and replies to each', async () => {
    const users = [newUser(), newUser(), newUser()];
    const events = users.map((userId) =>
      lineEvents.text({ userId, replyToken: h.fake.issueReplyToken(userId), text: 'hi' }),
    );
    expect((await h.deliver(events)).status).toBe(200);
    for (const u of users) expect(h.fake.messagesFor(u)).toHaveLength(1);
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const event = lineEvents.text({ userId: newUser(), text: 'x' });
    const body = webhookBody([event]);
    const forged = await h.post(body, {
      signature: 'c2lnbmF0dXJlIHRoYXQgaXMgbm90IHJpZ2h0IGF0IGFsbA==',
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    expect((await h.post(body, { signature: null })).status).toBe(401);
    expect((await h.post(body, { signature: 'not base64!' })).status).toBe(401);
    // A signature of a different body does not pass either.
    expect((await h.post(body, { signature: await h.sign(body + ' ') })).status).toBe(401);
    await h.queue.drain();
    expect(await inboxRows(event.webhookEventId)).toHaveLength(0);
  });

  it('answers 404 for an unknown organisation', async () => {
    const res = await h.post(webhookBody([]), { path: '/webhook/no-such-org' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('routes POST /webhook to the default organisation', async () => {
    const userId = newUser();
    const body = webhookBody([
      lineEvents.text({ userId, replyToken: h.fake.issueReplyToken(userId), text: 'x' }),
    ]);
    expect((await h.post(body, { path: '/webhook' })).status).toBe(200);
    await h.queue.drain();
    expect(h.fake.messagesFor(userId)).toHaveLength(1);
  });

  it('answers 413 to a 2 MB body', async () => {
    const body = JSON.stringify({
      destination: 'U0',
      events: [],
      pad: 'x'.repeat(2 * 1024 * 1024),
    });
    const res = await h.post(body);
    expect(res.status).toBe(413);
  });

  it('answers 400 with a reason to a validly signed body that is not a LINE payload', async () => {
    const garbage = await h.post('this is not json');
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.message).toMatch(/not JSON/);

    const wrongShape = await h.post(
      JSON.stringify({ destination: 'U0', events: [{ type: 'message' }] }),
    );
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json()).error.message).toMatch(
      /events\.0\.(timestamp|webhookEventId|deliveryContext)/,
    );
  });

  it('accepts LINE’s empty verification body', async () => {
    expect((await h.post(webhookBody([]))).status).toBe(200);
  });

  it('logs and marks processed an event type it has no handler for', async () => {
    const event = {
      ...lineEvents.follow({ userId: newUser() }),
      type: 'beacon',
      beacon: { hwid: 'd41d8cd98f', type: 'enter' },
    };
    expect((await h.deliver([event])).status).toBe(200);
    const [row] = await inboxRows(event.webhookEventId);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.lastError).toBeNull();
  });
});

describe('a process that dies after the 200', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ defer: 'drop' });
  });
  afterAll(() => h.close());

  it('loses nothing: the sweeper processes the stored event exactly once', async () => {
    const userId = newUser();
    const event = lineEvents.text({
      userId,
      replyToken: h.fake.issueReplyToken(userId),
      text: th.conv.menuWords[0],
    });
    expect((await h.post(webhookBody([event]))).status).toBe(200);

    // Nothing ran after the ack: the event waits in the inbox.
    const [before] = await h.db
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, event.webhookEventId));
    expect(before?.processedAt).toBeNull();
    expect(h.fake.messagesFor(userId)).toHaveLength(0);

    // Too fresh for the sweeper: it belongs to the after-ack path for a while.
    expect(await sweepInbox(h.deps)).toBe(0);

    h.advance(90_000);
    expect(await sweepInbox(h.deps)).toBe(1);
    expect(await sweepInbox(h.deps)).toBe(0);

    const [after] = await h.db
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, event.webhookEventId));
    expect(after?.processedAt).not.toBeNull();
    expect(after?.attempts).toBe(1);
    // The reply token had expired by then (a minute later): the answer still arrives, as a push.
    const got = h.fake.messagesFor(userId);
    expect(got).toHaveLength(1);
    expect(got[0]!.via).toBe('push');
    expect((got[0]!.message as { text: string }).text).toBe(th.chooseMenu);
  });
});
