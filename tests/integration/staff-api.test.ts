import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase } from '../../bot/cases/file';
import { lineEvents } from '../../bot/dev/events';
import {
  auditLog,
  caseUpdates,
  caseWatchers,
  cases,
  staff,
  sentLedger,
  staffRoles,
  surveyInvitations,
} from '../../db/schema';
import { seedOrg } from '../../db/seed';
import type { CaseKind } from '../../shared/cases';
import type { StaffRole } from '../../shared/roles';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { makeJpeg } from '../helpers/jpeg';
import { divisionId, flush, newLineUser, residentChat } from '../helpers/staff';

const CLIENT_ID = 'simulator';

describe('staff API', () => {
  let h: Harness;
  let works: string;
  let health: string;
  /** One member of staff per role (pure roles, unlike the demo's combined ones). */
  const people: Record<string, { id: string; lineUserId: string; token: string }> = {};

  async function addStaff(
    key: string,
    orgId: string,
    role: StaffRole,
    division: string | null,
  ): Promise<void> {
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId, name: `ทดสอบ ${key}`, lineUserId, divisionId: division })
      .returning();
    await h.db.insert(staffRoles).values({ orgId, staffId: s!.id, role, divisionId: division });
    people[key] = {
      id: s!.id,
      lineUserId,
      token: await h.fake.issueIdToken(lineUserId, CLIENT_ID),
    };
  }

  beforeAll(async () => {
    h = await createHarness();
    works = await divisionId(h, 'works');
    health = await divisionId(h, 'health');
    await addStaff('officer', h.org.id, 'officer', works);
    await addStaff('division_head', h.org.id, 'division_head', works);
    await addStaff('clerk_office', h.org.id, 'clerk_office', null);
    await addStaff('integrity_officer', h.org.id, 'integrity_officer', null);
    await addStaff('executive', h.org.id, 'executive', null);
    await addStaff('admin', h.org.id, 'admin', null);
    await addStaff('officer_other_division', h.org.id, 'officer', health);
    const other = await seedOrg(h.db, {
      slug: `other-${crypto.randomUUID().slice(0, 8)}`,
      name: 'อบต.อื่น',
      divisions: [],
      staff: [],
    });
    await addStaff('other_org_clerk', other.id, 'clerk_office', null);
  });
  afterAll(() => h.close());

  const call = (token: string | null, method: string, path: string, body?: unknown) =>
    h.app.request(`/api/staff/${h.slug}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  async function newCase(kind: CaseKind, state?: 'finished'): Promise<string> {
    const channel = await h.deps.orgs.byId(h.org.id);
    const row = await h.db.transaction((tx) =>
      fileCase(
        tx,
        {
          org: channel!.org,
          now: h.deps.clock(),
          random: Math.random,
          secrets: h.deps.orgs.secrets,
          services: h.deps.services,
        },
        {
          kind,
          category: kind === 'corruption' ? 'corruption' : 'street_light',
          subject: 'ทดสอบสิทธิ์',
          description: 'ทดสอบสิทธิ์',
          concerning: '',
          photos: [],
          latitude: null,
          longitude: null,
          address: null,
          anonymity: kind === 'corruption' ? 'anonymous' : 'none',
        },
        { residentId: null },
      ),
    );
    if (state)
      await h.db
        .update(cases)
        .set({ stateType: state, finishedAt: h.deps.clock() })
        .where(eq(cases.id, row.id));
    return row.id;
  }

  it('permission matrix: every route × every role, another organisation, forged and expired tokens', async () => {
    const W = await newCase('service_request');
    const K = await newCase('corruption');
    type Route = { name: string; run: (token: string | null) => Response | Promise<Response> };
    const mutations = (label: string, kind: CaseKind): Route[] => {
      const target = kind === 'corruption' ? 'integrity_officer' : 'officer';
      const fresh = (state?: 'finished') => newCase(kind, state);
      const post = (path: string, body: (id: string) => unknown, state?: 'finished') => ({
        name: `POST ${label}/${path}`,
        run: async (t: string | null) => {
          const id = await fresh(state);
          return call(t, 'POST', `/cases/${id}/${path}`, body(id));
        },
      });
      return [
        post('accept', () => ({})),
        post('assign', () => ({ staffId: people[target]!.id })),
        post('state', () => ({ to: 'in_progress', note: 'ออกตรวจพื้นที่' })),
        post('reply', () => ({ note: 'สอบถามเพิ่มเติม' })),
        post('forward', () => ({ divisionId: health, note: 'เป็นงานของกองสาธารณสุข' })),
        post('explain', () => ({ note: 'รองบประมาณ' })),
        post('reopen', () => ({ note: 'ยังไม่เรียบร้อย' }), 'finished'),
      ];
    };
    const routes: Route[] = [
      { name: 'GET me', run: (t) => call(t, 'GET', '/me') },
      { name: 'GET cases (queue)', run: (t) => call(t, 'GET', '/cases') },
      { name: 'GET W (service request)', run: (t) => call(t, 'GET', `/cases/${W}`) },
      { name: 'GET W/assignees', run: (t) => call(t, 'GET', `/cases/${W}/assignees`) },
      ...mutations('W', 'service_request'),
      { name: 'GET K (corruption)', run: (t) => call(t, 'GET', `/cases/${K}`) },
      { name: 'GET K/assignees', run: (t) => call(t, 'GET', `/cases/${K}/assignees`) },
      ...mutations('K', 'corruption'),
      { name: 'GET dashboard', run: (t) => call(t, 'GET', '/dashboard') },
    ];
    const forged = (() => {
      const [a, b] = people.clerk_office!.token.split('.');
      return `${a}.${b}.${'x'.repeat(43)}`;
    })();
    const expired = await h.fake.issueIdToken(people.clerk_office!.lineUserId, CLIENT_ID, {
      ttlSeconds: -60,
    });
    const callers: Record<string, string | null> = {
      ...Object.fromEntries(Object.entries(people).map(([k, v]) => [k, v.token])),
      forged_token: forged,
      expired_token: expired,
      no_token: null,
    };
    // What must happen: ok = 2xx; otherwise the status. Written by hand from the rules
    // (docs in shared/staff/permissions.ts), not computed from them, so it can fail.
    const W_WORK = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
    const NO_K = Array(9).fill('404');
    const expected: Record<string, string[]> = {
      //                 me    queue  W     W/as  acc  asg  st   rep  fwd    exp  reo   K ...
      officer: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', '403', 'ok', 'ok', ...NO_K, '403'],
      division_head: ['ok', 'ok', ...W_WORK, ...NO_K, '403'],
      clerk_office: ['ok', 'ok', ...W_WORK, ...NO_K, '403'],
      integrity_officer: ['ok', 'ok', ...Array(9).fill('404'), ...Array(9).fill('ok'), '403'],
      executive: ['ok', 'ok', 'ok', ...Array(8).fill('403'), ...NO_K, 'ok'],
      admin: ['ok', ...Array(19).fill('403'), 'ok'],
      officer_other_division: ['ok', 'ok', ...Array(9).fill('404'), ...NO_K, '403'],
      other_org_clerk: Array(21).fill('403'),
      forged_token: Array(21).fill('401'),
      expired_token: Array(21).fill('401'),
      no_token: Array(21).fill('401'),
    };
    const actual: Record<string, string[]> = {};
    for (const [who, token] of Object.entries(callers)) {
      actual[who] = [];
      for (const r of routes) {
        const res = await r.run(token);
        actual[who]!.push(res.status < 300 ? 'ok' : String(res.status));
      }
    }
    const header = ['route', ...Object.keys(callers)];
    const lines = [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...routes.map(
        (r, i) =>
          `| ${r.name} | ${Object.keys(callers)
            .map((k) =>
              actual[k]![i] === expected[k]![i]
                ? actual[k]![i]
                : `${actual[k]![i]}≠${expected[k]![i]}`,
            )
            .join(' | ')} |`,
      ),
    ];
    if (process.env.PRINT_MATRIX) console.log(lines.join('\n'));
    expect(actual).toEqual(expected);
  });

  it('the queue lists only what each role may see', async () => {
    const W = await newCase('service_request');
    const K = await newCase('corruption');
    const ids = async (who: string) => {
      const res = await call(people[who]!.token, 'GET', '/cases?state=open');
      return ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id);
    };
    expect(await ids('officer')).toContain(W);
    expect(await ids('officer')).not.toContain(K);
    expect(await ids('officer_other_division')).not.toContain(W);
    expect(await ids('integrity_officer')).toEqual(expect.arrayContaining([K]));
    expect(await ids('integrity_officer')).not.toContain(W);
    expect(await ids('executive')).not.toContain(K);
    expect(await ids('clerk_office')).toContain(W);
    expect(await ids('clerk_office')).not.toContain(K);
  });

  it("the queue's filters: mine, my division, state, category, division, overdue, dates, held alerts", async () => {
    const now = h.deps.clock();
    const past = new Date(now.getTime() - 86_400_000);
    const A = await newCase('service_request'); // works, assigned to the clerk's office, late
    const B = await newCase('service_request', 'finished'); // works, finished (late, but closed)
    const C = await newCase('service_request'); // health, waste, the officer's, filed 15 Jan 2020
    await h.db
      .update(cases)
      .set({ assigneeId: people.clerk_office!.id, stateType: 'in_progress', dueAt: past })
      .where(eq(cases.id, A));
    await h.db.update(cases).set({ dueAt: past }).where(eq(cases.id, B));
    await h.db
      .update(cases)
      .set({
        divisionId: health,
        category: 'waste',
        assigneeId: people.officer!.id,
        createdAt: new Date('2020-01-15T10:00:00+07:00'),
      })
      .where(eq(cases.id, C));
    await h.db.insert(sentLedger).values({ key: `alert-held:${A}`, orgId: h.org.id });
    const mine = [A, B, C];
    const list = async (who: string, query: string) => {
      const res = await call(people[who]!.token, 'GET', `/cases${query}`);
      expect(res.status).toBe(200);
      const rows = ((await res.json()) as { cases: { id: string; alertHeld: boolean }[] }).cases;
      return rows.filter((r) => mine.includes(r.id));
    };
    const ids = async (who: string, query: string) =>
      (await list(who, query)).map((r) => r.id).sort();
    const sorted = (...xs: string[]) => xs.sort();

    expect(await ids('clerk_office', '')).toEqual(sorted(A, B, C));
    expect(await ids('clerk_office', '?scope=mine')).toEqual([A]);
    expect(await ids('officer', '')).toEqual(sorted(A, B, C)); // works cases and the one assigned
    expect(await ids('officer', '?scope=division')).toEqual(sorted(A, B));
    expect(await ids('clerk_office', '?state=finished')).toEqual([B]);
    expect(await ids('clerk_office', '?state=open')).toEqual(sorted(A, C));
    expect(await ids('clerk_office', '?state=bogus')).toEqual(sorted(A, B, C));
    expect(await ids('clerk_office', '?category=waste')).toEqual([C]);
    expect(await ids('clerk_office', `?division=${health}`)).toEqual([C]);
    expect(await ids('clerk_office', '?division=not-a-uuid')).toEqual(sorted(A, B, C));
    expect(await ids('clerk_office', '?overdue=1')).toEqual([A]);
    expect(await ids('clerk_office', '?from=2020-01-15&to=2020-01-15')).toEqual([C]);
    expect(await ids('clerk_office', '?to=2020-01-14')).toEqual([]);
    expect(await ids('clerk_office', '?from=15/01/2020')).toEqual(sorted(A, B, C));
    const held = await list('clerk_office', '');
    expect(held.find((r) => r.id === A)!.alertHeld).toBe(true);
    expect(held.find((r) => r.id === B)!.alertHeld).toBe(false);
  });

  it('every read of a corruption case is in the audit log', async () => {
    const K = await newCase('corruption');
    await call(people.integrity_officer!.token, 'GET', `/cases/${K}`);
    await call(people.integrity_officer!.token, 'GET', `/cases/${K}`);
    await call(people.executive!.token, 'GET', `/cases/${K}`); // refused, still no leak
    const rows = await h.db.select().from(auditLog).where(eq(auditLog.caseId, K));
    const views = rows.filter((r) => r.action === 'case.view');
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.staffId === people.integrity_officer!.id)).toBe(true);
  });

  it('anonymous corruption reporters hear back only if they opted in (case_watchers), unlinked from the case', async () => {
    const K = await newCase('corruption');
    const officer = people.integrity_officer!.token;
    let res = await call(officer, 'POST', `/cases/${K}/reply`, { note: 'ได้รับเรื่องแล้ว' });
    expect(((await res.json()) as { notified: number }).notified).toBe(0);

    const reporter = newLineUser();
    await h.db.insert(caseWatchers).values({
      orgId: h.org.id,
      caseId: K,
      targetEnc: await h.deps.orgs.secrets.seal(reporter),
    });
    res = await call(officer, 'POST', `/cases/${K}/accept`, {});
    expect(((await res.json()) as { notified: number }).notified).toBe(1);
    await flush(h);
    const got = h.fake.messagesFor(reporter).map((m) => JSON.stringify(m.message));
    expect(got).toEqual([expect.stringContaining(th.cases.stateLabels.in_progress)]);
    const [row] = await h.db.select().from(cases).where(eq(cases.id, K));
    expect(JSON.stringify(row)).not.toContain(reporter);
  });

  it('forwarding hands the case to the other division: the old officer loses it, the new one sees it', async () => {
    const W = await newCase('service_request');
    const res = await call(people.division_head!.token, 'POST', `/cases/${W}/forward`, {
      divisionId: health,
      note: 'เป็นงานของกองสาธารณสุข',
    });
    expect(res.status).toBe(200);
    expect((await call(people.officer!.token, 'GET', `/cases/${W}`)).status).toBe(404);
    expect((await call(people.officer_other_division!.token, 'GET', `/cases/${W}`)).status).toBe(
      200,
    );
    const acc = await call(people.officer_other_division!.token, 'POST', `/cases/${W}/accept`, {});
    expect(acc.status).toBe(200);
  });

  it('accept, assign and finish through the API: the resident hears each step, the timeline is right', async () => {
    const r = residentChat(h);
    h.advance(60_000);
    await r.streetLight();
    const [kase] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, 'service_request')))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    if (!kase) throw new Error('no case filed');
    await flush(h);
    const seen = () => h.fake.messagesFor(r.userId).at(-1)?.seq ?? 0;
    const told = async (after: number) => {
      await flush(h);
      return h.fake.messagesFor(r.userId, after).map((m) => JSON.stringify(m.message));
    };

    let before = seen();
    h.advance(1000);
    let res = await call(people.officer!.token, 'POST', `/cases/${kase.id}/accept`, {});
    expect(res.status).toBe(200);
    expect((await told(before)).join()).toContain(th.cases.stateLabels.in_progress);
    // Staff see how many residents are affected (the reporter and each "+1") and urgency.
    const seenByStaff = (await (
      await call(people.officer!.token, 'GET', `/cases/${kase.id}`)
    ).json()) as {
      case: { affectedCount: number; urgent: boolean };
    };
    expect(seenByStaff.case).toMatchObject({ affectedCount: 1, urgent: false });

    before = seen();
    h.advance(1000);
    res = await call(people.division_head!.token, 'POST', `/cases/${kase.id}/assign`, {
      staffId: people.officer!.id,
    });
    expect(res.status).toBe(200);
    expect(await told(before)).toEqual([]); // internal

    // A state change without a note is refused.
    res = await call(people.officer!.token, 'POST', `/cases/${kase.id}/state`, {
      to: 'finished',
      note: ' ',
    });
    expect(res.status).toBe(400);

    before = seen();
    h.advance(1000);
    res = await call(people.officer!.token, 'POST', `/cases/${kase.id}/state`, {
      to: 'finished',
      note: 'เปลี่ยนหลอดไฟแล้ว 3 ต้น',
      // A report needs a real "after" photo (decision 040).
      photos: [{ contentType: 'image/jpeg', data: Buffer.from(makeJpeg(11)).toString('base64') }],
    });
    expect(res.status).toBe(200);
    const finishedMsgs = (await told(before)).join();
    expect(finishedMsgs).toContain(th.cases.stateLabels.finished);
    expect(finishedMsgs).toContain('เปลี่ยนหลอดไฟแล้ว 3 ต้น');
    // The issue-5 survey invitation follows a finished case.
    const inv = await h.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.caseId, kase.id));
    expect(inv).toHaveLength(1);

    const detail = (await (
      await call(people.officer!.token, 'GET', `/cases/${kase.id}`)
    ).json()) as {
      case: { stateType: string; assignee: { id: string } };
      timeline: {
        authorKind: string;
        fromState: string | null;
        toState: string | null;
        note: string;
        photos: string[];
      }[];
    };
    expect(detail.case.stateType).toBe('finished');
    expect(detail.case.assignee.id).toBe(people.officer!.id);
    expect(detail.timeline.map((u) => [u.authorKind, u.fromState, u.toState])).toEqual([
      ['system', null, 'waiting'],
      ['staff', 'waiting', 'in_progress'],
      ['staff', null, null],
      ['staff', 'in_progress', 'finished'],
    ]);
    const photo = detail.timeline.at(-1)!.photos[0]!;
    const img = await call(people.officer!.token, 'GET', `/${photo}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    // Anyone else in another division cannot fetch it.
    expect((await call(people.officer_other_division!.token, 'GET', `/${photo}`)).status).toBe(404);
    // "Not done yet": the resident reopens from the finished message, counted once.
    const finishedMsg = h.fake
      .messagesFor(r.userId)
      .map((m) => m.message as { quickReply?: { items: { action: { data?: string } }[] } })
      .findLast((m) => m.quickReply);
    const reopenData = finishedMsg!.quickReply!.items[0]!.action.data!;
    expect(reopenData).toBe(`resident:reopen:${kase.id}`);
    const tapReopen = async (userId: string) => {
      const seenBefore = h.fake.messagesFor(userId).at(-1)?.seq ?? 0;
      await h.deliver([
        lineEvents.postback({
          userId,
          replyToken: h.fake.issueReplyToken(userId),
          data: reopenData,
        }),
      ]);
      return h.fake
        .messagesFor(userId, seenBefore)
        .map((m) => (m.message as { text?: string }).text);
    };
    // Someone else tapping the same data changes nothing.
    expect(await tapReopen(newLineUser())).toEqual([th.staff.api.notFound]);
    h.advance(1000);
    expect(await tapReopen(r.userId)).toEqual([th.staff.reopen.done(kase.trackingCode)]);
    const [reopened] = await h.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(reopened).toMatchObject({ stateType: 'in_progress', reopenCount: 1, finishedAt: null });
    // Finished again, then too late to reopen (the default window is 30 days).
    h.advance(1000);
    res = await call(people.officer!.token, 'POST', `/cases/${kase.id}/state`, {
      to: 'finished',
      note: 'แก้ไขเพิ่มเติมแล้ว',
      waiver: 'not_physical',
    });
    expect(res.status).toBe(200);
    await flush(h);
    h.advance(31 * 86_400_000);
    expect(await tapReopen(r.userId)).toEqual([th.staff.reopen.windowClosed]);

    // The timeline is append-only in the database too.
    await expect(
      h.db.update(caseUpdates).set({ note: 'x' }).where(eq(caseUpdates.caseId, kase.id)),
    ).rejects.toThrow();
  });
});
