import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, newMessageId } from '../../bot/dev/events';
import { caseSupporters, caseUpdates, cases, conversationStates, residents } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * Residents start in their own words, through the signed webhook and the fake LINE
 * Platform: whatever they send first, a report ends with a receipt in four messages.
 */
const conv = th.conv;
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);

type Sent = {
  type: string;
  text?: string;
  altText?: string;
  quickReply?: {
    items: { action: { type: string; label: string; uri?: string; data?: string } }[];
  };
};

describe('starting from what the resident sends', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  /** A resident whose every event is counted: the count is what the issue measures. */
  function resident(userId = newUser()) {
    let seen = 0;
    let sent = 0;
    const send = async (event: Record<string, unknown>) => {
      sent++;
      expect((await h.deliver([event])).status).toBe(200);
      const got = h.fake.messagesFor(userId, seen);
      seen = got.at(-1)?.seq ?? seen;
      return got.map((m) => m.message as Sent);
    };
    const token = () => h.fake.issueReplyToken(userId);
    /** LINE adds a markAsReadToken to message events where the channel allows it. */
    const readable = (e: { message: Record<string, unknown> }) => ({
      ...e,
      message: { ...e.message, markAsReadToken: `read-${sent}` },
    });
    return {
      userId,
      count: () => sent,
      say: (text: string) => send(readable(lineEvents.text({ userId, replyToken: token(), text }))),
      tap: (data: string) => send(lineEvents.postback({ userId, replyToken: token(), data })),
      photo: (bytes = JPEG, type = 'image/jpeg') => {
        const messageId = newMessageId();
        h.fake.putContent(messageId, bytes, type);
        return send(readable(lineEvents.image({ userId, replyToken: token(), messageId })));
      },
      pin: (latitude: number, longitude: number, address?: string) =>
        send(
          readable(
            lineEvents.location({ userId, replyToken: token(), latitude, longitude, address }),
          ),
        ),
      media: (type: string) =>
        send({
          ...lineEvents.text({ userId, replyToken: token(), text: 'x' }),
          message: { type, id: newMessageId() },
        }),
    };
  }
  const texts = (sent: Sent[]) => sent.map((m) => m.text ?? m.altText ?? m.type);
  const actions = (sent: Sent[]) => sent.at(-1)?.quickReply?.items.map((i) => i.action) ?? [];
  const receiptCode = (sent: Sent[]) =>
    sent
      .find((m) => m.type === 'flex' && m.altText?.startsWith(conv.receipt.title))
      ?.altText?.match(/FS-\d{4}-[A-Z2-9]{4}/)?.[0];
  const caseByCode = async (code: string) =>
    (await h.db.select().from(cases).where(eq(cases.trackingCode, code)))[0]!;

  // Each scenario at its own place, far from the others, so no nearby case interferes.
  const orders: [string, (r: ReturnType<typeof resident>, lat: number) => Promise<Sent[]>][] = [
    [
      'photo first',
      async (r, lat) => {
        await r.photo();
        await r.say('ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
        await r.pin(lat, 102.836, 'หน้าวัดศรีสว่าง');
        return r.say(conv.confirm);
      },
    ],
    [
      'location first',
      async (r, lat) => {
        await r.pin(lat, 102.836, 'หน้าวัดศรีสว่าง');
        await r.say('ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
        await r.photo();
        return r.say(conv.confirm);
      },
    ],
    [
      'text first',
      async (r, lat) => {
        await r.say('ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
        await r.photo();
        await r.pin(lat, 102.836, 'หน้าวัดศรีสว่าง');
        return r.say(conv.confirm);
      },
    ],
    [
      'menu first',
      async (r, lat) => {
        await r.tap('menu:report');
        await r.say('ไฟถนนหน้าวัดดับมาสามคืนแล้ว');
        await r.pin(lat, 102.836, 'หน้าวัดศรีสว่าง');
        return r.say(conv.confirm);
      },
    ],
  ];

  it.each(orders.map(([name, run], i) => [name, run, 16.1 + i * 0.01] as const))(
    '%s ends with a receipt in four messages or fewer',
    async (name, run, lat) => {
      const r = resident();
      const done = await run(r, lat);
      const code = receiptCode(done);
      expect(code, name).toBeDefined();
      expect(r.count()).toBeLessThanOrEqual(4);
      const c = await caseByCode(code!);
      expect(c).toMatchObject({
        kind: 'service_request',
        category: 'street_light',
        description: 'ไฟถนนหน้าวัดดับมาสามคืนแล้ว',
        latitude: lat,
        affectedCount: 1,
      });
      expect(c.photos.length).toBe(name === 'menu first' ? 0 : 1);
      if (c.photos[0]) expect(await h.deps.photos.get(c.photos[0].key)).not.toBeNull();
    },
  );

  it('a duplicate at intake: 30 m away gets the existing code and "+1"; 80 m away files anew', async () => {
    const lat = 16.3;
    const first = resident();
    await first.say('ท่อประปาแตกหน้าบ้าน น้ำไหลทิ้ง');
    await first.pin(lat, 102.8, 'ซอย 9');
    const code = receiptCode(await first.say(conv.confirm))!;
    expect(code).toBeDefined();

    // 30 m north: told it is known, with its code and state; "+1" adds the photo to it.
    const second = resident();
    await second.photo();
    await second.say('ท่อประปาแตก น้ำไหลนองถนน');
    const told = await second.pin(lat + 30 / 111_000, 102.8);
    expect(texts(told).at(-1)).toContain(code);
    expect(texts(told).at(-1)).toContain(th.cases.stateLabels.waiting);
    expect(actions(told).map((a) => a.label)).toEqual([
      conv.nearby.join,
      conv.nearby.fileNew,
      conv.cancel,
    ]);
    const joined = await second.tap('nearby:join');
    expect(texts(joined)[0]).toBe(conv.nearby.joined(code, 2));
    const c = await caseByCode(code);
    expect(c.affectedCount).toBe(2);
    expect(c.photos).toHaveLength(1);
    const supporters = await h.db
      .select()
      .from(caseSupporters)
      .where(eq(caseSupporters.caseId, c.id));
    expect(supporters).toHaveLength(1);
    const notes = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, c.id));
    expect(notes.map((n) => n.note)).toContain(conv.nearby.staffNote(2));
    // No second case for the second resident.
    const [res2] = await h.db
      .select()
      .from(residents)
      .where(eq(residents.lineUserId, second.userId));
    expect(await h.db.select().from(cases).where(eq(cases.residentId, res2!.id))).toHaveLength(0);

    // 80 m away: a new case.
    const third = resident();
    await third.say('ท่อประปาแตกหน้าบ้าน น้ำไหลทิ้ง');
    const summary = await third.pin(lat + 80 / 111_000, 102.8);
    expect(texts(summary).join('\n')).not.toContain(code);
    const other = receiptCode(await third.say(conv.confirm));
    expect(other).toBeDefined();
    expect(other).not.toBe(code);
  });

  it('an urgent category: emergency numbers at once as buttons; the case is filed as urgent', async () => {
    const r = resident();
    const first = await r.say('ลูกโดนหมากัดที่ขา');
    const advice = first.find((m) => m.text?.startsWith(conv.urgent.title));
    expect(advice?.quickReply?.items.map((i) => i.action)).toContainEqual(
      expect.objectContaining({ type: 'uri', uri: 'tel:1669' }),
    );
    await r.tap('guess:yes');
    await r.pin(16.5, 102.9, 'บ้านเลขที่ 9');
    const done = await r.say(conv.confirm);
    expect(texts(done)).toContain(conv.urgent.filed);
    const c = await caseByCode(receiptCode(done)!);
    expect(c).toMatchObject({ category: 'dog_bite', urgent: true });
  });

  it('marks messages read when replying; shows "…" only when the answer is slow', async () => {
    const before = h.fake.calls('/v2/bot/chat/markAsRead').length;
    const loading = () => h.fake.calls('/v2/bot/chat/loading/start').length;
    const quiet = loading();
    const r = resident();
    await r.say('สวัสดีค่ะ');
    // The call is not awaited by the handler: give it a moment to arrive.
    for (let i = 0; i < 50 && h.fake.calls('/v2/bot/chat/markAsRead').length === before; i++)
      await new Promise((ok) => setTimeout(ok, 10));
    const reads = h.fake.calls('/v2/bot/chat/markAsRead').slice(before);
    expect(reads.map((c) => (c.body as { markAsReadToken: string }).markAsReadToken)).toEqual([
      'read-0',
    ]);
    // A quick answer needs no "…" (one LINE call fewer per message).
    expect(loading()).toBe(quiet);
    // With the threshold at 0 (an answer slower than it), it shows.
    const threshold = h.deps.services.loadingAnimationAfterMs;
    h.deps.services.loadingAnimationAfterMs = 0;
    try {
      await r.say('สวัสดีค่ะ');
      for (let i = 0; i < 50 && loading() === quiet; i++)
        await new Promise((ok) => setTimeout(ok, 10));
      expect(loading()).toBeGreaterThan(quiet);
    } finally {
      h.deps.services.loadingAnimationAfterMs = threshold;
    }
  });

  it('a saved state that no longer fits resets to idle with a Thai message, never a crash', async () => {
    const r = resident();
    await r.say('ไฟถนนหน้าวัดดับ');
    const [res] = await h.db.select().from(residents).where(eq(residents.lineUserId, r.userId));
    await h.db
      .update(conversationStates)
      .set({ step: 'photo_from_an_old_version', data: { photos: 'broken' } })
      .where(eq(conversationStates.residentId, res!.id));
    const sent = await r.say('สวัสดีค่ะ');
    expect(texts(sent)).toEqual([conv.stateReset, conv.greeting]);
    const [saved] = await h.db
      .select()
      .from(conversationStates)
      .where(and(eq(conversationStates.residentId, res!.id)));
    expect(saved).toMatchObject({ flow: 'idle', step: 'idle' });
  });

  it('a video, a file or audio: a short explanation, nothing stored; a photo over 10 MB too', async () => {
    const r = resident();
    for (const type of ['video', 'file', 'audio']) {
      expect(texts(await r.media(type))).toEqual([conv.media.unsupported]);
    }
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG.slice(0, 4));
    const sent = await r.photo(big);
    expect(texts(sent)[0]).toContain(conv.report.photoTooLarge(10));
    const [res] = await h.db.select().from(residents).where(eq(residents.lineUserId, r.userId));
    const [saved] = await h.db
      .select()
      .from(conversationStates)
      .where(eq(conversationStates.residentId, res!.id));
    expect(saved?.flow ?? 'idle').toBe('idle');
  });

  it('asking for a form gets a button to the LIFF report form', async () => {
    const r = resident();
    const sent = await r.say('ขอแบบฟอร์ม');
    expect(actions(sent)[0]).toMatchObject({ type: 'uri', label: conv.formButton });
    expect(actions(sent)[0]!.uri).toMatch(/\/report\.html\?org=/);
  });
});
