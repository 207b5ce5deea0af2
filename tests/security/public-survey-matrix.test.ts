import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_TRIES_PER_USER_HOUR } from '../../bot/survey/routes';
import { cases, staff, staffRoles, surveyResponses } from '../../db/schema';
import { seedOrg } from '../../db/seed';
import type { StaffRole } from '../../shared/roles';
import { roundOf } from '../../shared/survey/rounds';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { newLineUser } from '../helpers/staff';

const CLIENT_ID = 'simulator';
const answers = {
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
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * Issue 12's permission matrix over the public and survey routes (the staff and admin matrices
 * are tests/integration/staff-api.test.ts and admin-api.test.ts): every route × callers with no
 * token, a forged, expired, wrong-audience or `alg: none` token, a resident, this
 * organisation's officer and another organisation's staff. Expectations are written by hand.
 */
describe('permission matrix: public and survey routes', () => {
  let h: Harness;
  let surveyId: string;
  const tokens: Record<string, () => Promise<string | null>> = {};

  async function addStaff(orgId: string, role: StaffRole) {
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId, name: `ทดสอบ ${role}`, lineUserId })
      .returning();
    await h.db.insert(staffRoles).values({ orgId, staffId: s!.id, role });
    return lineUserId;
  }

  beforeAll(async () => {
    h = await createHarness();
    surveyId = ((await (await h.app.request(`/api/survey/${h.slug}`)).json()) as any).survey.id;
    const officer = await addStaff(h.org.id, 'officer');
    const other = await seedOrg(h.db, {
      slug: `other-${crypto.randomUUID().slice(0, 8)}`,
      name: 'อบต.อื่น',
      divisions: [],
      staff: [],
    });
    const otherAdmin = await addStaff(other.id, 'admin');
    const valid = await h.fake.issueIdToken(newLineUser(), CLIENT_ID);
    const [head, body] = valid.split('.');
    // A fresh LINE user per call where a valid token is used, so the survey's
    // once-per-person rule and its rate limit never decide the matrix.
    tokens.no_token = async () => null;
    tokens.forged = async () => `${head}.${body}.${'x'.repeat(43)}`;
    tokens.alg_none = async () =>
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), exp: 4e9 })}.`;
    tokens.expired = () => h.fake.issueIdToken(newLineUser(), CLIENT_ID, { ttlSeconds: -60 });
    tokens.wrong_audience = () => h.fake.issueIdToken(newLineUser(), '1234567890');
    tokens.resident = () => h.fake.issueIdToken(newLineUser(), CLIENT_ID);
    tokens.officer = () => h.fake.issueIdToken(officer, CLIENT_ID);
    tokens.other_org_admin = () => h.fake.issueIdToken(otherAdmin, CLIENT_ID);
  });
  afterAll(() => h.close());

  const request = async (method: string, path: string, token: string | null, body?: unknown) => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    let payload: string | undefined;
    if (typeof body === 'string') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers.Origin = 'http://localhost';
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    headers['x-test-peer-address'] =
      `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    return h.app.request(path, { method, headers, body: payload });
  };

  it('every route × every caller', async () => {
    const P = `/public/${h.slug}`;
    const S = `/api/survey/${h.slug}`;
    const label = roundOf(h.deps.clock()).label;
    const submission = () => ({ surveyId, version: 1, answers, clientId: crypto.randomUUID() });
    const routes: { name: string; method: string; path: string; body?: () => unknown }[] = [
      { name: 'public index', method: 'GET', path: `${P}` },
      { name: 'reports', method: 'GET', path: `${P}/reports` },
      { name: 'reports.json', method: 'GET', path: `${P}/reports.json` },
      { name: 'reports.csv', method: 'GET', path: `${P}/reports.csv` },
      { name: 'a report not published', method: 'GET', path: `${P}/reports/${label}` },
      { name: 'stats/services', method: 'GET', path: `${P}/stats/services` },
      { name: 'stats/corruption.json', method: 'GET', path: `${P}/stats/corruption.json` },
      { name: 'services', method: 'GET', path: `${P}/services` },
      { name: 'services.csv', method: 'GET', path: `${P}/services.csv` },
      { name: 'channels', method: 'GET', path: `${P}/channels` },
      { name: 'outcomes.json', method: 'GET', path: `${P}/outcomes.json` },
      { name: 'survey QR', method: 'GET', path: `${P}/survey/qr/front-desk.svg` },
      { name: 'survey poster', method: 'GET', path: `${P}/survey/poster/front-desk` },
      { name: 'corruption form', method: 'GET', path: `${P}/corruption` },
      {
        name: 'corruption post, no form token',
        method: 'POST',
        path: `${P}/corruption`,
        body: () => 'description=x',
      },
      { name: 'track form', method: 'GET', path: `${P}/track` },
      {
        name: 'track post, no form token',
        method: 'POST',
        path: `${P}/track`,
        body: () => 'code=AB12&pin=123456',
      },
      { name: 'survey definition', method: 'GET', path: S },
      { name: 'survey response', method: 'POST', path: `${S}/responses`, body: submission },
      { name: 'staff rounds', method: 'GET', path: `${S}/staff/rounds` },
      {
        name: 'staff round change',
        method: 'POST',
        path: `${S}/staff/rounds/${label}`,
        body: () => ({ targetSample: 50 }),
      },
      { name: 'staff paper form', method: 'POST', path: `${S}/staff/paper`, body: submission },
      { name: 'staff paper batches', method: 'GET', path: `${S}/staff/paper/batches` },
      { name: 'staff new batch', method: 'POST', path: `${S}/staff/paper/batches` },
      {
        name: 'staff confirm batch',
        method: 'POST',
        path: `${S}/staff/paper/batches/1/confirm`,
        body: () => ({ count: 1 }),
      },
      {
        name: 'staff paper grant',
        method: 'POST',
        path: `${S}/staff/paper/grants`,
        body: () => ({ staffId: crypto.randomUUID(), grant: true }),
      },
    ];
    // Public pages: the same for everyone, a token neither needed nor honoured. 404: a report
    // not published. 403: a form post without its form token. Survey: a verified person only;
    // staff routes: this organisation's staff only, and then by role.
    const PUBLIC = [
      'ok',
      'ok',
      'ok',
      'ok',
      '404',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      '403',
      'ok',
      '403',
      'ok',
    ];
    const BAD = [...PUBLIC, '401', ...Array(7).fill('401')];
    const expected: Record<string, string[]> = {
      no_token: BAD,
      forged: BAD,
      alg_none: BAD,
      expired: BAD,
      wrong_audience: BAD,
      resident: [...PUBLIC, 'ok', ...Array(7).fill('403')],
      other_org_admin: [...PUBLIC, 'ok', ...Array(7).fill('403')],
      //                          rounds round± paper  list  new    confirm grant
      officer: [...PUBLIC, 'ok', 'ok', '403', '403', 'ok', '403', '404', '403'],
    };
    const responsesBefore = (await h.db.select({ n: count() }).from(surveyResponses))[0]!.n;
    const casesBefore = (await h.db.select({ n: count() }).from(cases))[0]!.n;
    const actual: Record<string, string[]> = {};
    for (const who of Object.keys(expected)) {
      actual[who] = [];
      for (const r of routes) {
        const res = await request(r.method, r.path, await tokens[who]!(), r.body?.());
        expect(res.status, `${who} ${r.name}`).toBeLessThan(500);
        actual[who]!.push(res.status < 300 ? 'ok' : String(res.status));
      }
    }
    const table = routes
      .map(
        (r, i) =>
          `${r.name.padEnd(32)} ${Object.keys(expected)
            .map((k) =>
              (actual[k]![i] === expected[k]![i]
                ? actual[k]![i]!
                : `${actual[k]![i]}≠${expected[k]![i]}`
              ).padEnd(8),
            )
            .join(' ')}`,
      )
      .join('\n');
    expect(actual, `\n${' '.repeat(33)}${Object.keys(expected).join(' ')}\n${table}`).toEqual(
      expected,
    );
    // Three verified callers answered once each; refused posts stored nothing.
    expect((await h.db.select({ n: count() }).from(surveyResponses))[0]!.n).toBe(
      responsesBefore + 3,
    );
    expect((await h.db.select({ n: count() }).from(cases))[0]!.n).toBe(casesBefore);
  });

  it(`survey submissions: at most ${SURVEY_TRIES_PER_USER_HOUR} an hour per person, then 429 in Thai`, async () => {
    const person = newLineUser();
    const statuses: number[] = [];
    for (let i = 0; i <= SURVEY_TRIES_PER_USER_HOUR; i++) {
      const token = await h.fake.issueIdToken(person, CLIENT_ID);
      const res = await request('POST', `/api/survey/${h.slug}/responses`, token, {
        surveyId,
        version: 1,
        answers: { ...answers, p2: i % 2 ? 'welfare' : 'land_tax' },
        clientId: crypto.randomUUID(),
      });
      statuses.push(res.status);
      if (res.status === 429)
        expect(((await res.json()) as any).error.message).toBe(th.survey.errors.tooMany);
    }
    expect(statuses.slice(0, -1).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another hour, another try.
    h.advance(3_600_000);
    const res = await request(
      'POST',
      `/api/survey/${h.slug}/responses`,
      await h.fake.issueIdToken(person, CLIENT_ID),
      {
        surveyId,
        version: 1,
        answers,
        clientId: crypto.randomUUID(),
      },
    );
    expect(res.status).not.toBe(429);
  });

  it('survey submissions per network address: many people behind one address are limited too', async () => {
    const { SURVEY_TRIES_PER_ADDRESS_HOUR } = await import('../../bot/survey/routes');
    h.advance(3_600_000);
    let last = 0;
    for (let i = 0; i <= SURVEY_TRIES_PER_ADDRESS_HOUR; i++) {
      const res = await h.app.request(`/api/survey/${h.slug}/responses`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${await h.fake.issueIdToken(newLineUser(), CLIENT_ID)}`,
          'Content-Type': 'application/json',
          'x-test-peer-address': '10.200.0.1',
          // Forged forwarding headers change nothing without TRUST_PROXY.
          'X-Forwarded-For': `10.1.${i % 250}.1`,
        },
        body: '{}',
      });
      last = res.status;
      if (i < SURVEY_TRIES_PER_ADDRESS_HOUR) expect(res.status).toBe(400);
    }
    expect(last).toBe(429);
  });
});
