import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, newMessageId } from '../../bot/dev/events';
import {
  caseUpdates,
  caseWatchers,
  cases,
  conversationStates,
  faqEntries,
  residents,
  staff,
  staffRoles,
} from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, newLineUser } from '../helpers/staff';

const conv = th.conv;
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
/** A tiny valid JPEG header is enough: the bot checks type and size, not pixels. */
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);

type Sent = {
  type: string;
  text?: string;
  altText?: string;
  quickReply?: { items: { action: { label: string } }[] };
};

describe('resident conversations over the webhook', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  /** A resident on a phone: each call is one signed webhook event; returns what the bot sent back. */
  function resident(userId = newUser()) {
    let seen = 0;
    const send = async (event: object) => {
      expect((await h.deliver([event])).status).toBe(200);
      const got = h.fake.messagesFor(userId, seen);
      seen = got.at(-1)?.seq ?? seen;
      return got.map((m) => m.message as Sent);
    };
    const token = () => h.fake.issueReplyToken(userId);
    return {
      userId,
      say: (text: string) => send(lineEvents.text({ userId, replyToken: token(), text })),
      tap: (data: string) => send(lineEvents.postback({ userId, replyToken: token(), data })),
      photo: (bytes = JPEG, type = 'image/jpeg') => {
        const messageId = newMessageId();
        h.fake.putContent(messageId, bytes, type);
        return send(lineEvents.image({ userId, replyToken: token(), messageId }));
      },
      pin: (latitude: number, longitude: number, address?: string) =>
        send(lineEvents.location({ userId, replyToken: token(), latitude, longitude, address })),
      sticker: () =>
        send({
          ...lineEvents.text({ userId, replyToken: token(), text: 'x' }),
          message: { type: 'sticker', id: newMessageId(), packageId: '1', stickerId: '1' },
        }),
    };
  }
  const texts = (sent: Sent[]) => sent.map((m) => m.text ?? m.altText ?? m.type);
  const labels = (sent: Sent[]) => sent.at(-1)?.quickReply?.items.map((i) => i.action.label) ?? [];
  const casesOf = (userId: string) =>
    h.db
      .select({ c: cases })
      .from(cases)
      .innerJoin(residents, eq(residents.id, cases.residentId))
      .where(and(eq(residents.lineUserId, userId), eq(cases.orgId, h.org.id)))
      .then((rows) => rows.map((r) => r.c));

  it('files a complete service request with a photo and a location, and sends a receipt', async () => {
    const r = resident();
    expect(labels(await r.tap('menu:report'))).toContain('ไฟฟ้าส่องสว่าง');
    expect(texts(await r.tap('cat:street_light'))[0]).toContain('ไฟฟ้าส่องสว่าง');
    expect(texts(await r.say('ไฟดับ 3 ต้น หน้าโรงเรียน'))[0]).toBe(conv.report.whereNext);
    expect(texts(await r.photo())).toEqual([conv.report.photoKept, conv.report.location]);
    const summary = await r.pin(16.4419, 102.836, 'ถนนมิตรภาพ');
    expect(texts(summary).at(-1)).toContain('ไฟดับ 3 ต้น หน้าโรงเรียน');
    const done = await r.say(conv.confirm);
    expect(done[0]!.type).toBe('flex');

    const [c] = await casesOf(r.userId);
    expect(c).toMatchObject({
      kind: 'service_request',
      category: 'street_light',
      stateType: 'waiting',
      latitude: 16.4419,
      address: 'ถนนมิตรภาพ',
    });
    expect(c!.trackingCode).toMatch(/^FS-\d{4}-[A-Z2-9]{4}$/);
    expect(done[0]!.altText).toContain(c!.trackingCode);
    // Routed to the division that owns street lights, photo stored, timeline started.
    expect(c!.divisionId).not.toBeNull();
    expect(c!.photos).toHaveLength(1);
    expect(await h.deps.photos.get(c!.photos[0]!.key)).toMatchObject({ contentType: 'image/jpeg' });
    const updates = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, c!.id));
    expect(updates.map((u) => u.note)).toEqual([th.cases.filedViaLine]);
    // The loading animation was shown while the photo downloaded.
    expect(h.fake.calls('/v2/bot/chat/loading/start').length).toBeGreaterThan(0);
  });

  it('files a complaint routed to the clerk’s office', async () => {
    const r = resident();
    await r.tap('menu:complain');
    await r.say('เจ้าหน้าที่พูดจาไม่สุภาพ');
    await r.say('ไปติดต่อขอใบอนุญาตเมื่อวานนี้');
    await r.say('งานทะเบียน');
    await r.say(conv.skip);
    expect((await r.say(conv.confirm))[0]!.type).toBe('flex');
    const [c] = await casesOf(r.userId);
    expect(c).toMatchObject({
      kind: 'complaint',
      subject: 'เจ้าหน้าที่พูดจาไม่สุภาพ',
      concerning: 'งานทะเบียน',
    });
  });

  it('keeps an anonymous corruption complaint unlinked; tracking needs the PIN, and guesses are limited', async () => {
    const r = resident();
    await r.tap('menu:corruption');
    await r.say(conv.corruption.anonymous);
    await r.say('มีการเรียกรับเงินเพื่อให้ได้ใบอนุญาตเร็วขึ้น');
    await r.say(conv.skip);
    await r.say(conv.skip);
    const asked = await r.say('246813');
    expect(texts(asked)).toEqual([conv.corruption.notifyAsk]);
    expect(labels(asked)).toEqual([
      conv.corruption.notifyYes,
      conv.corruption.notifyNo,
      conv.cancel,
    ]);
    expect(texts(await r.say(conv.corruption.notifyNo))[0]).toContain(conv.corruption.notifyOff);
    const receipt = await r.say(conv.confirm);
    expect(texts(receipt)).toContain(conv.corruption.protectAnonymous);
    expect(JSON.stringify(receipt[0])).toContain(conv.receipt.notifyNone);
    expect(JSON.stringify(receipt[0])).not.toContain(conv.receipt.notifyLine);
    const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(receipt[0]!.altText!)![0];

    const [c] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.trackingCode, code)));
    expect(c).toMatchObject({
      kind: 'corruption',
      anonymity: 'anonymous',
      residentId: null,
      reporterIdentityEnc: null,
    });
    expect(c!.pinHash).not.toContain('246813');
    expect(JSON.stringify(c)).not.toContain(r.userId);
    // Without the opt-in, the LINE account is kept nowhere.
    expect(await h.db.select().from(caseWatchers).where(eq(caseWatchers.caseId, c!.id))).toEqual(
      [],
    );
    // No push went anywhere (alerts to integrity officers arrive with the staff workflow).
    expect(
      h.fake.calls('/v2/bot/message/push').filter((p) => JSON.stringify(p.body).includes(code)),
    ).toHaveLength(0);

    await r.tap('menu:track');
    expect(texts(await r.say(code))).toContain(conv.track.askPin);
    expect(texts(await r.say('1111'))).toContain(conv.track.wrongPin);
    await r.say(code);
    const shown = await r.say('246813');
    expect(shown[0]!.type).toBe('flex');
    expect(shown[0]!.altText).toContain(code);
    for (let i = 0; i < 4; i++) {
      await r.say(code);
      await r.say('0000');
    }
    await r.say(code);
    expect(texts(await r.say('246813'))).toContain(conv.track.tooMany);
  });

  it('an anonymous reporter who opts in is kept sealed in one watcher row, never on the case, and hears staff progress', async () => {
    const r = resident();
    await r.tap('menu:corruption');
    await r.say(conv.corruption.anonymous);
    await r.say('มีการเรียกรับเงินค่าตรวจแบบ');
    await r.say(conv.skip);
    await r.say(conv.skip);
    await r.say('135790');
    // An unexpected answer asks again; the question stays.
    expect(texts(await r.say('โอเค'))).toEqual([conv.unexpected, conv.corruption.notifyAsk]);
    const summary = await r.say(conv.corruption.notifyYes);
    expect(texts(summary)[0]).toContain(conv.corruption.notifyOn);
    const receipt = await r.say(conv.confirm);
    expect(texts(receipt)).toContain(conv.corruption.protectAnonymousNotify);
    expect(JSON.stringify(receipt[0])).toContain(conv.receipt.notifyLine);
    expect(texts(receipt)).not.toContain(conv.corruption.protectAnonymous);
    const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(receipt[0]!.altText!)![0];

    const [c] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.trackingCode, code)));
    expect(c).toMatchObject({
      kind: 'corruption',
      anonymity: 'anonymous',
      residentId: null,
      reporterIdentityEnc: null,
    });
    expect(JSON.stringify(c)).not.toContain(r.userId);
    const watchers = await h.db.select().from(caseWatchers).where(eq(caseWatchers.caseId, c!.id));
    expect(watchers).toHaveLength(1);
    expect(watchers[0]!.orgId).toBe(h.org.id);
    expect(watchers[0]!.targetEnc).not.toContain(r.userId);
    expect(await h.deps.orgs.secrets.open(watchers[0]!.targetEnc)).toBe(r.userId);
    // Tracking still needs the PIN: the watcher row grants nothing.
    await r.tap('menu:track');
    expect(texts(await r.say(code))).toContain(conv.track.askPin);

    // An integrity officer accepts the case in the staff console: the reporter hears it on
    // LINE, through the outbox and the fake LINE Platform.
    const officerLine = newLineUser();
    const [officer] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: 'ทดสอบ ผู้รับผิดชอบด้านความโปร่งใส', lineUserId: officerLine })
      .returning();
    await h.db.insert(staffRoles).values({
      orgId: h.org.id,
      staffId: officer!.id,
      role: 'integrity_officer',
      divisionId: null,
    });
    const token = await h.fake.issueIdToken(officerLine, 'simulator');
    await flush(h);
    const before = h.fake.messagesFor(r.userId).at(-1)?.seq ?? 0;
    const res = await h.app.request(`/api/staff/${h.slug}/cases/${c!.id}/accept`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { notified: number }).notified).toBe(1);
    await flush(h);
    const told = h.fake.messagesFor(r.userId, before).map((m) => JSON.stringify(m.message));
    expect(told).toEqual([expect.stringContaining(th.cases.stateLabels.in_progress)]);
    const [after] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    expect(after!.stateType).toBe('in_progress');
    expect(JSON.stringify(after)).not.toContain(r.userId);
  });

  it('stores a confidential reporter’s identity encrypted, for the integrity officers only', async () => {
    const r = resident();
    await r.tap('menu:corruption');
    await r.say(conv.corruption.confidential);
    await r.say('ฮั้วประมูลถนน');
    await r.say('ผู้รับเหมา');
    await r.say(conv.skip);
    await r.say('081-234-5678');
    const receipt = await r.say(conv.confirm);
    const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(receipt[0]!.altText!)![0];
    const [c] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.trackingCode, code)));
    expect(c).toMatchObject({ anonymity: 'confidential', residentId: null });
    expect(c!.reporterIdentityEnc).not.toContain(r.userId);
    expect(JSON.parse(await h.deps.orgs.secrets.open(c!.reporterIdentityEnc!))).toMatchObject({
      lineUserId: r.userId,
      contact: '081-234-5678',
    });
    // The reporter can still follow it from the same LINE account.
    await r.tap('menu:track');
    expect((await r.say(code))[0]!.type).toBe('flex');
    // Another resident cannot.
    const other = resident();
    await other.tap('menu:track');
    expect(texts(await other.say(code))).toContain(conv.track.notFound);
  });

  it('answers a question from the organisation’s FAQ', async () => {
    const r = resident();
    const sent = await r.say('ภาษีที่ดินกับสิ่งปลูกสร้างต้องจ่ายภายในเดือนไหน');
    const [entry] = await h.db
      .select()
      .from(faqEntries)
      .where(and(eq(faqEntries.orgId, h.org.id), eq(faqEntries.extId, 'land-tax-deadline')));
    expect(entry, 'the demo FAQ has land-tax-deadline').toBeDefined();
    expect(texts(sent)[0]).toContain(entry!.answer.slice(0, 40));
  });

  it('passes an unanswered question to staff as a question case', async () => {
    const r = resident();
    const offered = await r.say('xyzzy plugh 42');
    expect(texts(offered)).toEqual([conv.ask.notFound]);
    expect(labels(offered)).toContain(conv.ask.sendToStaff);
    const sent = await r.tap('faq:handoff');
    expect(texts(sent)[0]).toMatch(/^ส่งเรื่องถึงเจ้าหน้าที่แล้ว/);
    const [c] = await casesOf(r.userId);
    expect(c).toMatchObject({ kind: 'question', description: 'xyzzy plugh 42' });
  });

  it('cancels mid-flow and forgets what was typed', async () => {
    const r = resident();
    await r.tap('menu:report');
    await r.tap('cat:water');
    const sent = await r.say('ยกเลิก');
    expect(texts(sent)).toEqual([conv.cancelled]);
    expect(labels(sent)).toEqual(Object.values(th.menu));
    expect(await casesOf(r.userId)).toHaveLength(0);
  });

  it('expires a half-finished report and says so', async () => {
    const r = resident();
    await r.tap('menu:report');
    await r.tap('cat:water');
    h.advance(31 * 60_000);
    const sent = await r.say('สวัสดี');
    expect(texts(sent)[0]).toBe(conv.expired(conv.flowName.report));
    const [resident_] = await h.db
      .select()
      .from(residents)
      .where(eq(residents.lineUserId, r.userId));
    const [state] = await h.db
      .select()
      .from(conversationStates)
      .where(eq(conversationStates.residentId, resident_!.id));
    expect(state?.flow).not.toBe('report');
  });

  it('answers unexpected input at every step with options, never silence', async () => {
    const r = resident();
    const odd = [
      () => r.sticker(),
      () => r.say('   '),
      () => r.say('ก'.repeat(5000)),
      () => r.say('🙂🙃'),
    ];
    const steps = [
      () => r.tap('menu:report'),
      () => r.tap('cat:road'),
      () => r.say('ถนนเป็นหลุม'),
      () => r.photo(),
      () => r.pin(16.4, 102.8),
    ];
    for (const next of steps) {
      await next();
      for (const poke of odd) {
        const sent = await poke();
        expect(sent.length).toBeGreaterThan(0);
        expect(labels(sent).length).toBeGreaterThan(0);
      }
    }
    // A wrong file type where a photo is expected is refused with a reason.
    const s = resident();
    await s.tap('menu:report');
    await s.tap('cat:road');
    await s.say('x');
    expect(texts(await s.photo(new Uint8Array([1, 2, 3]), 'application/pdf'))[0]).toContain(
      conv.report.photoBadType,
    );
  });

  it('exports and deletes a resident’s data; cases stay, unlinked and redacted', async () => {
    const r = resident();
    await r.tap('menu:complain');
    await r.say('ขอให้ติดต่อกลับ');
    await r.say('โทรหาฉันที่ 081-999-8888 นายสมศักดิ์ รักดี');
    await r.say(conv.skip);
    await r.say(conv.skip);
    await r.say(conv.confirm);
    const [c] = await casesOf(r.userId);
    expect(texts(await r.say('ขอข้อมูลของฉัน'))[0]).toContain(c!.trackingCode);

    await r.say('ลบข้อมูลของฉัน');
    expect(texts(await r.say(conv.confirm))).toEqual([conv.data.deleted]);
    expect(await casesOf(r.userId)).toHaveLength(0);
    const [kept] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    expect(kept!.residentId).toBeNull();
    expect(kept!.description).not.toContain('081-999-8888');
    expect(kept!.description).not.toContain('สมศักดิ์');
  });

  it('deleting one’s data also deletes the sealed LINE id kept for anonymous progress messages', async () => {
    const fileOptedIn = async (r: ReturnType<typeof resident>) => {
      await r.tap('menu:corruption');
      await r.say(conv.corruption.anonymous);
      await r.say('เรียกรับเงินค่าอนุญาต');
      await r.say(conv.skip);
      await r.say(conv.skip);
      await r.say('258036');
      await r.say(conv.corruption.notifyYes);
      const receipt = await r.say(conv.confirm);
      const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(receipt[0]!.altText!)![0];
      const [c] = await h.db
        .select()
        .from(cases)
        .where(and(eq(cases.orgId, h.org.id), eq(cases.trackingCode, code)));
      return c!.id;
    };
    const watchersOf = (caseId: string) =>
      h.db.select().from(caseWatchers).where(eq(caseWatchers.caseId, caseId));
    const r = resident();
    const other = resident();
    const mine = await fileOptedIn(r);
    const theirs = await fileOptedIn(other);
    expect(await watchersOf(mine)).toHaveLength(1);

    await r.say('ลบข้อมูลของฉัน');
    expect(texts(await r.say(conv.confirm))).toEqual([conv.data.deleted]);
    expect(await watchersOf(mine)).toEqual([]);
    // Someone else's opt-in stays.
    const kept = await watchersOf(theirs);
    expect(kept).toHaveLength(1);
    expect(await h.deps.orgs.secrets.open(kept[0]!.targetEnc)).toBe(other.userId);
    // The case itself stays.
    expect(await h.db.select().from(cases).where(eq(cases.id, mine))).toHaveLength(1);
  });
});
