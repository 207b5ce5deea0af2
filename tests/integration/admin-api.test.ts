import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents } from '../../bot/dev/events';
import { seedOrg, type OrgSeed } from '../../db/seed';
import demoOrg from '../../db/seed/demo-org.json' with { type: 'json' };
import { auditLog, faqEntries, orgs, serviceCategories, staff } from '../../db/schema';
import { createHarness, type Harness } from '../helpers/harness';
import { linkDemoStaff, newLineUser, residentChat } from '../helpers/staff';
import { loadCalendar } from '../../db/holidays';
import { addWorkingDays, bangkokDay, isWorkingDay } from '../../shared/staff/calendar';
import { cases, caseUpdates } from '../../db/schema';

describe('the admin API', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof linkDemoStaff>>;
  let otherAdmin: string; // the LINE id of the admin of a second organisation
  let otherSlug: string;
  beforeAll(async () => {
    h = await createHarness();
    people = await linkDemoStaff(h);
    otherSlug = `other-${Math.random().toString(36).slice(2, 8)}`;
    const other = await seedOrg(h.db, { ...(demoOrg as OrgSeed), slug: otherSlug });
    // The second organisation shares the first one's sealed credentials (same test channel).
    const [first] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    await h.db
      .update(orgs)
      .set({
        lineChannelSecretEnc: first!.lineChannelSecretEnc,
        lineAccessTokenEnc: first!.lineAccessTokenEnc,
      })
      .where(eq(orgs.id, other.id));
    otherAdmin = newLineUser();
    await h.db
      .update(staff)
      .set({ lineUserId: otherAdmin })
      .where(and(eq(staff.orgId, other.id), eq(staff.position, 'ปลัดเทศบาล')));
  });
  afterAll(() => h.close());

  const token = (lineUserId: string) => h.fake.issueIdToken(lineUserId, 'simulator');
  const call = async (
    who: string | null,
    method: string,
    path: string,
    body?: unknown,
    slug = h.slug,
  ) =>
    h.app.request(`/api/admin/${slug}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(who ? { authorization: `Bearer ${await token(who)}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const admin = () => people.get('ปลัดเทศบาล')!.lineUserId;

  const routes: [string, string, unknown?][] = [
    ['GET', '/faq'],
    ['PUT', '/faq/matrix-1', { id: 'matrix-1', question: 'คำถามทดสอบ', answer: 'คำตอบ' }],
    ['DELETE', '/faq/matrix-1'],
    ['POST', '/faq/try', { text: 'ต่อใบอนุญาต' }],
    ['GET', '/categories'],
    ['PATCH', '/categories/street_light', { finishDays: 7 }],
    ['GET', '/staff'],
    ['POST', '/holidays', { day: '2099-01-05', name: 'ทดสอบ' }],
    ['POST', '/staff/invites', { role: 'executive' }],
    ['POST', '/staff/00000000-0000-0000-0000-000000000000/deactivate'],
  ];

  it("permission matrix: only this organisation's admins, every route", async () => {
    const others: [string, string][] = [
      ['executive', people.get('นายกเทศมนตรี')!.lineUserId],
      ['division head', people.get('ผู้อำนวยการกองช่าง')!.lineUserId],
      ['officer', people.get('นายช่างไฟฟ้า')!.lineUserId],
      ['integrity officer', people.get('นิติกร')!.lineUserId],
      ["another organisation's admin", otherAdmin],
      ['a resident', newLineUser()],
    ];
    const before = await h.db.select().from(faqEntries).where(eq(faqEntries.orgId, h.org.id));
    for (const [method, path, body] of routes) {
      expect((await call(null, method, path, body)).status, `${method} ${path} anonymous`).toBe(
        401,
      );
      for (const [who, id] of others)
        expect((await call(id, method, path, body)).status, `${method} ${path} ${who}`).toBe(403);
    }
    // The second organisation's admin reaches their own organisation, never the first's.
    expect((await call(otherAdmin, 'GET', '/faq', undefined, otherSlug)).status).toBe(200);
    expect((await call(admin(), 'GET', '/faq', undefined, otherSlug)).status).toBe(403);
    // Nothing changed.
    expect(await h.db.select().from(faqEntries).where(eq(faqEntries.orgId, h.org.id))).toEqual(
      before,
    );
    // The admin gets through.
    expect((await call(admin(), 'GET', '/faq')).status).toBe(200);
  });

  it('an FAQ edit is validated, audited, and the bot answers with the new text at once', async () => {
    const list = (await (await call(admin(), 'GET', '/faq')).json()) as {
      entries: { id: string; question: string; variants: string[]; answer: string }[];
    };
    const e = list.entries[0]!;
    const user = newLineUser();
    const ask = async () => {
      const n = h.fake.messagesFor(user).length;
      await h.deliver([
        lineEvents.text({
          userId: user,
          replyToken: h.fake.issueReplyToken(user),
          text: e.question,
        }),
      ]);
      return h.fake
        .messagesFor(user)
        .slice(n)
        .map((m) => (m.message as { text?: string }).text);
    };
    expect((await ask())[0]).toContain(e.answer);

    const bad = await call(admin(), 'PUT', `/faq/${e.id}`, { ...e, answer: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^answer: /,
    );

    const newAnswer = `คำตอบใหม่ ${Date.now()}`;
    const ok = await call(admin(), 'PUT', `/faq/${e.id}`, { ...e, answer: newAnswer });
    expect(ok.status).toBe(200);
    expect((await ask())[0]).toContain(newAnswer);
    expect((await ask())[0]).not.toContain(e.answer);

    const tried = (await (
      await call(admin(), 'POST', '/faq/try', { text: e.question })
    ).json()) as {
      kind: string;
      id: string;
      confidence: number;
      resident: { text: string };
    };
    expect(tried).toMatchObject({ kind: 'answer', id: e.id, resident: { text: newAnswer } });
    expect(tried.confidence).toBeGreaterThan(0.5);

    const [audit] = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.orgId, h.org.id))
      .orderBy(desc(auditLog.at))
      .limit(1);
    expect(audit!.action).toBe('admin.faq.update');
    expect(audit!.detail).toMatchObject({
      id: e.id,
      before: { answer: e.answer },
      after: { answer: newAnswer },
    });
    const [org] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    expect(org!.configVersion).toBeGreaterThan(0);
  });

  it('categories: time limits 1–365 working days, the division must exist, fields named', async () => {
    for (const finishDays of [0, 366, 1.5]) {
      const r = await call(admin(), 'PATCH', '/categories/street_light', { finishDays });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(
        /^finishDays: /,
      );
    }
    const noDiv = await call(admin(), 'PATCH', '/categories/street_light', {
      divisionCode: 'nope',
    });
    expect(noDiv.status).toBe(400);
    const ok = await call(admin(), 'PATCH', '/categories/street_light', {
      finishDays: 10,
      keywords: ['ไฟดับ', 'ไฟกิ่ง'],
      duplicateRadiusM: 50,
    });
    expect(ok.status).toBe(200);
    const [c] = await h.db
      .select()
      .from(serviceCategories)
      .where(
        and(eq(serviceCategories.orgId, h.org.id), eq(serviceCategories.code, 'street_light')),
      );
    expect(c).toMatchObject({ finishDays: 10, keywords: ['ไฟดับ', 'ไฟกิ่ง'], duplicateRadiusM: 50 });
  });

  it('staff: invite with code and QR, deactivate keeps the record and shuts the console at once', async () => {
    const inv = await call(admin(), 'POST', '/staff/invites', {
      role: 'officer',
      divisionCode: 'works',
      name: 'นายใหม่ ทดสอบ',
    });
    expect(inv.status).toBe(201);
    const body = (await inv.json()) as { code: string; qrSvg: string; expiresText: string };
    expect(body.code).toMatch(/^STAFF-/);
    expect(body.qrSvg).toContain('<svg');
    expect(body.expiresText).toMatch(/25\d\d/);
    const noDivision = await call(admin(), 'POST', '/staff/invites', { role: 'officer' });
    expect(noDivision.status).toBe(400);

    const officer = people.get('นายช่างไฟฟ้า')!;
    const me = () =>
      token(officer.lineUserId).then((t) =>
        h.app.request(`/api/staff/${h.slug}/me`, { headers: { authorization: `Bearer ${t}` } }),
      );
    expect((await me()).status).toBe(200);
    expect((await call(admin(), 'POST', `/staff/${officer.id}/deactivate`)).status).toBe(200);
    expect((await me()).status).toBe(403);
    const [row] = await h.db.select().from(staff).where(eq(staff.id, officer.id));
    expect(row!.active).toBe(false);
    const list = (await (await call(admin(), 'GET', '/staff')).json()) as {
      staff: { id: string; active: boolean }[];
    };
    expect(list.staff.find((s) => s.id === officer.id)?.active).toBe(false);
    expect((await call(admin(), 'POST', `/staff/${officer.id}/activate`)).status).toBe(200);
    expect((await me()).status).toBe(200);
  });

  it("a holiday added on a working day moves a running case's deadline by one working day, in its timeline", async () => {
    await residentChat(h).streetLight();
    const [c] = await h.db
      .select()
      .from(cases)
      .where(eq(cases.orgId, h.org.id))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    const cal = await loadCalendar(h.db, h.org.id);
    const filed = bangkokDay(c!.createdAt);
    const dueDay = bangkokDay(c!.dueAt!);
    const holiday = addWorkingDays(cal, filed, 1); // a working day between filing and the deadline
    expect(holiday <= dueDay).toBe(true);
    expect(isWorkingDay(cal, holiday)).toBe(true);
    expect((await call(admin(), 'POST', '/holidays', { day: 'พรุ่งนี้', name: 'x' })).status).toBe(400);
    const r = await call(admin(), 'POST', '/holidays', {
      day: holiday,
      name: 'วันหยุดพิเศษตามมติ ครม.',
    });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { moved: number }).moved).toBeGreaterThanOrEqual(1);
    const [moved] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    const after = await loadCalendar(h.db, h.org.id);
    expect(bangkokDay(moved!.dueAt!)).toBe(addWorkingDays(after, dueDay, 1));
    expect(bangkokDay(moved!.dueAt!)).not.toBe(dueDay);
    const timeline = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, c!.id));
    expect(
      timeline.some((u) => u.authorKind === 'system' && u.note.includes('วันหยุดพิเศษตามมติ ครม.')),
    ).toBe(true);
  });
});
