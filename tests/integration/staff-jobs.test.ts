import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../bot/jobs';
import { runDailyDigests, runSlaEscalation, runWeeklySummaries } from '../../bot/staff/jobs';
import { seedHolidays } from '../../db/holidays';
import { cases } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, linkDemoStaff, residentChat } from '../helpers/staff';

const BKK = 7 * 3600_000;

describe('staff jobs', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof linkDemoStaff>>;
  const who = (p: string) => people.get(p)!;
  beforeAll(async () => {
    h = await createHarness();
    await seedHolidays(h.db);
    people = await linkDemoStaff(h);
  });
  afterAll(() => h.close());

  const texts = (userId: string, after: number) =>
    h.fake.messagesFor(userId, after).map((m) => (m.message as { text?: string }).text ?? '');
  const seq = () => h.fake.delivered.at(-1)?.seq ?? 0;
  /** Moves the clock to a given Thai wall time (ISO without zone). */
  const moveTo = (bangkok: string) => {
    const target = new Date(`${bangkok}+07:00`).getTime();
    const now = h.deps.clock().getTime();
    if (target < now) throw new Error(`cannot go back to ${bangkok}`);
    h.advance(target - now);
  };

  it('the jobs are registered for Node timers and the Workers cron', async () => {
    const { CRON_JOBS } = await import('../../bot/jobs');
    expect(Object.keys(jobs)).toEqual(expect.arrayContaining(['sla-escalation', 'digests']));
    expect(Object.values(CRON_JOBS).flat()).toEqual(
      expect.arrayContaining(['sla-escalation', 'digests']),
    );
  });

  it('escalates an overdue case once per level: assignee, then division head, then clerk’s office; the 15-day explanation once', async () => {
    await residentChat(h).streetLight();
    await flush(h);
    const [c] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, 'service_request')))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    const officer = who('นายช่างไฟฟ้า');
    const head = who('ผู้อำนวยการกองช่าง');
    const clerk = who('ปลัดเทศบาล');
    await h.db
      .update(cases)
      .set({ assigneeId: officer.id, stateType: 'in_progress' })
      .where(eq(cases.id, c!.id));

    // Nothing before the deadline.
    let before = seq();
    expect((await runSlaEscalation(h.deps)).queued).toBe(0);

    // The morning after the deadline day: the assignee is reminded, once.
    const dueDay = new Date(c!.dueAt!.getTime() + BKK).toISOString().slice(0, 10);
    h.advance(c!.dueAt!.getTime() - h.deps.clock().getTime() + 9 * 3600_000);
    const firstLate = new Date(h.deps.clock().getTime() + BKK).toISOString().slice(0, 10);
    expect(firstLate > dueDay).toBe(true);
    await runSlaEscalation(h.deps);
    await runSlaEscalation(h.deps);
    await flush(h);
    const reminder = th.staff.sla.reminder(c!.trackingCode, '').split('(')[0]!;
    // Whether the first late day is a working day decides level 1 now or later: move on to one.
    if (texts(officer.lineUserId, before).length === 0) {
      h.advance(2 * 86_400_000);
      await runSlaEscalation(h.deps);
      await flush(h);
    }
    expect(texts(officer.lineUserId, before).filter((t) => t.startsWith(reminder))).toHaveLength(1);

    // A week later: head and clerk, each once, even when the job runs twice.
    before = seq();
    h.advance(7 * 86_400_000);
    const a = await runSlaEscalation(h.deps);
    const b = await runSlaEscalation(h.deps);
    await flush(h);
    expect(a.queued).toBeGreaterThan(0);
    expect(b.queued).toBe(0);
    const headGot = texts(head.lineUserId, before);
    const clerkGot = texts(clerk.lineUserId, before);
    expect(
      headGot.filter((t) => t.includes(c!.trackingCode) && t.includes(officer.name)),
    ).toHaveLength(1);
    expect(clerkGot.filter((t) => t.includes(c!.trackingCode))).toHaveLength(1);
    expect(texts(officer.lineUserId, before).filter((t) => t.startsWith(reminder))).toHaveLength(0);
    const [after] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    expect(after!.escalationLevel).toBe(3);

    // Past 15 working days: the officer is asked, once, to explain to the resident.
    before = seq();
    h.advance(14 * 86_400_000);
    await runSlaEscalation(h.deps);
    await runSlaEscalation(h.deps);
    await flush(h);
    const [explained] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    expect(explained!.explanationRequestedAt).not.toBeNull();
    expect(
      texts(officer.lineUserId, before).filter((t) =>
        t.startsWith(th.staff.sla.explainRequest(c!.trackingCode)),
      ),
    ).toHaveLength(1);
  });

  it('the morning digest goes once a working day to each division with something to report', async () => {
    // Next Monday 08:30 Thai time.
    const local = new Date(h.deps.clock().getTime() + BKK);
    const days = (8 - local.getUTCDay()) % 7 || 7;
    const monday = new Date(local.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    moveTo(`${monday}T07:00:00`);
    expect((await runDailyDigests(h.deps)).queued).toBe(0); // before 08:00
    moveTo(`${monday}T08:30:00`);
    await residentChat(h).streetLight();
    await flush(h);
    const before = seq();
    const first = await runDailyDigests(h.deps);
    const second = await runDailyDigests(h.deps);
    await flush(h);
    expect(first.queued).toBeGreaterThan(0);
    expect(second.queued).toBe(0);
    const headGot = texts(who('ผู้อำนวยการกองช่าง').lineUserId, before);
    expect(headGot).toHaveLength(1);
    expect(headGot[0]).toContain('กองช่าง');
    // The integrity officer is in no division digest.
    expect(texts(who('นิติกร').lineUserId, before)).toEqual([]);

    // Weekly summary to the executives, once.
    const w1 = await runWeeklySummaries(h.deps);
    const w2 = await runWeeklySummaries(h.deps);
    await flush(h);
    expect(w1.queued).toBe(2); // นายก and ปลัด
    expect(w2.queued).toBe(0);
    expect(texts(who('นายกเทศมนตรี').lineUserId, before).join()).toContain(h.org.name);
  });
});
