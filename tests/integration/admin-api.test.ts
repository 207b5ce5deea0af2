import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents } from '../../bot/dev/events';
import { seedOrg, type OrgSeed } from '../../db/seed';
import demoOrg from '../../db/seed/demo-org.json' with { type: 'json' };
import {
  auditLog,
  divisions,
  faqEntries,
  orgs,
  serviceCategories,
  staff,
  staffRoles,
  surveyRounds,
  surveys,
} from '../../db/schema';
import { nextRound, roundOf } from '../../shared/survey/rounds';
import { LOGO_MAX_DATA_URL, orgSettings } from '../../shared/org-settings';
import { LOGO_TOO_BIG } from '../../shared/admin/schemas';
import { createHarness, type Harness } from '../helpers/harness';
import { linkDemoStaff, newLineUser, residentChat } from '../helpers/staff';
import { loadCalendar } from '../../db/holidays';
import { addWorkingDays, bangkokDay, isWorkingDay } from '../../shared/staff/calendar';
import { cases, caseUpdates, holidays } from '../../db/schema';
import { thAdmin } from '../../shared/text/th-admin';
import { readCsv, toCsvWithBom } from '../../shared/admin/csv';

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
  ) => {
    // A millisecond between requests: audit rows (and anything else stamped with the test
    // clock) order by time; on a fixed clock two rows tie and PostgreSQL may return either.
    h.advance(1);
    return h.app.request(`/api/admin/${slug}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(who ? { authorization: `Bearer ${await token(who)}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
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
    [
      'PATCH',
      '/staff/00000000-0000-0000-0000-000000000000',
      { divisionCode: null, roles: ['executive'] },
    ],
    ['GET', '/profile'],
    ['PUT', '/profile', { name: 'ชื่อที่ไม่ควรถูกบันทึก' }],
    ['GET', '/divisions'],
    ['POST', '/divisions', { code: 'matrix', name: 'กองทดสอบ' }],
    ['PATCH', '/divisions/works', { name: 'ชื่อที่ไม่ควรถูกบันทึก' }],
    ['GET', '/holidays'],
    ['DELETE', '/holidays/2099-01-05'],
    ['GET', '/services'],
    ['GET', '/csv/faq'],
    ['GET', '/org-file'],
    ['POST', '/org-file?apply=1', { format: 'fangsiang.org/1', org: { name: 'ไม่ควรถูกบันทึก' } }],
    ['GET', '/csv/staff'],
    ['POST', '/csv/holidays?apply=1', 'วันที่ (ค.ศ. ปปปป-ดด-วว),ชื่อวันหยุด\n2099-02-02,x'],
    [
      'PUT',
      '/services/matrix',
      {
        code: 'matrix',
        name: 'งานที่ไม่ควรถูกบันทึก',
        divisionCode: null,
        steps: ['ยื่นคำขอ'],
        timeFrame: '1 วัน',
        channels: ['counter'],
      },
    ],
    ['GET', '/surveys'],
    ['GET', '/surveys/versions/00000000-0000-0000-0000-000000000000'],
    ['POST', '/surveys/versions', { from: 'current' }],
    ['POST', '/surveys/check', { definition: {} }],
    ['PUT', '/surveys/versions/00000000-0000-0000-0000-000000000000', { definition: {} }],
    ['POST', '/surveys/versions/00000000-0000-0000-0000-000000000000/publish'],
    ['POST', '/surveys/rounds', {}],
    ['GET', '/templates'],
    ['PUT', '/templates/greeting', { text: 'ไม่ควรถูกบันทึก {org}' }],
    ['DELETE', '/templates/greeting'],
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
    const surveysBefore = await h.db.select().from(surveys).where(eq(surveys.orgId, h.org.id));
    const roundsBefore = await h.db
      .select()
      .from(surveyRounds)
      .where(eq(surveyRounds.orgId, h.org.id));
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
    expect(await h.db.select().from(surveys).where(eq(surveys.orgId, h.org.id))).toEqual(
      surveysBefore,
    );
    expect(await h.db.select().from(surveyRounds).where(eq(surveyRounds.orgId, h.org.id))).toEqual(
      roundsBefore,
    );
    const [org] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    expect(org!.name).not.toBe('ชื่อที่ไม่ควรถูกบันทึก');
    expect(orgSettings(org!.settings).messageTemplates).toEqual({});
    const divs = await h.db.select().from(divisions).where(eq(divisions.orgId, h.org.id));
    expect(divs.map((d) => d.code)).not.toContain('matrix');
    expect(divs.map((d) => d.name)).not.toContain('ชื่อที่ไม่ควรถูกบันทึก');
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

  const lastAudit = async () =>
    (
      await h.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.orgId, h.org.id))
        .orderBy(desc(auditLog.at))
        .limit(1)
    )[0]!;
  const errorOf = async (r: Response) =>
    ((await r.json()) as { error: { message: string } }).error.message;

  it('profile: names, contact, website, logo and signatories saved into settings, other settings kept', async () => {
    // A setting the profile screen does not edit, which must survive it.
    const [org0] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    await h.db
      .update(orgs)
      .set({ settings: { ...org0!.settings, flowTimeoutMinutes: 45 } })
      .where(eq(orgs.id, h.org.id));
    const logo = `data:image/png;base64,${'iVBORw0KGgo'.padEnd(400, 'A')}=`;
    const profile = {
      name: 'เทศบาลตำบลทดสอบโปรไฟล์',
      orgType: 'เทศบาลตำบล',
      province: 'ขอนแก่น',
      contact: { phone: '043-123456', address: '99 หมู่ 1', officeHours: 'จ.–ศ. 08:30–16:30' },
      lineBasicId: '@fangsiang',
      website: 'https://example.go.th',
      logoDataUrl: logo,
      signatories: {
        preparer: { name: 'นางสาวจัดทำ รายงาน', position: 'นักจัดการงานทั่วไป' },
        permanentSecretary: { name: 'นางสาวพรทิพย์ รักงาน', position: 'ปลัดเทศบาล' },
        executive: { name: 'นายสมชาย ใจดี', position: 'นายกเทศมนตรี' },
      },
    };
    const version0 = org0!.configVersion;
    for (const [patch, field] of [
      [{ name: '' }, 'name'],
      [{ website: 'example.go.th' }, 'website'],
      [{ lineBasicId: 'fangsiang' }, 'lineBasicId'],
      [{ logoDataUrl: 'data:text/html;base64,PGgxPg==' }, 'logoDataUrl'],
    ] as const) {
      const r = await call(admin(), 'PUT', '/profile', { ...profile, ...patch });
      expect(r.status, field).toBe(400);
      expect(await errorOf(r)).toMatch(new RegExp(`^${field}: `));
    }
    // A logo over the limit: refused with the Thai message that says so.
    const big = await call(admin(), 'PUT', '/profile', {
      ...profile,
      logoDataUrl: `data:image/png;base64,${'A'.repeat(LOGO_MAX_DATA_URL)}`,
    });
    expect(big.status).toBe(400);
    expect(await errorOf(big)).toBe(`logoDataUrl: ${LOGO_TOO_BIG}`);

    const ok = await call(admin(), 'PUT', '/profile', profile);
    expect(ok.status).toBe(200);
    const got = (await (await call(admin(), 'GET', '/profile')).json()) as { profile: object };
    expect(got.profile).toMatchObject(profile);
    const [org1] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    expect(org1!.name).toBe(profile.name);
    const s = orgSettings(org1!.settings);
    expect(s.flowTimeoutMinutes).toBe(45);
    expect(s.profile).toEqual({ website: profile.website, logoDataUrl: logo });
    expect(s.signatories).toEqual(profile.signatories);
    expect(s.contact).toEqual(profile.contact);
    expect(org1!.configVersion).toBeGreaterThan(version0);
    const audit = await lastAudit();
    expect(audit.action).toBe('admin.profile.update');
    expect(JSON.stringify(audit.detail)).not.toContain('iVBORw0KGgo');
    expect(audit.detail).toMatchObject({ after: { logoChars: logo.length } });

    // Residents see the new contact details on the public page at once.
    const page = await (await h.app.request(`/public/${h.slug}/channels`)).text();
    expect(page).toContain('043-123456');
    expect(page).toContain('https://example.go.th');

    // No logo in the body keeps it; null removes it; an emptied field is removed, not "".
    const { logoDataUrl: _, ...noLogo } = profile;
    await call(admin(), 'PUT', '/profile', {
      ...noLogo,
      contact: { ...profile.contact, officeHours: '' },
    });
    const [org2] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    expect(orgSettings(org2!.settings).profile.logoDataUrl).toBe(logo);
    expect(org2!.settings.contact).toEqual({ phone: '043-123456', address: '99 หมู่ 1' });
    await call(admin(), 'PUT', '/profile', { ...profile, logoDataUrl: null });
    const [org3] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    expect(orgSettings(org3!.settings).profile.logoDataUrl).toBeUndefined();
  });

  it('divisions are added and renamed; a staff member changes division and roles at once', async () => {
    expect((await call(admin(), 'POST', '/divisions', { code: 'Env!', name: 'x' })).status).toBe(
      400,
    );
    expect(
      (await call(admin(), 'POST', '/divisions', { code: 'env', name: 'กองสิ่งแวดล้อม' })).status,
    ).toBe(201);
    const taken = await call(admin(), 'POST', '/divisions', { code: 'env', name: 'ซ้ำ' });
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatch(/^code: /);
    expect(
      (await call(admin(), 'PATCH', '/divisions/env', { name: 'กองสาธารณสุขและสิ่งแวดล้อม' })).status,
    ).toBe(200);
    expect((await call(admin(), 'PATCH', '/divisions/nope', { name: 'x' })).status).toBe(404);
    expect(await lastAudit()).toMatchObject({
      action: 'admin.division.rename',
      detail: { code: 'env', before: 'กองสิ่งแวดล้อม' },
    });

    const person = people.get('นักวิชาการสุขาภิบาล')!;
    const me = async () =>
      (await (
        await h.app.request(`/api/staff/${h.slug}/me`, {
          headers: { authorization: `Bearer ${await token(person.lineUserId)}` },
        })
      ).json()) as { roles: { role: string; divisionId: string | null }[] };
    expect((await me()).roles.map((r) => r.role)).toEqual(['officer']);

    for (const [body, field] of [
      [{ divisionCode: null, roles: ['officer'] }, 'divisionCode'],
      [{ divisionCode: 'nope', roles: ['officer'] }, 'divisionCode'],
      [{ divisionCode: 'env', roles: [] }, 'roles'],
      [{ divisionCode: 'env', roles: ['mayor'] }, 'roles.0'],
    ] as const) {
      const r = await call(admin(), 'PATCH', `/staff/${person.id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(r)).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
    const ok = await call(admin(), 'PATCH', `/staff/${person.id}`, {
      divisionCode: 'env',
      roles: ['division_head', 'officer'],
      position: 'ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม',
    });
    expect(ok.status).toBe(200);
    const env = (await h.db.select().from(divisions).where(eq(divisions.code, 'env'))).find(
      (d) => d.orgId === h.org.id,
    )!;
    const roles = (await me()).roles;
    expect(roles.map((r) => r.role).sort()).toEqual(['division_head', 'officer']);
    expect(roles.every((r) => r.divisionId === env.id)).toBe(true);
    const [row] = await h.db.select().from(staff).where(eq(staff.id, person.id));
    expect(row).toMatchObject({ divisionId: env.id, position: 'ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม' });
    expect(await lastAudit()).toMatchObject({
      action: 'admin.staff.update',
      detail: { staffId: person.id, before: { divisionCode: 'health', roles: ['officer'] } },
    });
    const list = (await (await call(admin(), 'GET', '/divisions')).json()) as {
      divisions: { code: string; name: string; staff: number }[];
    };
    expect(list.divisions.find((d) => d.code === 'env')).toEqual({
      code: 'env',
      name: 'กองสาธารณสุขและสิ่งแวดล้อม',
      staff: 1,
    });

    // An admin cannot take the admin role away from themselves (no lock-out).
    const self = people.get('ปลัดเทศบาล')!;
    const selfR = await call(admin(), 'PATCH', `/staff/${self.id}`, {
      divisionCode: 'clerk',
      roles: ['executive'],
    });
    expect(selfR.status).toBe(400);
    expect(await errorOf(selfR)).toMatch(/^roles: /);
    expect(
      (await h.db.select().from(staffRoles).where(eq(staffRoles.staffId, self.id))).map(
        (r) => r.role,
      ),
    ).toContain('admin');
  });

  it('removing a holiday moves accept-by and finish-by back by one working day, in the timeline', async () => {
    await residentChat(h).streetLight();
    const [c] = await h.db
      .select()
      .from(cases)
      .where(eq(cases.orgId, h.org.id))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    const cal = await loadCalendar(h.db, h.org.id);
    const holiday = addWorkingDays(cal, bangkokDay(c!.createdAt), 1);
    expect(bangkokDay(c!.acceptDueAt!)).toBe(holiday);
    const added = await call(admin(), 'POST', '/holidays', { day: holiday, name: 'วันหยุดชั่วคราว' });
    expect(added.status).toBe(201);
    const [mid] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    // Adding moved both deadlines later.
    expect(mid!.acceptDueAt!.getTime()).toBeGreaterThan(c!.acceptDueAt!.getTime());
    expect(mid!.dueAt!.getTime()).toBeGreaterThan(c!.dueAt!.getTime());
    const listed = (await (await call(admin(), 'GET', '/holidays')).json()) as {
      holidays: { day: string; name: string }[];
    };
    expect(listed.holidays).toContainEqual({ day: holiday, name: 'วันหยุดชั่วคราว' });

    // A national holiday, or a day the organisation has none, is not theirs to remove.
    const national = '2099-12-30';
    await h.db.insert(holidays).values({ orgId: null, day: national, name: 'วันหยุดทั่วประเทศ' });
    const r404 = await call(admin(), 'DELETE', `/holidays/${national}`);
    expect(r404.status).toBe(404);
    expect(await errorOf(r404)).toBe(thAdmin.api.holidayNotFound);

    const removed = await call(admin(), 'DELETE', `/holidays/${holiday}`);
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { moved: number }).moved).toBeGreaterThanOrEqual(1);
    const [back] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    expect(back!.acceptDueAt).toEqual(c!.acceptDueAt);
    expect(back!.dueAt).toEqual(c!.dueAt);
    const timeline = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, c!.id));
    const notes = timeline.filter((u) => u.authorKind === 'system').map((u) => u.note);
    expect(notes.some((n) => n.includes('เพิ่มวันหยุด "วันหยุดชั่วคราว"'))).toBe(true);
    expect(
      notes.some(
        (n) =>
          n.includes('ยกเลิกวันหยุด "วันหยุดชั่วคราว"') &&
          n.includes('กำหนดรับเรื่อง') &&
          n.includes('กำหนดเสร็จ'),
      ),
    ).toBe(true);
    expect(await lastAudit()).toMatchObject({
      action: 'admin.holiday.remove',
      detail: { day: holiday, name: 'วันหยุดชั่วคราว' },
    });
    expect((await call(admin(), 'DELETE', `/holidays/${holiday}`)).status).toBe(404);
  });

  it('services with their standard: validated, saved, audited, and the public service manual shows them', async () => {
    const service = {
      code: 'drain_clean',
      name: 'ขอรับบริการน้ำอุปโภคบริโภค',
      divisionCode: 'works',
      steps: ['ยื่นคำร้อง', 'เจ้าหน้าที่ตรวจสอบพื้นที่', 'จัดส่งน้ำ'],
      timeFrame: '1 วันทำการ',
      documents: ['บัตรประจำตัวประชาชน'],
      fees: 'ไม่มีค่าธรรมเนียม',
      channels: ['counter', 'line'],
    };
    for (const [patch, field] of [
      [{ steps: [] }, 'steps'],
      [{ timeFrame: '' }, 'timeFrame'],
      [{ channels: ['fax'] }, 'channels.0'],
      [{ divisionCode: 'nope' }, 'divisionCode'],
      [{ code: 'Water Truck' }, 'code'],
    ] as const) {
      const r = await call(admin(), 'PUT', '/services/drain_clean', { ...service, ...patch });
      expect(r.status, field).toBe(400);
      expect(await errorOf(r)).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
    expect((await call(admin(), 'PUT', '/services/drain_clean', service)).status).toBe(201);
    const updated = { ...service, timeFrame: '2 วันทำการ' };
    expect((await call(admin(), 'PUT', '/services/drain_clean', updated)).status).toBe(200);
    expect(await lastAudit()).toMatchObject({
      action: 'admin.service.update',
      detail: { code: 'drain_clean', before: { timeFrame: '1 วันทำการ' } },
    });
    const list = (await (await call(admin(), 'GET', '/services')).json()) as {
      services: { code: string }[];
    };
    expect(list.services.find((s) => s.code === 'drain_clean')).toMatchObject(updated);
    const page = await (await h.app.request(`/public/${h.slug}/services`)).text();
    expect(page).toContain('ขอรับบริการน้ำอุปโภคบริโภค');
    expect(page).toContain('2 วันทำการ');
    expect(page).toContain('เจ้าหน้าที่ตรวจสอบพื้นที่');
  });

  const upload = async (section: string, body: string | Uint8Array, apply = false) =>
    h.app.request(`/api/admin/${h.slug}/csv/${section}${apply ? '?apply=1' : ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        authorization: `Bearer ${await token(admin())}`,
      },
      body: body as BodyInit,
    });
  type ImportAnswer = {
    applied?: boolean;
    encoding: string;
    encodingNote: string | null;
    create: string[];
    update: string[];
    error?: { message: string };
    errors?: { row: number; column: string; message: string }[];
  };

  const parseCsv = (text: string) => {
    const r = readCsv(text);
    if (!r.ok) throw new Error(`unreadable CSV at row ${r.row}`);
    return r.rows;
  };

  it('CSV: export with BOM; an import with one bad row changes nothing and names row and column; then applies whole', async () => {
    const exported = await call(admin(), 'GET', '/csv/faq');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(['รหัส', 'คำถาม', 'คำถามแบบอื่น', 'คำตอบ']);
    const before = await h.db.select().from(faqEntries).where(eq(faqEntries.orgId, h.org.id));
    expect(rows.length).toBe(before.length + 1);
    const withLinks = before.find((e) => e.links.length > 0);

    // Every answer changed, one new entry, and one row without an answer (row 3).
    const edited = rows.map((r, i) => (i === 0 ? r : [r[0]!, r[1]!, r[2]!, `${r[3]} (แก้จาก CSV)`]));
    edited[2] = [edited[2]![0]!, edited[2]![1]!, '', ''];
    edited.push(['csv-new', 'คำถามใหม่จากไฟล์', 'แบบอื่นหนึ่ง | แบบอื่นสอง', 'คำตอบใหม่จากไฟล์']);
    const bad = await upload('faq', toCsvWithBom(edited), true);
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as ImportAnswer;
    expect(badBody.errors).toEqual([{ row: 3, column: 'คำตอบ', message: 'ต้องระบุคำตอบ' }]);
    expect(badBody.error!.message).toContain('ยังไม่ได้เปลี่ยนแปลงข้อมูลใด');
    expect(await h.db.select().from(faqEntries).where(eq(faqEntries.orgId, h.org.id))).toEqual(
      before,
    );

    edited[2] = [rows[2]![0]!, rows[2]![1]!, rows[2]![2]!, 'คำตอบแถวสามที่แก้แล้ว'];
    const preview = (await (await upload('faq', toCsvWithBom(edited))).json()) as ImportAnswer;
    expect(preview).toMatchObject({ applied: false, encoding: 'utf-8', create: ['csv-new'] });
    expect(preview.update.length).toBe(before.length);
    expect(await h.db.select().from(faqEntries).where(eq(faqEntries.orgId, h.org.id))).toEqual(
      before,
    );
    const applied = await upload('faq', toCsvWithBom(edited), true);
    expect(applied.status).toBe(200);
    const after = await h.db.select().from(faqEntries).where(eq(faqEntries.orgId, h.org.id));
    expect(after.length).toBe(before.length + 1);
    expect(after.find((e) => e.extId === 'csv-new')).toMatchObject({
      question: 'คำถามใหม่จากไฟล์',
      variants: ['แบบอื่นหนึ่ง', 'แบบอื่นสอง'],
    });
    expect(after.find((e) => e.extId === rows[2]![0])!.answer).toBe('คำตอบแถวสามที่แก้แล้ว');
    // Links are not in the CSV: an import keeps them.
    if (withLinks) expect(after.find((e) => e.id === withLinks.id)!.links).toEqual(withLinks.links);
    expect(await lastAudit()).toMatchObject({
      action: 'admin.import.faq',
      detail: { create: ['csv-new'] },
    });

    // Services: export → import is a no-op round trip; an unknown division is refused by row.
    const services = () =>
      call(admin(), 'GET', '/services').then((r) => r.json() as Promise<{ services: object[] }>);
    const s0 = await services();
    const sCsv = await (await call(admin(), 'GET', '/csv/services')).text();
    expect((await upload('services', sCsv, true)).status).toBe(200);
    expect(await services()).toEqual(s0);
    const sRows = parseCsv(sCsv);
    sRows[1]![2] = 'nope';
    const sBad = (await (
      await upload('services', toCsvWithBom(sRows), true)
    ).json()) as ImportAnswer;
    expect(sBad.errors).toEqual([{ row: 2, column: 'รหัสกอง', message: 'ไม่พบกองนี้ในองค์กร' }]);

    // Categories: only existing ones are edited; a time limit of 0 is named.
    const cRows = parseCsv(await (await call(admin(), 'GET', '/csv/categories')).text());
    cRows[1]![3] = '0';
    cRows.push(['no_such', 'ไม่มี', '', '5', '', '']);
    const cBad = (await (await upload('categories', toCsvWithBom(cRows))).json()) as ImportAnswer;
    expect(cBad.errors!.map((e) => [e.row, e.column])).toEqual([[2, 'กำหนดเสร็จ (วันทำการ)']]);
    cRows[1]![3] = '12';
    const cBad2 = (await (await upload('categories', toCsvWithBom(cRows))).json()) as ImportAnswer;
    expect(cBad2.errors!.map((e) => [e.row, e.column])).toEqual([[cRows.length, 'รหัส']]);

    // Staff: export only.
    const staffCsv = await (await call(admin(), 'GET', '/csv/staff')).text();
    expect(staffCsv).toContain('นางสาวพรทิพย์ รักงาน');
    expect((await upload('staff', staffCsv, true)).status).toBe(404);
  });

  it('CSV: a Windows-874 (TIS-620) file is detected and converted; a file in neither encoding is refused', async () => {
    const text = 'วันที่ (ค.ศ. ปปปป-ดด-วว),ชื่อวันหยุด\r\n2099-04-01,วันหยุดงานประเพณีท้องถิ่น\r\n';
    const tis = Uint8Array.from(
      [...text].map((ch) => {
        const c = ch.codePointAt(0)!;
        return c < 0x80 ? c : c - 0x0e00 + 0xa0;
      }),
    );
    const r = await upload('holidays', tis, true);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      applied: true,
      encoding: 'windows-874',
      encodingNote: thAdmin.csv.converted,
    });
    const listed = (await (await call(admin(), 'GET', '/holidays')).json()) as {
      holidays: { day: string; name: string }[];
    };
    expect(listed.holidays).toContainEqual({ day: '2099-04-01', name: 'วันหยุดงานประเพณีท้องถิ่น' });
    const refused = await upload('holidays', Uint8Array.from([0x41, 0xdb, 0xff, 0x0a]), true);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ImportAnswer).error!.message).toBe(thAdmin.csv.badEncoding);
  });

  it('the whole organisation exports to one JSON file that imports into another organisation, row for row', async () => {
    // Rows the second organisation cannot have from its own seed.
    await call(admin(), 'POST', '/divisions', { code: 'moved', name: 'กองที่ย้ายมา' });
    await call(admin(), 'PUT', '/faq/json-move', {
      id: 'json-move',
      question: 'คำถามที่ย้ายมาด้วยไฟล์',
      answer: 'คำตอบที่ย้ายมา',
      links: [{ label: 'เว็บไซต์', uri: 'https://example.go.th' }],
    });
    await call(admin(), 'POST', '/holidays', { day: '2099-06-06', name: 'วันหยุดที่ย้ายมา' });
    // A survey draft beside the published version, and a round with a target sample.
    expect((await call(admin(), 'POST', '/surveys/versions', { from: 'current' })).status).toBe(
      201,
    );
    await h.db
      .update(surveyRounds)
      .set({ targetSample: 397 })
      .where(eq(surveyRounds.orgId, h.org.id));
    const res = await call(admin(), 'GET', '/org-file');
    expect(res.status).toBe(200);
    const file = (await res.json()) as Record<string, unknown> & {
      org: { name: string; settings: object };
      divisions: object[];
      categories: object[];
      services: object[];
      faq: object[];
      holidays: object[];
      surveys: { definition: { version: number }; publishedAt: string | null }[];
      rounds: { label: string; targetSample: number | null }[];
    };
    const text = JSON.stringify(file);
    for (const secret of [
      'channel_secret',
      'access_token',
      'lineChannelSecretEnc',
      'lineAccessTokenEnc',
    ])
      expect(text).not.toContain(secret);
    const [first] = await h.db.select().from(orgs).where(eq(orgs.id, h.org.id));
    for (const enc of [first!.lineChannelSecretEnc, first!.lineAccessTokenEnc])
      if (enc) expect(text).not.toContain(enc);
    expect(file.faq.length).toBeGreaterThan(0);
    expect(file.services.length).toBeGreaterThan(0);

    const other = (method: string, path: string, body?: unknown) =>
      call(otherAdmin, method, path, body, otherSlug);
    const bad = await other('POST', '/org-file?apply=1', {
      ...file,
      categories: [{ ...(file.categories[0] as object), finishDays: 0 }],
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/^categories\.0\.finishDays: /);
    const badSurvey = await other('POST', '/org-file', {
      ...file,
      surveys: [{ definition: { ...file.surveys[0]!.definition, title: '' }, publishedAt: null }],
    });
    expect(badSurvey.status).toBe(400);
    expect(await errorOf(badSurvey)).toMatch(/^surveys\.0\.definition\.title: /);
    const preview = await other('POST', '/org-file', file);
    expect(await preview.json()).toMatchObject({
      applied: false,
      counts: { faq: file.faq.length, services: file.services.length },
    });
    expect((await other('POST', '/org-file?apply=1', file)).status).toBe(200);

    // Table by table: every row of the first organisation is now in the second, the same.
    const copy = (await (await other('GET', '/org-file')).json()) as typeof file;
    expect(copy.org).toEqual(file.org);
    for (const table of ['divisions', 'categories', 'services', 'faq', 'holidays'] as const)
      expect(copy[table], table).toEqual(expect.arrayContaining(file[table]));
    // Surveys: the published versions and the draft, and the rounds, exactly (none of its own).
    expect(file.surveys.some((v) => v.publishedAt === null)).toBe(true);
    expect(file.surveys.some((v) => v.publishedAt !== null)).toBe(true);
    expect(copy.surveys).toEqual(file.surveys);
    expect(file.rounds.length).toBeGreaterThan(0);
    expect(file.rounds.every((r) => r.targetSample === 397)).toBe(true);
    expect(copy.rounds).toEqual(file.rounds);
    expect(copy.divisions).toContainEqual({ code: 'moved', name: 'กองที่ย้ายมา' });
    expect(copy.holidays).toContainEqual({ day: '2099-06-06', name: 'วันหยุดที่ย้ายมา' });
    expect(copy.faq).toContainEqual(
      expect.objectContaining({
        id: 'json-move',
        links: [{ label: 'เว็บไซต์', uri: 'https://example.go.th' }],
      }),
    );
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'admin.import.organisation'));
    expect(audits.map((a) => a.orgId)).not.toContain(h.org.id);
    expect(audits.length).toBe(1);
  });

  it('surveys: a draft copied from the published version, edited with Thai errors by path, published, then immutable', async () => {
    const list = async () =>
      (await (await call(admin(), 'GET', '/surveys')).json()) as {
        versions: { id: string; code: string; version: number; published: boolean }[];
      };
    const before = await list();
    const current = before.versions.find((v) => v.published)!;
    expect(current).toBeDefined();
    const created = await call(admin(), 'POST', '/surveys/versions', { from: 'current' });
    expect(created.status).toBe(201);
    const draft = ((await created.json()) as { survey: { id: string; version: number } }).survey;
    expect(draft.version).toBe(Math.max(...before.versions.map((v) => v.version)) + 1);
    const got = (await (await call(admin(), 'GET', `/surveys/versions/${draft.id}`)).json()) as {
      survey: {
        published: boolean;
        definition: {
          version: number;
          title: string;
          sections: { questions: { scale?: string }[] }[];
        };
      };
    };
    expect(got.survey.published).toBe(false);
    expect(got.survey.definition.version).toBe(draft.version);
    const def = got.survey.definition;

    // Invalid: an empty title and a question pointing at a scale that does not exist.
    const bad = structuredClone(def);
    bad.title = '';
    const check = await call(admin(), 'POST', '/surveys/check', { definition: bad });
    const checked = (await check.json()) as {
      ok: boolean;
      issues: { path: string; message: string }[];
    };
    expect(checked.ok).toBe(false);
    expect(checked.issues[0]).toEqual({ path: 'title', message: expect.stringMatching(/[ก-๙]/) });
    const bad2 = structuredClone(def);
    bad2.sections[0]!.questions[0]!.scale = 'no_such_scale';
    const put = await call(admin(), 'PUT', `/surveys/versions/${draft.id}`, { definition: bad2 });
    expect(put.status).toBe(400);
    const putBody = (await put.json()) as { error: { message: string } };
    expect(putBody.error.message).toMatch(/^questions\..+: ไม่มีมาตรวัด \(scale\) ชื่อ no_such_scale/);

    // A valid edit is saved and audited.
    const edited = { ...def, title: 'แบบสำรวจฉบับแก้ไข' };
    expect(
      (await call(admin(), 'PUT', `/surveys/versions/${draft.id}`, { definition: edited })).status,
    ).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'admin.survey.edit' });

    // Publish: the draft becomes the current version and never changes again.
    const pub = await call(admin(), 'POST', `/surveys/versions/${draft.id}/publish`);
    expect(pub.status).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'admin.survey.publish' });
    const [row] = await h.db.select().from(surveys).where(eq(surveys.id, draft.id));
    expect(row!.publishedAt).not.toBeNull();
    expect(row!.title).toBe('แบบสำรวจฉบับแก้ไข');
    const again = await call(admin(), 'PUT', `/surveys/versions/${draft.id}`, {
      definition: edited,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
      thAdmin.surveys.publishedImmutable(draft.version),
    );
    expect((await call(admin(), 'POST', `/surveys/versions/${draft.id}/publish`)).status).toBe(409);
    // The database itself refuses too (migration 0006).
    await expect(
      h.db.update(surveys).set({ title: 'x' }).where(eq(surveys.id, draft.id)),
    ).rejects.toThrow();
    // A draft from an uploaded definition takes the next number whatever the file says.
    const up = await call(admin(), 'POST', '/surveys/versions', {
      definition: { ...def, version: 1 },
    });
    expect(up.status).toBe(201);
    expect(((await up.json()) as { survey: { version: number } }).survey.version).toBe(
      draft.version + 1,
    );
    // An unknown id is a 404, never a 500.
    expect((await call(admin(), 'GET', '/surveys/versions/not-a-uuid')).status).toBe(404);
  });

  it('rounds: the next round is created once, a duplicate or one further ahead is refused', async () => {
    const cur = roundOf(h.deps.clock());
    const next = nextRound(cur);
    const far = nextRound(next);
    const r0 = (await (await call(admin(), 'GET', '/surveys')).json()) as {
      rounds: { label: string }[];
      nextRound: string | null;
    };
    expect(r0.rounds.map((r) => r.label)).toContain(cur.label);
    expect(r0.nextRound).toBe(next.label);
    expect((await call(admin(), 'POST', '/surveys/rounds', { label: far.label })).status).toBe(400);
    const made = await call(admin(), 'POST', '/surveys/rounds', { label: next.label });
    expect(made.status).toBe(201);
    expect(await lastAudit()).toMatchObject({
      action: 'admin.survey.round',
      detail: { label: next.label },
    });
    const rows = await h.db.select().from(surveyRounds).where(eq(surveyRounds.orgId, h.org.id));
    const created = rows.find((r) => r.label === next.label)!;
    expect(created).toMatchObject({ startsOn: next.startsOn, endsOn: next.endsOn, openedAt: null });
    const dup = await call(admin(), 'POST', '/surveys/rounds', { label: next.label });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { message: string } }).error.message).toBe(
      thAdmin.surveys.roundExists(next.label),
    );
    expect((await call(admin(), 'POST', '/surveys/rounds', {})).status).toBe(409);
    expect(
      (await h.db.select().from(surveyRounds).where(eq(surveyRounds.orgId, h.org.id))).length,
    ).toBe(rows.length);
  });
});
