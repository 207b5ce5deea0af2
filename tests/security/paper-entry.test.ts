import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../bot/reports/html';
import { buildSatisfactionReport } from '../../bot/reports/satisfaction';
import { auditLog, orgs, staff, staffRoles } from '../../db/schema';
import type { StaffRole } from '../../shared/roles';
import { roundOf } from '../../shared/survey/rounds';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { newLineUser } from '../helpers/staff';

const E = th.survey.errors;
const answers = {
  p1: 'resident',
  p2: 'welfare',
  p3: 'counter',
  e1: '4',
  e2: '4',
  e3: '4',
  e4: 'no',
  e5: '4',
  e6: '4',
  e7: '4',
  e8: '4',
  e9: 'na',
  s1: '5',
};

/**
 * Issue 12: nobody alone moves the survey figures with paper forms. Only staff granted
 * paper entry type them in, in numbered batches, at most `paperDailyCap` a day; a batch counts
 * once a second, different person confirms it; the report shows paper as its own share.
 */
describe('paper survey entry', () => {
  let h: Harness;
  let surveyId: string;
  const people: Record<string, { id: string; lineUserId: string }> = {};

  async function addStaff(key: string, roles: StaffRole[]) {
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: `ทดสอบ ${key}`, lineUserId })
      .returning();
    for (const role of roles)
      await h.db.insert(staffRoles).values({ orgId: h.org.id, staffId: s!.id, role });
    people[key] = { id: s!.id, lineUserId };
  }

  beforeAll(async () => {
    h = await createHarness();
    await h.db
      .update(orgs)
      .set({ settings: { ...(h.org.settings ?? {}), paperDailyCap: 3 } })
      .where(eq(orgs.id, h.org.id));
    h.deps.orgs.invalidate();
    surveyId = ((await (await h.app.request(`/api/survey/${h.slug}`)).json()) as any).survey.id;
    await addStaff('officer', ['officer']);
    await addStaff('typist', ['officer', 'paper_entry']);
    await addStaff('checker', ['paper_entry']);
    await addStaff('admin', ['admin']);
  });
  afterAll(() => h.close());

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await h.app.request(`/api/survey/${h.slug}/staff${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await h.fake.issueIdToken(people[who]!.lineUserId, 'simulator')}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const enter = (who: string) =>
    call(who, 'POST', '/paper', { surveyId, version: 1, answers, clientId: crypto.randomUUID() });
  const report = async () => {
    const r = await buildSatisfactionReport(
      h.db,
      h.org,
      roundOf(h.deps.clock()).label,
      h.deps.clock(),
    );
    return { respondents: r.card.respondents, paper: r.method.paper!, html: renderReportHtml(r) };
  };

  it('the lowest role is refused, with a Thai reason, and nothing is stored', async () => {
    const before = await report();
    const r = await enter('officer');
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe(E.paperNotGranted);
    expect((await report()).paper).toEqual(before.paper);
    expect((await call('officer', 'POST', '/paper/batches')).status).toBe(403);
  });

  it('forms go into a numbered batch that does not count until another person confirms it', async () => {
    const before = await report();
    const a = await enter('typist');
    const b = await enter('typist');
    expect(a.body).toMatchObject({ status: 'stored' });
    expect(a.status).toBe(201);
    expect(b.body.batch).toEqual({ number: a.body.batch.number, count: 2 });
    const batch = a.body.batch.number as number;

    // Unconfirmed: not in the figures, shown as waiting.
    let now = await report();
    expect(now.respondents).toBe(before.respondents);
    expect(now.paper).toEqual({ counted: 0, pending: 2 });

    // The typist cannot confirm their own batch; an officer without the grant cannot either.
    const own = await call('typist', 'POST', `/paper/batches/${batch}/confirm`, { count: 2 });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(E.paperOwnBatch);
    const officer = await call('officer', 'POST', `/paper/batches/${batch}/confirm`, { count: 2 });
    expect(officer.status).toBe(403);
    // A count that does not match the paper is refused.
    const wrong = await call('checker', 'POST', `/paper/batches/${batch}/confirm`, { count: 3 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toBe(E.paperCountMismatch(2));

    const list = await call('checker', 'GET', '/paper/batches');
    expect(list.body.batches[0]).toMatchObject({
      number: batch,
      count: 2,
      enteredBy: 'ทดสอบ typist',
      confirmedAt: null,
      mine: false,
      canConfirm: true,
    });
    const ok = await call('checker', 'POST', `/paper/batches/${batch}/confirm`, { count: 2 });
    expect(ok.status).toBe(200);
    expect(
      (await call('admin', 'POST', `/paper/batches/${batch}/confirm`, { count: 2 })).status,
    ).toBe(409);

    // Confirmed: counted, and the report shows paper as its own share.
    now = await report();
    expect(now.respondents).toBe(before.respondents + 2);
    expect(now.paper).toEqual({ counted: 2, pending: 0 });
    expect(now.html).toContain(
      th.metrics.report.paperShare(2, ((100 * 2) / now.respondents).toFixed(2), 0),
    );

    // Every step is in the audit log.
    const audit = await h.db
      .select({ action: auditLog.action, staffId: auditLog.staffId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, h.org.id), like(auditLog.action, 'paper.%')));
    expect(audit.filter((x) => x.action === 'paper.entered')).toHaveLength(2);
    expect(audit).toContainEqual({ action: 'paper.batch_opened', staffId: people.typist!.id });
    expect(audit).toContainEqual({ action: 'paper.batch_confirmed', staffId: people.checker!.id });
  });

  it('the daily cap per staff member is enforced', async () => {
    // 2 typed in above; the cap is 3.
    expect((await enter('typist')).status).toBe(201);
    const over = await enter('typist');
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe(E.paperCap(3));
    const pending = (await report()).paper.pending;
    expect(pending).toBe(1);
    // The next Bangkok day the cap starts again.
    h.advance(86_400_000);
    expect((await enter('typist')).status).toBe(201);
  });

  it('an admin grants and takes back paper entry; others cannot', async () => {
    const grant = { staffId: people.officer!.id, grant: true };
    expect((await call('typist', 'POST', '/paper/grants', grant)).status).toBe(403);
    expect((await call('admin', 'POST', '/paper/grants', grant)).status).toBe(200);
    expect((await enter('officer')).status).toBe(201);
    expect((await call('admin', 'POST', '/paper/grants', { ...grant, grant: false })).status).toBe(
      200,
    );
    expect((await enter('officer')).status).toBe(403);
  });
});
