import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { runSlaEscalation, runDigests } from '../../bot/staff/jobs';
import { addOrgHoliday, seedHolidays } from '../../db/holidays';
import { cases, surveyResponses, surveyRounds } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, linkDemoStaff, newLineUser, residentChat } from '../helpers/staff';

/**
 * Issue 17: the clock moved two hours at a time (FAULT_CLOCK_STEP_MINUTES) across midnights,
 * a weekend, a holiday and the 30 Sep / 1 Oct fiscal-year boundary, the staff jobs run at every step (twice: a second
 * process, or a cron firing again) — each daily digest once per working day and person,
 * never on a weekend or holiday, the weekly summary once each Monday, each escalation level
 * once per case and in order; a case and a survey response a minute either side of the
 * fiscal-year boundary land in their own month and round. The time is the harness's clock
 * (injected `now`), not faked timers. The window is the next 28 Sep – mid-October.
 */
const BKK = 7 * 3600_000;
const day = (t: Date) => new Date(t.getTime() + BKK).toISOString().slice(0, 10);
const weekday = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay();

describe('the clock moved across midnight, a weekend, a holiday and the fiscal year', () => {
  let h: Harness;
  afterAll(() => h?.close());

  it('sends each digest and escalation once, on working days, and dates the boundary right', async () => {
    h = await createHarness();
    await seedHolidays(h.db);
    const people = await linkDemoStaff(h);
    const nowReal = h.deps.clock();
    const year =
      nowReal.getTime() < Date.parse(`${nowReal.getUTCFullYear()}-09-20T00:00:00Z`)
        ? nowReal.getUTCFullYear()
        : nowReal.getUTCFullYear() + 1;
    const moveTo = (bangkok: string) => {
      const target = new Date(`${bangkok}+07:00`).getTime();
      h.advance(target - h.deps.clock().getTime());
    };
    // A local holiday on the first Wednesday from 6 October: a working weekday otherwise.
    let holiday = `${year}-10-06`;
    while (weekday(holiday) !== 3)
      holiday = new Date(Date.parse(`${holiday}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
    await addOrgHoliday(h.db, h.org.id, holiday, 'วันหยุดท้องถิ่น (ทดสอบ)');

    // Two open cases whose time limit ends on 29 September, assigned.
    moveTo(`${year}-09-28T09:00:00`);
    await residentChat(h).streetLight();
    await residentChat(h).complaint();
    await flush(h);
    const officer = people.get('นายช่างไฟฟ้า')!;
    const open = await h.db.select().from(cases).where(eq(cases.orgId, h.org.id));
    expect(open).toHaveLength(2);
    await h.db
      .update(cases)
      .set({
        assigneeId: officer.id,
        stateType: 'in_progress',
        dueAt: new Date(`${year}-09-29T16:30:00+07:00`),
      })
      .where(
        inArray(
          cases.id,
          open.map((c) => c.id),
        ),
      );

    // A case and a survey response one minute either side of the fiscal-year boundary.
    const token = async (u: string) => h.fake.issueIdToken(u, 'simulator');
    const surveyId = ((await (await h.app.request(`/api/survey/${h.slug}`)).json()) as any).survey
      .id;
    const answer = async () => {
      const u = newLineUser();
      const res = await h.app.request(`/api/survey/${h.slug}/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token(u)}` },
        body: JSON.stringify({
          surveyId,
          version: 1,
          answers: {
            p1: 'resident',
            p2: 'welfare',
            p3: 'counter',
            e1: '4',
            e2: '3',
            e3: '4',
            e4: 'no',
            e5: '3',
            e6: '4',
            e7: '2',
            e8: '3',
            e9: 'na',
            s1: '5',
          },
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as any).id as string | undefined;
    };

    const start = h.deps.clock().getTime();
    const end = Date.parse(`${holiday}T00:00:00+07:00`) + 2 * 86_400_000 + 12 * 3600_000;
    const stepMs = Number(process.env.FAULT_CLOCK_STEP_MINUTES ?? 120) * 60_000;
    let boundaryDone = false;
    for (let t = start; t <= end; t += stepMs) {
      h.advance(t - h.deps.clock().getTime());
      if (!boundaryDone && t >= Date.parse(`${year}-09-30T23:00:00+07:00`)) {
        boundaryDone = true;
        moveTo(`${year}-09-30T23:59:00`);
        await residentChat(h).complaint('ก่อนขึ้นปีงบประมาณ');
        await answer();
        moveTo(`${year}-10-01T00:00:30`);
        await residentChat(h).complaint('หลังขึ้นปีงบประมาณ');
        await answer();
        await flush(h);
        continue;
      }
      await runSlaEscalation(h.deps);
      await runDigests(h.deps);
      await runSlaEscalation(h.deps);
      await runDigests(h.deps);
      await flush(h);
    }
    expect(boundaryDone).toBe(true);

    // Everything the staff received, by person, Thai day and kind.
    const texts = (userId: string) =>
      h.fake.messagesFor(userId).map((m) => ({
        day: day(new Date(m.at)),
        text: (m.message as { text?: string }).text ?? '',
      }));
    const workingDay = (d: string) => weekday(d) !== 0 && weekday(d) !== 6 && d !== holiday;
    const dailyHead = th.staff.digest
      .daily('§', '§', { new: 0, overdue: 0, dueToday: 0 })
      .split('§')[0]!;
    const weeklyHead = th.staff.digest
      .weekly('§', '§', '§', { filed: 0, finished: 0, open: 0, overdue: 0 })
      .split('§')[0]!;
    const problems: string[] = [];
    const digestDays = new Set<string>();
    for (const [position, p] of people) {
      const mine = texts(p.lineUserId);
      const perDay = new Map<string, number>();
      for (const m of mine.filter((m) => m.text.startsWith(dailyHead))) {
        perDay.set(m.day, (perDay.get(m.day) ?? 0) + 1);
        digestDays.add(m.day);
      }
      for (const [d, n] of perDay) {
        if (n !== 1) problems.push(`${position}: ${n} daily digests on ${d}`);
        if (!workingDay(d)) problems.push(`${position}: a daily digest on ${d}, not a working day`);
      }
      for (const m of mine.filter((m) => m.text.startsWith(weeklyHead)))
        if (weekday(m.day) !== 1) problems.push(`${position}: weekly summary on ${m.day}`);
      const weeks = mine.filter((m) => m.text.startsWith(weeklyHead)).map((m) => m.day);
      if (new Set(weeks).size !== weeks.length)
        problems.push(`${position}: weekly twice in a week`);
    }
    expect(problems).toEqual([]);
    // The weekly summary: once on each Monday of the window, for whoever receives it.
    const mondays = new Set<string>();
    for (let t = start; t <= end; t += 3600_000)
      if (weekday(day(new Date(t))) === 1) mondays.add(day(new Date(t)));
    const weeklies = [...people.values()].map(
      (p) => texts(p.lineUserId).filter((m) => m.text.startsWith(weeklyHead)).length,
    );
    expect(mondays.size).toBeGreaterThan(0);
    expect(Math.max(...weeklies)).toBe(mondays.size);
    expect(weeklies.filter((n) => n !== 0 && n !== mondays.size)).toEqual([]);
    // Digests came on the working days either side of the boundary, none on the weekend.
    expect(digestDays.has(`${year}-09-30`)).toBe(true);
    expect(digestDays.has(`${year}-10-01`)).toBe(true);
    expect(digestDays.has(holiday)).toBe(false);

    // Each escalation level once per case and person, in order.
    const reminder = th.staff.sla.reminder('§', '§').split('§')[0]!;
    for (const c of open) {
      const mentions = [...people.values()].flatMap((p) =>
        texts(p.lineUserId)
          .filter((m) => m.text.includes(c.trackingCode) && !m.text.startsWith(dailyHead))
          .map((m) => ({ ...m, who: p.lineUserId })),
      );
      const key = (m: { who: string; text: string }) => `${m.who}|${m.text.split('(')[0]}`;
      const seen = new Map<string, number>();
      for (const m of mentions) seen.set(key(m), (seen.get(key(m)) ?? 0) + 1);
      expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(mentions.some((m) => m.text.startsWith(reminder))).toBe(true);
    }

    // The boundary: tracking codes and rounds by Thai time.
    const be = year + 543;
    const filed = await h.db
      .select({ code: cases.trackingCode, subject: cases.subject })
      .from(cases)
      .where(
        and(
          eq(cases.orgId, h.org.id),
          inArray(cases.subject, ['ก่อนขึ้นปีงบประมาณ', 'หลังขึ้นปีงบประมาณ']),
        ),
      );
    const codeOf = (s: string) => filed.find((f) => f.subject === s)!.code;
    expect(codeOf('ก่อนขึ้นปีงบประมาณ')).toMatch(new RegExp(`^FS-${String(be).slice(2)}09-`));
    expect(codeOf('หลังขึ้นปีงบประมาณ')).toMatch(new RegExp(`^FS-${String(be).slice(2)}10-`));
    const rounds = await h.db
      .select({ label: surveyRounds.label })
      .from(surveyResponses)
      .innerJoin(surveyRounds, eq(surveyRounds.id, surveyResponses.roundId))
      .where(eq(surveyResponses.orgId, h.org.id))
      .orderBy(surveyResponses.submittedAt);
    expect(rounds.map((r) => r.label)).toEqual([`${be}-2`, `${be + 1}-1`]);
  });
});
