import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, type OrgSeed } from '../../db/seed';
import demo from '../../db/seed/demo-org.json' with { type: 'json' };
import { residentWithState, saveConversationState } from '../../db/conversations';
import { insertInboxEvents, lockAndMarkHandled } from '../../db/inbox';
import {
  caseUpdates,
  cases,
  divisions,
  inboxEvents,
  orgs,
  staff,
  staffRoles,
} from '../../db/schema';
import { lineEvents } from '../../bot/dev/events';
import { webhookBodySchema } from '../../shared/line/webhook';
import type { Database } from '../../db/types';
import { makeTrackingCode } from '../../shared/cases';
import { createTestDatabase } from '../helpers/db';

describe('database', () => {
  let d: Database;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(() => d.close());

  it('migrates twice without harm', async () => {
    await d.migrate();
  });

  it('seeds the demo organisation from its data file once', async () => {
    const seed = { ...(demo as OrgSeed), slug: `demo-${Date.now()}` };
    const first = await seedOrg(d.db, seed);
    const second = await seedOrg(d.db, seed);
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const divs = await d.db.select().from(divisions).where(eq(divisions.orgId, first.id));
    expect(divs.map((x) => x.name)).toContain('กองช่าง');
    // The ปลัด holds three roles at once.
    const [clerk] = await d.db.select().from(staff).where(eq(staff.position, 'ปลัดเทศบาล')).limit(1);
    const roles = await d.db.select().from(staffRoles).where(eq(staffRoles.staffId, clerk!.id));
    expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'clerk_office', 'executive']);
  });

  it('keeps the case timeline append-only', async () => {
    const [org] = await d.db
      .insert(orgs)
      .values({ slug: `t-${Date.now()}`, name: 'อบต.ทดสอบ' })
      .returning();
    const [c] = await d.db
      .insert(cases)
      .values({
        orgId: org!.id,
        trackingCode: makeTrackingCode(new Date(), Math.random),
        kind: 'service_request',
        category: 'street_light',
        description: 'ไฟถนนดับหน้าวัด',
        stateLabel: 'รอรับเรื่อง',
        latitude: 16.44,
        longitude: 102.83,
      })
      .returning();
    const [u] = await d.db
      .insert(caseUpdates)
      .values({
        orgId: org!.id,
        caseId: c!.id,
        authorKind: 'system',
        note: 'รับแจ้งทาง LINE',
        toState: 'waiting',
      })
      .returning();
    await expect(
      d.db.update(caseUpdates).set({ note: 'แก้ไข' }).where(eq(caseUpdates.id, u!.id)),
    ).rejects.toThrow();
    await expect(d.db.delete(caseUpdates).where(eq(caseUpdates.id, u!.id))).rejects.toThrow();
    const [still] = await d.db.select().from(caseUpdates).where(eq(caseUpdates.id, u!.id));
    expect(still?.note).toBe('รับแจ้งทาง LINE');
  });

  it('keeps tracking codes unique per organisation', async () => {
    const [a] = await d.db
      .insert(orgs)
      .values({ slug: `a-${Date.now()}`, name: 'ก' })
      .returning();
    const [b] = await d.db
      .insert(orgs)
      .values({ slug: `b-${Date.now()}`, name: 'ข' })
      .returning();
    const row = {
      trackingCode: 'FS-6911-AAAA',
      kind: 'complaint' as const,
      stateLabel: 'รอรับเรื่อง',
    };
    await d.db.insert(cases).values({ ...row, orgId: a!.id });
    await d.db.insert(cases).values({ ...row, orgId: b!.id });
    await expect(d.db.insert(cases).values({ ...row, orgId: a!.id })).rejects.toThrow();
  });

  const newOrg = async (prefix: string) =>
    (
      await d.db
        .insert(orgs)
        .values({ slug: `${prefix}-${Date.now()}`, name: prefix })
        .returning()
    )[0]!;
  /** Events as the webhook has them: through its schema. */
  const parsed = (events: unknown[]) =>
    webhookBodySchema.parse({ destination: 'Ubot', events }).events;

  it('stores a batch of webhook events with every column, in order, once per organisation', async () => {
    const org = await newOrg('inbox');
    const now = new Date('2026-12-03T08:00:00.123Z');
    const events = parsed([
      lineEvents.text({ userId: 'U-a', replyToken: 'r1', text: 'ไฟดับ "หน้าวัด" \\ ทาง' }),
      lineEvents.text({ userId: 'U-a', replyToken: 'r2', text: 'ซ้ำ', isRedelivery: true }),
      lineEvents.follow({ userId: 'U-b', replyToken: 'r3' }),
    ]);
    const items = events.map((event) => ({ orgId: org.id, event, now }));
    const first = await insertInboxEvents(d.db, [...items, items[0]!]);
    expect(first.map((r) => r.webhookEventId)).toEqual(events.map((e) => e.webhookEventId));
    expect(await insertInboxEvents(d.db, items)).toEqual([]);
    const rows = await d.db
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.orgId, org.id))
      .orderBy(inboxEvents.seq);
    expect(rows.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(rows.map((r) => [r.eventType, r.sourceId, r.isRedelivery])).toEqual([
      ['message', 'U-a', false],
      ['message', 'U-a', true],
      ['follow', 'U-b', false],
    ]);
    expect(rows.map((r) => r.raw)).toEqual(events);
    expect(rows.map((r) => r.eventTimestamp)).toEqual(events.map((e) => e.timestamp));
    for (const r of rows) {
      expect([r.receivedAt, r.nextAttemptAt]).toEqual([now, now]);
      expect([r.processedAt, r.attempts]).toEqual([null, 0]);
    }
  });

  it('locks an event once and reads its resident and saved state in the same statement', async () => {
    const org = await newOrg('lock');
    const now = new Date('2026-12-03T09:00:00Z');
    const events = parsed([
      lineEvents.text({ userId: 'U-known', replyToken: 'r1', text: 'ไฟดับ' }),
      lineEvents.text({ userId: 'U-new', replyToken: 'r2', text: 'น้ำไม่ไหล' }),
    ]);
    const [known, fresh] = await insertInboxEvents(
      d.db,
      events.map((event) => ({ orgId: org.id, event, now })),
    );
    const { resident } = await residentWithState(d.db, org.id, 'U-known');
    await saveConversationState(d.db, {
      residentId: resident.id,
      orgId: org.id,
      flow: 'report',
      step: 'describe',
      data: { a: 1 },
      expiresAt: null,
      updatedAt: now,
    });

    const locked = await d.db.transaction((tx) => lockAndMarkHandled(tx, known!.id, now));
    expect(locked?.raw).toEqual(events[0]);
    expect(locked?.residentState?.resident).toEqual(resident);
    expect(locked?.residentState?.saved).toMatchObject({
      flow: 'report',
      step: 'describe',
      data: { a: 1 },
    });
    expect(locked?.residentState?.configVersion).toBe(0);
    expect(await d.db.transaction((tx) => lockAndMarkHandled(tx, known!.id, now))).toBeUndefined();

    const other = await d.db.transaction((tx) => lockAndMarkHandled(tx, fresh!.id, now));
    expect(other?.orgId).toBe(org.id);
    expect(other?.residentState).toBeNull();
  });
});
