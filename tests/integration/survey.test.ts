import { inflateSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents } from '../../bot/dev/events';
import { inviteToSurvey } from '../../bot/survey/invite';
import { th } from '../../shared/text/th';
import {
  cases,
  outbox,
  residents,
  servicePoints,
  services,
  staff,
  surveyAnswers,
  surveyDedupeKeys,
  surveyInvitations,
  surveyResponses,
  surveyRounds,
  surveys,
} from '../../db/schema';
import { seedSurveys } from '../../db/survey-seed';
import demoServices from '../../db/seed/demo-services.json' with { type: 'json' };
import type { SurveyDefinition } from '../../shared/survey/definition';
import { roundOf } from '../../shared/survey/rounds';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
const answers = (over: Record<string, string | string[]> = {}) => ({
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
  ...over,
});

describe('survey API', () => {
  let h: Harness;
  let surveyId: string;
  beforeAll(async () => {
    h = await createHarness();
    const def = await h.app.request(`/api/survey/${h.slug}`);
    surveyId = ((await def.json()) as any).survey.id;
  });
  afterAll(() => h.close());

  const token = (userId: string, opts: { clientId?: string; ttlSeconds?: number } = {}) =>
    h.fake.issueIdToken(userId, opts.clientId ?? 'simulator', { ttlSeconds: opts.ttlSeconds });
  const submit = async (idToken: string | null, body: Record<string, unknown>) => {
    const res = await h.app.request(`/api/survey/${h.slug}/responses`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(idToken ? { Authorization: `Bearer ${idToken}` } : {}),
      },
      body: JSON.stringify({ surveyId, version: 1, ...body }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const responseCount = async () =>
    (
      await h.db
        .select({ n: sql<number>`count(*)::int` })
        .from(surveyResponses)
        .where(eq(surveyResponses.orgId, h.org.id))
    )[0]!.n;

  it('seeds the published default survey, the current round, services and points, idempotently', async () => {
    await seedSurveys(h.db, h.org.id, demoServices, h.deps.clock());
    const s = await h.db.select().from(surveys).where(eq(surveys.orgId, h.org.id));
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ version: 1, assessmentYear: 2569, code: 'service' });
    expect(s[0]!.publishedAt).not.toBeNull();
    const rounds = await h.db.select().from(surveyRounds).where(eq(surveyRounds.orgId, h.org.id));
    expect(rounds.map((r) => r.label)).toEqual([roundOf(h.deps.clock()).label]);
    expect(await h.db.select().from(services).where(eq(services.orgId, h.org.id))).toHaveLength(
      demoServices.services.length,
    );
    expect(
      await h.db.select().from(servicePoints).where(eq(servicePoints.orgId, h.org.id)),
    ).toHaveLength(demoServices.points.length);
  });

  it('a published survey version cannot be changed or deleted; a draft can', async () => {
    await expect(
      h.db.update(surveys).set({ title: 'แก้ไข' }).where(eq(surveys.id, surveyId)),
    ).rejects.toThrow();
    await expect(h.db.delete(surveys).where(eq(surveys.id, surveyId))).rejects.toThrow();
    const [draft] = await h.db
      .insert(surveys)
      .values({
        orgId: h.org.id,
        code: 'draft',
        version: 1,
        assessmentYear: 2570,
        title: 'ร่าง',
        // A draft that is not a valid definition yet: stored as is (drafts are checked on publish).
        definition: {} as SurveyDefinition,
      })
      .returning();
    await h.db.update(surveys).set({ title: 'ร่าง 2' }).where(eq(surveys.id, draft!.id));
    await h.db.delete(surveys).where(eq(surveys.id, draft!.id));
  });

  it('GET gives the definition, the services and the QR point preset', async () => {
    const res = await h.app.request(`/api/survey/${h.slug}?point=finance-counter`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.survey.version).toBe(1);
    expect(body.survey.definition.sections.length).toBeGreaterThan(3);
    expect(body.point).toEqual({
      code: 'finance-counter',
      name: 'จุดรับชำระภาษี กองคลัง',
      service: 'land_tax',
    });
    expect(body.liff).toEqual({ id: null, clientId: 'simulator' });
    expect((await h.app.request(`/api/survey/${h.slug}?point=nope`)).status).toBe(404);
  });

  it('stores a response with a valid ID token, with scores and without the LINE user id', async () => {
    const user = newUser();
    const before = await responseCount();
    const r = await submit(await token(user), {
      answers: answers({ e1: '2', e1_why: ['slow'], comment: 'ขอบคุณค่ะ' }),
      clientId: 'fill-0001',
    });
    expect(r).toEqual({ status: 201, body: { status: 'stored' } });
    expect(await responseCount()).toBe(before + 1);
    const [resp] = await h.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, h.org.id))
      .orderBy(sql`submitted_at desc`)
      .limit(1);
    // Nothing on the response row leads back to the person, not even a keyed hash.
    expect(resp!.dedupeHash).toBeNull();
    const keys = await h.db.select().from(surveyDedupeKeys);
    for (const k of keys) expect(k.createdAt.getTime() % 86_400_000).toBe(0);
    expect(resp).toMatchObject({
      channel: 'counter',
      respondentType: 'resident',
      comment: 'ขอบคุณค่ะ',
    });
    const rows = await h.db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.responseId, resp!.id));
    const byCode = Object.fromEntries(rows.map((a) => [a.questionCode, a]));
    expect(byCode.e1).toMatchObject({ indicator: '6', value: '2', score: 50 });
    expect(byCode.e1_why).toMatchObject({ value: 'slow', score: null });
    expect(byCode.e9!.score).toBeNull();
    expect(byCode.s1!.score).toBe(100);
    // No trace of the user id in anything stored for the response.
    const dump = JSON.stringify({
      resp,
      rows,
      keys: await h.db.select().from(surveyDedupeKeys),
    });
    expect(dump).not.toContain(user);
    expect(dump).not.toContain(user.slice(1));
  });

  it('the same person twice in a round for the same service is refused; another person is not', async () => {
    const user = newUser();
    expect(
      (await submit(await token(user), { answers: answers(), clientId: 'fill-aa01' })).status,
    ).toBe(201);
    const again = await submit(await token(user), {
      answers: answers({ s1: '1' }),
      clientId: 'fill-aa02',
    });
    expect(again).toEqual({ status: 409, body: { status: 'already_answered' } });
    // A counter QR for the same service counts as the same service.
    const viaQr = await submit(await token(user), {
      answers: answers({ p2: 'tax_ignored' }),
      point: 'clerk-counter',
      clientId: 'fill-aa03',
    });
    expect(viaQr.status).toBe(409);
    // Another service in the same round is a new answer.
    expect(
      (
        await submit(await token(user), {
          answers: answers({ p2: 'land_tax' }),
          clientId: 'fill-aa04',
        })
      ).status,
    ).toBe(201);
    expect(
      (await submit(await token(newUser()), { answers: answers(), clientId: 'fill-aa05' })).status,
    ).toBe(201);
  });

  it('a retried submit of the same filled survey is answered "stored" and kept once', async () => {
    const user = newUser();
    const body = { answers: answers({ p2: 'water_truck' }), clientId: 'fill-retry-1' };
    expect((await submit(await token(user), body)).status).toBe(201);
    const n = await responseCount();
    expect(await submit(await token(user), body)).toEqual({
      status: 200,
      body: { status: 'stored' },
    });
    expect(await responseCount()).toBe(n);
  });

  it('forged, expired, wrong-channel and missing tokens → 401, nothing stored', async () => {
    const n = await responseCount();
    const good = await token(newUser());
    const [hd, payload] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: newUser(),
      }),
    ).toString('base64url');
    const forged = `${hd}.${forgedPayload}.${good.split('.')[2]}`;
    const expired = await token(newUser(), { ttlSeconds: 60 });
    const wrongChannel = await token(newUser(), { clientId: '1234567890' });
    h.advance(61_000);
    for (const t of [forged, expired, wrongChannel, 'not-a-token', null]) {
      const r = await submit(t, { answers: answers({ p2: 'complaint' }) });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthorized');
    }
    expect(await responseCount()).toBe(n);
    // And the verify endpoint was asked (the token check goes through the LINE client).
    expect(h.fake.calls('/oauth2/v2.1/verify').length).toBeGreaterThan(3);
  });

  it('a wrong survey version → 400; invalid answers → 400 with the issues', async () => {
    const t = await token(newUser());
    const wrong = await submit(t, { version: 2, answers: answers() });
    expect(wrong.status).toBe(400);
    const unknown = await submit(t, { surveyId: crypto.randomUUID(), answers: answers() });
    expect(unknown.status).toBe(400);
    const { e5: _, ...missing } = answers();
    const invalid = await submit(t, { answers: { ...missing, e3: '9' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues).toEqual(
      [
        { code: 'e3', problem: 'invalid_option' },
        { code: 'e5', problem: 'required' },
      ].sort((a, b) => (a.code < b.code ? -1 : 1)),
    );
  });

  describe('invitation after a finished case', () => {
    async function finishedCase(
      opts: { kind?: 'complaint' | 'corruption'; anonymous?: boolean } = {},
    ) {
      const user = newUser();
      const [resident] = await h.db
        .insert(residents)
        .values({ orgId: h.org.id, lineUserId: user })
        .returning();
      const [kase] = await h.db
        .insert(cases)
        .values({
          orgId: h.org.id,
          trackingCode: `FS-T-${crypto.randomUUID().slice(0, 6)}`,
          kind: opts.kind ?? 'complaint',
          stateType: 'finished',
          stateLabel: 'เสร็จสิ้น',
          residentId: opts.anonymous ? null : resident!.id,
          anonymity: opts.anonymous ? 'anonymous' : 'none',
          finishedAt: h.deps.clock(),
        })
        .returning();
      return { user, kase: kase! };
    }
    const invite = (kase: typeof cases.$inferSelect, optedIn = false) =>
      h.db.transaction((tx) =>
        inviteToSurvey(tx, kase, {
          now: h.deps.clock(),
          env: h.deps.env,
          orgSlug: h.slug,
          optedIn,
        }),
      );
    const outboxTo = (user: string) =>
      h.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.orgId, h.org.id), eq(outbox.target, user)));

    it('enqueues exactly one push per case, however often it is called', async () => {
      const { user, kase } = await finishedCase();
      expect(await invite(kase)).toBe('invited');
      expect(await invite(kase)).toBe('already_invited');
      const rows = await outboxTo(user);
      expect(rows).toHaveLength(1);
      const [inv] = await h.db
        .select()
        .from(surveyInvitations)
        .where(eq(surveyInvitations.caseId, kase.id));
      expect(inv!.outboxId).toBe(rows[0]!.id);
      const msg = (rows[0]!.messages as any[])[0];
      expect(msg.template.text).toContain(kase.trackingCode);
      expect(msg.template.actions[0].uri).toContain(
        `/liff/survey.html?org=${h.slug}&inv=${inv!.id}`,
      );
    });

    it('no invitation for anonymous corruption complaints, nor corruption unless opted in', async () => {
      const anon = await finishedCase({ kind: 'corruption', anonymous: true });
      expect(await invite(anon.kase, true)).toBe('not_invited');
      const named = await finishedCase({ kind: 'corruption' });
      expect(await invite(named.kase)).toBe('not_invited');
      expect(await outboxTo(named.user)).toHaveLength(0);
      expect(await invite(named.kase, true)).toBe('invited');
    });

    it('only the invited resident answers, once per case', async () => {
      const { user, kase } = await finishedCase();
      await invite(kase);
      const [inv] = await h.db
        .select()
        .from(surveyInvitations)
        .where(eq(surveyInvitations.caseId, kase.id));
      const stranger = await submit(await token(newUser()), {
        answers: answers({ p2: 'complaint' }),
        invitation: inv!.id,
      });
      expect(stranger.status).toBe(403);
      const own = await submit(await token(user), {
        answers: answers({ p2: 'complaint', p3: 'line' }),
        invitation: inv!.id,
      });
      expect(own.status).toBe(201);
      // The case is answered, even about another service.
      const again = await submit(await token(user), {
        answers: answers({ p2: 'building_permit' }),
        invitation: inv!.id,
      });
      expect(again).toEqual({ status: 409, body: { status: 'already_answered' } });
    });
  });

  it("the menu's ประเมินความพึงพอใจ answers with the survey link", async () => {
    const userId = newUser();
    const res = await h.deliver([
      lineEvents.text({ userId, replyToken: h.fake.issueReplyToken(userId), text: th.menu.survey }),
    ]);
    expect(res.status).toBe(200);
    const sent = JSON.stringify(h.fake.messagesFor(userId).map((m) => m.message));
    expect(sent).toContain(`/liff/survey.html?org=${h.slug}`);
  });

  it('a closed round takes no more answers', async () => {
    await h.db
      .update(surveyRounds)
      .set({ closedAt: h.deps.clock() })
      .where(eq(surveyRounds.orgId, h.org.id));
    const r = await submit(await token(newUser()), { answers: answers() });
    expect(r).toEqual({ status: 409, body: { status: 'round_closed' } });
    await h.db.update(surveyRounds).set({ closedAt: null }).where(eq(surveyRounds.orgId, h.org.id));
  });
});

describe('service point QR codes and poster', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('SVG and PNG encode the survey link with the point preset; the A4 poster is Thai', async () => {
    const svg = await h.app.request(`/public/${h.slug}/survey/qr/finance-counter.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    expect(text).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(text).toContain('<title>จุดรับชำระภาษี กองคลัง</title>');

    const png = await h.app.request(`/public/${h.slug}/survey/qr/finance-counter.png`);
    expect(png.status).toBe(200);
    const bytes = new Uint8Array(await png.arrayBuffer());
    const decoded = decodePng(bytes);
    expect(decoded.width).toBe(decoded.height);
    // The matrix the PNG draws is the QR code of the survey link (sampled per module).
    const { qrMatrix } = await import('../../bot/survey/qr');
    const { surveyUrl } = await import('../../bot/survey/invite');
    const url = surveyUrl(h.deps.env, h.slug, { point: 'finance-counter', src: 'qr' });
    expect(url).toContain(`/liff/survey.html?org=${h.slug}&point=finance-counter&src=qr`);
    const m = qrMatrix(url);
    const scale = decoded.width / (m.length + 8);
    for (let r = 0; r < m.length; r++)
      for (let c = 0; c < m.length; c++) {
        const x = Math.floor((c + 4.5) * scale);
        const y = Math.floor((r + 4.5) * scale);
        expect(decoded.pixels[y * decoded.width + x] === 0).toBe(m[r]![c]);
      }

    const poster = await h.app.request(`/public/${h.slug}/survey/poster/finance-counter`);
    expect(poster.status).toBe(200);
    const html = await poster.text();
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('ประเมินความพึงพอใจต่อการให้บริการ');
    expect(html).toContain('จุดรับชำระภาษี กองคลัง');
    expect(html).toContain('<svg');
    expect((await h.app.request(`/public/${h.slug}/survey/poster/nope`)).status).toBe(404);
  });

  it("escapes the service point's name on the poster", async () => {
    const hostile = `<script>alert(1)</script>"'&`;
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
    const [point] = await h.db
      .update(servicePoints)
      .set({ name: `จุด ${hostile}` })
      .where(and(eq(servicePoints.orgId, h.org.id), eq(servicePoints.code, 'finance-counter')))
      .returning();
    expect(point).toBeDefined();
    const html = await (
      await h.app.request(`/public/${h.slug}/survey/poster/finance-counter`)
    ).text();
    expect(html).toContain(`<p class="point">จุด ${escaped}</p>`);
    expect(html).toContain(`· จุด ${escaped}</title>`);
    expect(html).not.toContain('<script>alert');
  });
});

/** Decodes the 8-bit greyscale, filter-0 PNG that qrPng writes. */
function decodePng(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (at < bytes.length) {
    const len = view.getUint32(at);
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = new DataView(data.buffer, data.byteOffset).getUint32(0);
      height = new DataView(data.buffer, data.byteOffset).getUint32(4);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  return { width, height, pixels };
}

describe('staff: paper forms and rounds', () => {
  let h: Harness;
  let surveyId: string;
  const admin = newUser();
  const officer = newUser();
  beforeAll(async () => {
    h = await createHarness();
    surveyId = ((await (await h.app.request(`/api/survey/${h.slug}`)).json()) as any).survey.id;
    const people = await h.db.select().from(staff).where(eq(staff.orgId, h.org.id));
    // The demo clerk (ปลัด) holds clerk_office and admin; the electrician is an officer.
    await h.db
      .update(staff)
      .set({ lineUserId: admin })
      .where(eq(staff.id, people.find((p) => p.position === 'ปลัดเทศบาล')!.id));
    await h.db
      .update(staff)
      .set({ lineUserId: officer })
      .where(eq(staff.id, people.find((p) => p.position === 'นายช่างไฟฟ้า')!.id));
  });
  afterAll(() => h.close());

  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await h.app.request(`/api/survey/${h.slug}/staff${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await h.fake.issueIdToken(user, 'simulator')}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('staff type in paper forms: channel paper, who entered it, no dedupe by person', async () => {
    // Paper entry is granted by an admin (issue 12; tests/security/paper-entry.test.ts).
    const [electrician] = await h.db.select().from(staff).where(eq(staff.lineUserId, officer));
    expect((await call(officer, 'POST', '/paper', {})).status).toBe(403);
    expect(
      (await call(admin, 'POST', '/paper/grants', { staffId: electrician!.id, grant: true }))
        .status,
    ).toBe(200);
    const form = {
      surveyId,
      version: 1,
      answers: answers({ p3: 'counter' }),
      point: 'clerk-counter',
    };
    expect((await call(officer, 'POST', '/paper', form)).status).toBe(201);
    expect((await call(officer, 'POST', '/paper', form)).status).toBe(201);
    // The same form number sent twice (a double tap) is kept once.
    expect(
      (await call(officer, 'POST', '/paper', { ...form, clientId: 'paper-0001' })).status,
    ).toBe(201);
    expect(
      (await call(officer, 'POST', '/paper', { ...form, clientId: 'paper-0001' })).status,
    ).toBe(200);
    const rows = await h.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, h.org.id));
    expect(rows).toHaveLength(3);
    const [me] = await h.db.select().from(staff).where(eq(staff.lineUserId, officer));
    for (const r of rows)
      expect(r).toMatchObject({ channel: 'paper', enteredByStaffId: me!.id, dedupeHash: null });
    expect((await call(newUser(), 'POST', '/paper', form)).status).toBe(403);
    expect(
      (await call(officer, 'POST', '/paper', { ...form, answers: { p1: 'resident' } })).status,
    ).toBe(400);
    // Counted once a second person confirms the batch.
    const batch = rows[0]!.paperBatchId;
    expect(batch).not.toBeNull();
    expect(rows.every((r) => r.paperBatchId === batch)).toBe(true);
    const { batches } = (await call(admin, 'GET', '/paper/batches')).body;
    const confirm = await call(admin, 'POST', `/paper/batches/${batches[0].number}/confirm`, {
      count: 3,
    });
    expect(confirm.status).toBe(200);
  });

  it("rounds: progress toward the target; only the clerk's office or an admin opens and closes", async () => {
    const label = roundOf(h.deps.clock()).label;
    expect((await call(officer, 'POST', `/rounds/${label}`, { action: 'close' })).status).toBe(403);
    const set = await call(admin, 'POST', `/rounds/${label}`, { targetSample: 30 });
    expect(set.status).toBe(200);
    const list = await call(officer, 'GET', '/rounds');
    const round = list.body.rounds.find((r: any) => r.label === label);
    expect(round).toMatchObject({ targetSample: 30, responses: 3, paper: 3, open: true });
    expect(round.progress).toBeCloseTo(0.1, 10);

    expect(
      (await call(admin, 'POST', `/rounds/${label}`, { action: 'close' })).body.round.open,
    ).toBe(false);
    const page = (await (await h.app.request(`/api/survey/${h.slug}`)).json()) as any;
    expect(page.round).toEqual({ label, open: false });
    const late = await h.app.request(`/api/survey/${h.slug}/responses`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await h.fake.issueIdToken(newUser(), 'simulator')}`,
      },
      body: JSON.stringify({ surveyId, version: 1, answers: answers() }),
    });
    expect(late.status).toBe(409);
    expect(
      (await call(admin, 'POST', `/rounds/${label}`, { action: 'open' })).body.round.open,
    ).toBe(true);
    expect((await call(admin, 'POST', '/rounds/2569-7', { action: 'open' })).status).toBe(404);
  });
});
