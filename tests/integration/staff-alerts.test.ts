import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineEvents } from '../../bot/dev/events';
import { cases, divisions, residents, sentLedger } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { divisionId, flush, linkDemoStaff, residentChat } from '../helpers/staff';

type Flex = { type: string; altText?: string; text?: string; contents?: unknown };

describe('staff alerts on new cases', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof linkDemoStaff>>;
  const who = (position: string) => people.get(position)!;
  beforeAll(async () => {
    h = await createHarness();
    people = await linkDemoStaff(h);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.deps.services.quota.forget();
    // Each test's cases are the newest (the harness clock only moves when told).
    h.advance(60_000);
  });

  /** Everyone on staff who got a push since `after`, by position. */
  function alerted(after: number): Map<string, Flex[]> {
    const got = new Map<string, Flex[]>();
    for (const [position, p] of people) {
      const m = h.fake.messagesFor(p.lineUserId, after).map((x) => x.message as Flex);
      if (m.length) got.set(position, m);
    }
    return got;
  }
  const seq = () => h.fake.delivered.at(-1)?.seq ?? 0;
  const latestCase = async (kind: 'complaint' | 'service_request' | 'corruption') => {
    const [c] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, kind)))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    return c!;
  };

  it('a street-light report alerts the works division (officer and head) only, with the three buttons', async () => {
    const before = seq();
    await residentChat(h).streetLight();
    await flush(h);
    const got = alerted(before);
    expect([...got.keys()].sort()).toEqual(['นายช่างไฟฟ้า', 'ผู้อำนวยการกองช่าง']);
    const flex = got.get('นายช่างไฟฟ้า')!;
    expect(flex).toHaveLength(1);
    expect(flex[0]!.type).toBe('flex');
    const json = JSON.stringify(flex[0]);
    const c = await latestCase('service_request');
    expect(json).toContain(c.trackingCode);
    for (const label of [th.staff.alert.accept, th.staff.alert.assign, th.staff.alert.open])
      expect(json).toContain(label);
    expect(json).toContain(`staff:accept:${c.id}`);
    // Time limits were set from the category (accept 1, finish 7 working days).
    expect(c.dueAt!.getTime()).toBeGreaterThan(c.createdAt.getTime() + 7 * 86_400_000 - 1);
    expect(c.acceptDueAt).not.toBeNull();
  });

  it('a complaint alerts the clerk’s office once, nobody else', async () => {
    const before = seq();
    await residentChat(h).complaint();
    await flush(h);
    const got = alerted(before);
    expect([...got.keys()]).toEqual(['ปลัดเทศบาล']);
    expect(got.get('ปลัดเทศบาล')).toHaveLength(1);
  });

  it('a corruption complaint alerts the integrity officer only, never a group', async () => {
    const group = 'Cgroup' + crypto.randomUUID().replace(/-/g, '');
    await h.db.update(divisions).set({ lineGroupId: group }).where(eq(divisions.orgId, h.org.id));
    try {
      const before = seq();
      await residentChat(h).corruption();
      await flush(h);
      const got = alerted(before);
      expect([...got.keys()]).toEqual(['นิติกร']);
      expect(h.fake.messagesFor(group, before)).toEqual([]);
      const c = await latestCase('corruption');
      expect(JSON.stringify(got.get('นิติกร'))).toContain(c.trackingCode);
    } finally {
      await h.db.update(divisions).set({ lineGroupId: null }).where(eq(divisions.orgId, h.org.id));
    }
  });

  it('a division with a LINE group gets one alert in the group instead of each member', async () => {
    const group = 'Cworks' + crypto.randomUUID().replace(/-/g, '');
    const works = await divisionId(h, 'works');
    await h.db.update(divisions).set({ lineGroupId: group }).where(eq(divisions.id, works));
    try {
      const before = seq();
      await residentChat(h).streetLight();
      await flush(h);
      expect(alerted(before).size).toBe(0);
      expect(h.fake.messagesFor(group, before)).toHaveLength(1);
    } finally {
      await h.db.update(divisions).set({ lineGroupId: null }).where(eq(divisions.id, works));
    }
  });

  it('near the month’s quota, sends one digest notice a day instead of a Flex per case', async () => {
    const saved = { ...h.fake.quota };
    // The month's pushes so far fill the quota (consumption counts pushes, not replies).
    const pushes = h.fake.delivered.filter((m) => m.via !== 'reply').length;
    h.fake.quota = { type: 'limited', value: pushes };
    try {
      // Filing never waits on LINE: the quota is known from an earlier check (kept 5 minutes).
      const channel = (await h.deps.orgs.bySlug(h.slug))!;
      h.deps.services.quota.known(channel.org.id, channel.line, new Date());
      await h.deps.services.quota.settled();
      const before = seq();
      await residentChat(h).complaint('ขอร้องเรียน 1');
      await residentChat(h).complaint('ขอร้องเรียน 2');
      await flush(h);
      const got = alerted(before).get('ปลัดเทศบาล')!;
      expect(got).toHaveLength(1);
      expect(got[0]!.type).toBe('text');
      expect(got[0]!.text).toContain('โควตา');
      const c = await latestCase('complaint');
      const [held] = await h.db
        .select()
        .from(sentLedger)
        .where(eq(sentLedger.key, `alert-held:${c.id}`));
      expect(held).toBeDefined();
      // The console's queue flags it.
      const { lineUserId } = who('ปลัดเทศบาล');
      const token = await h.fake.issueIdToken(lineUserId, 'simulator');
      const res = await h.app.request(`/api/staff/${h.slug}/cases?state=open`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const queue = (await res.json()) as { cases: { id: string; alertHeld: boolean }[] };
      expect(queue.cases.find((x) => x.id === c.id)?.alertHeld).toBe(true);
      expect(h.fake.calls('/v2/bot/message/quota').length).toBeGreaterThan(0);
      expect(h.fake.calls('/v2/bot/message/quota/consumption').length).toBeGreaterThan(0);
    } finally {
      h.fake.quota = saved;
    }
  });

  it('รับเรื่อง from the alert: the case is accepted and the resident hears of it; others are refused', async () => {
    const r = residentChat(h);
    await r.streetLight();
    await flush(h);
    const c = await latestCase('service_request');
    const tap = async (userId: string, data: string) => {
      const before = h.fake.messagesFor(userId).at(-1)?.seq ?? 0;
      await h.deliver([
        lineEvents.postback({ userId, replyToken: h.fake.issueReplyToken(userId), data }),
      ]);
      return h.fake.messagesFor(userId, before).map((m) => (m.message as Flex).text);
    };
    // The health officer is not in the owning division: for them the case does not exist.
    expect(await tap(who('นักวิชาการสุขาภิบาล').lineUserId, `staff:accept:${c.id}`)).toEqual([
      th.staff.api.notFound,
    ]);
    const residentBefore = h.fake.messagesFor(r.userId).at(-1)?.seq ?? 0;
    const officer = who('นายช่างไฟฟ้า');
    expect(await tap(officer.lineUserId, `staff:accept:${c.id}`)).toEqual([
      th.staff.alert.accepted(c.trackingCode),
    ]);
    const [after] = await h.db.select().from(cases).where(eq(cases.id, c.id));
    expect(after).toMatchObject({ stateType: 'in_progress', assigneeId: officer.id });
    await flush(h);
    const told = h.fake.messagesFor(r.userId, residentBefore).map((m) => (m.message as Flex).text);
    expect(told.join()).toContain(c.trackingCode);
    expect(told.join()).toContain(th.cases.stateLabels.in_progress);
    // Tapping again says it is taken.
    const again = await tap(who('ผู้อำนวยการกองช่าง').lineUserId, `staff:accept:${c.id}`);
    expect(again[0]).toContain(th.cases.stateLabels.in_progress);
    // A resident tapping a forged staff postback gets nothing done.
    const [res] = await h.db.select().from(residents).where(eq(residents.lineUserId, r.userId));
    expect(res).toBeDefined();
    expect(await tap(r.userId, `staff:accept:${c.id}`)).toEqual([th.staff.alert.notAllowed]);
  });

  it('มอบหมาย offers the division’s people; the head assigns the officer', async () => {
    await residentChat(h).streetLight();
    await flush(h);
    const c = await latestCase('service_request');
    const head = who('ผู้อำนวยการกองช่าง');
    const officer = who('นายช่างไฟฟ้า');
    const before = h.fake.messagesFor(head.lineUserId).at(-1)?.seq ?? 0;
    await h.deliver([
      lineEvents.postback({
        userId: head.lineUserId,
        replyToken: h.fake.issueReplyToken(head.lineUserId),
        data: `staff:assign:${c.id}`,
      }),
    ]);
    const offer = h.fake.messagesFor(head.lineUserId, before)[0]!.message as {
      quickReply: { items: { action: { label: string; data: string } }[] };
    };
    const names = offer.quickReply.items.map((i) => i.action.label);
    expect(names).toContain(officer.name);
    expect(names).not.toContain(who('นักวิชาการสุขาภิบาล').name);
    const pick = offer.quickReply.items.find((i) => i.action.label === officer.name)!;
    await h.deliver([
      lineEvents.postback({
        userId: head.lineUserId,
        replyToken: h.fake.issueReplyToken(head.lineUserId),
        data: pick.action.data,
      }),
    ]);
    const [after] = await h.db.select().from(cases).where(eq(cases.id, c.id));
    expect(after).toMatchObject({ assigneeId: officer.id, stateType: 'waiting' });
  });
});
