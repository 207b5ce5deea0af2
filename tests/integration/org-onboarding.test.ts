import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../bot/cli';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import {
  divisions,
  faqEntries,
  orgs,
  serviceCategories,
  services,
  staffInvites,
  surveyRounds,
  surveys,
} from '../../db/schema';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { th } from '../../shared/text/th';
import { thAdmin } from '../../shared/text/th-admin';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('onboarding an organisation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: {
        APP_SECRET: h.deps.env.APP_SECRET,
        LINE_API_BASE_URL: h.deps.env.LINE_API_BASE_URL,
        LINE_DATA_API_BASE_URL: h.deps.env.LINE_API_BASE_URL,
        PUBLIC_BASE_URL: 'https://fangsiang.example.org',
      },
      open: async () => ({
        db: h.db,
        kind: h.deps.dbKind,
        migrate: async () => {},
        close: async () => {},
      }),
    });
    return { code, out, err };
  }
  const orgCount = async () => (await h.db.select({ n: count() }).from(orgs))[0]!.n;

  it('org create checks LINE, copies the template, and the new channel answers with its own token', async () => {
    const secret = randomHex(16);
    const token = `new-token-${randomHex(12)}`;
    h.fake.addChannel(token, { basicId: '@bangsai', displayName: 'เทศบาลตำบลบางไทร' });
    const r = await cli(
      'org',
      'create',
      '--name',
      'เทศบาลตำบลบางไทร',
      '--slug',
      'bangsai',
      '--channel-secret',
      secret,
      '--access-token',
      token,
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('https://fangsiang.example.org/webhook/bangsai');
    expect(text).toContain('@bangsai');
    expect(text).toContain(thAdmin.org.richMenu);
    // The invite expiry is a Thai date in the Buddhist era.
    expect(text).toMatch(/ถึง \d{1,2} [ก-๙.]+ 25\d\d/);
    expect(text).toMatch(/STAFF-[A-Z2-9]{4}-[A-Z2-9]{4}/);

    const [org] = await h.db.select().from(orgs).where(eq(orgs.slug, 'bangsai'));
    expect(org!.name).toBe('เทศบาลตำบลบางไทร');
    // Secrets are stored encrypted.
    expect(org!.lineChannelSecretEnc).not.toContain(secret);
    expect(org!.lineAccessTokenEnc).not.toContain(token);
    const n = async (
      t: typeof divisions | typeof serviceCategories | typeof faqEntries | typeof services,
    ) => (await h.db.select({ n: count() }).from(t).where(eq(t.orgId, org!.id)))[0]!.n;
    expect(await n(divisions)).toBeGreaterThan(0);
    expect(await n(serviceCategories)).toBeGreaterThan(0);
    expect(await n(faqEntries)).toBeGreaterThan(0);
    expect(await n(services)).toBeGreaterThan(0);
    expect(
      (await h.db.select().from(surveys).where(eq(surveys.orgId, org!.id))).length,
    ).toBeGreaterThan(0);
    expect(
      (await h.db.select().from(surveyRounds).where(eq(surveyRounds.orgId, org!.id))).length,
    ).toBeGreaterThan(0);
    const invites = await h.db.select().from(staffInvites).where(eq(staffInvites.orgId, org!.id));
    expect(invites.map((i) => i.role)).toEqual(['admin']);
    // The rich menu went onto the new channel, with its token.
    const menu = h.fake.requests.find(
      (q) =>
        q.path.endsWith('/v2/bot/user/all/richmenu/' + q.path.split('/').pop()) &&
        q.method === 'POST',
    );
    expect(menu?.headers.authorization).toBe(`Bearer ${token}`);

    // A signed webhook on /webhook/bangsai is answered with this organisation's greeting and token.
    const userId = newUser();
    const body = webhookBody([
      lineEvents.follow({ userId, replyToken: h.fake.issueReplyToken(userId) }),
    ]);
    const res = await h.app.request('/webhook/bangsai', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-Line-Signature': await signBody(await importHmacKey(secret), body),
      },
    });
    expect(res.status).toBe(200);
    await h.queue.drain();
    const got = h.fake.messagesFor(userId).map((m) => (m.message as { text?: string }).text);
    expect(got[0]).toBe(th.greeting('เทศบาลตำบลบางไทร'));
    const reply = h.fake.requests.filter((q) => q.path === '/v2/bot/message/reply').at(-1)!;
    expect(reply.headers.authorization).toBe(`Bearer ${token}`);

    // The default organisation's secret does not open the new one's webhook.
    const forged = await h.app.request('/webhook/bangsai', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'X-Line-Signature': await h.sign(body) },
    });
    expect(forged.status).toBe(401);

    const list = await cli('org', 'list');
    expect(list.out.join('\n')).toMatch(/bangsai\tเทศบาลตำบลบางไทร\tมี\tใช้งาน/);

    // org disable: the webhook answers 404, the data stays.
    const off = await cli('org', 'disable', '--slug', 'bangsai');
    expect(off.code).toBe(0);
    h.deps.orgs.invalidate();
    const gone = await h.app.request('/webhook/bangsai', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-Line-Signature': await signBody(await importHmacKey(secret), body),
      },
    });
    expect(gone.status).toBe(404);
    expect(await n(faqEntries)).toBeGreaterThan(0);
    expect((await cli('org', 'list')).out.join('\n')).toMatch(/bangsai\t.*\tปิดอยู่/);
  });

  it('wrong credentials: a Thai message and nothing created', async () => {
    const before = await orgCount();
    const r = await cli(
      'org',
      'create',
      '--name',
      'อบต.ผิด',
      '--slug',
      'wrong-token',
      '--channel-secret',
      randomHex(16),
      '--access-token',
      `nobody-knows-${randomHex(12)}`,
    );
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain(thAdmin.org.badToken);
    expect(await orgCount()).toBe(before);
  });

  it('a slug taken or a bad field is refused, naming the field', async () => {
    const token = `tok-${randomHex(12)}`;
    h.fake.addChannel(token);
    const before = await orgCount();
    const taken = await cli(
      'org',
      'create',
      '--name',
      'ซ้ำ',
      '--slug',
      h.slug,
      '--channel-secret',
      randomHex(16),
      '--access-token',
      token,
    );
    expect(taken.code).toBe(1);
    expect(taken.err.join('\n')).toContain(`slug: "${h.slug}"`);
    const empty = await cli(
      'org',
      'create',
      '--name',
      '',
      '--slug',
      'empty-name',
      '--channel-secret',
      randomHex(16),
      '--access-token',
      token,
    );
    expect(empty.code).toBe(1);
    expect(empty.err.join('\n')).toContain('name: ต้องระบุชื่อองค์กร');
    const badSecret = await cli(
      'org',
      'create',
      '--name',
      'ก',
      '--slug',
      'bad-secret',
      '--channel-secret',
      'xyz',
      '--access-token',
      token,
    );
    expect(badSecret.err.join('\n')).toContain('channelSecret:');
    expect(await orgCount()).toBe(before);
  });

  it('org rotate-secret checks the new token with LINE and replaces both', async () => {
    const token = `rot-${randomHex(12)}`;
    h.fake.addChannel(token);
    const secret = randomHex(16);
    const r = await cli(
      'org',
      'rotate-secret',
      '--slug',
      h.slug,
      '--channel-secret',
      secret,
      '--access-token',
      token,
    );
    expect(r.err).toEqual([]);
    h.deps.orgs.invalidate();
    const body = webhookBody([]);
    const old = await h.post(body);
    expect(old.status).toBe(401);
    const res = await h.post(body, {
      signature: await signBody(await importHmacKey(secret), body),
    });
    expect(res.status).toBe(200);
  });

  it('the operator page creates an organisation for operators only', async () => {
    const made = await cli('operator', 'create', '--name', 'ผู้ดูแลกลาง');
    expect(made.code).toBe(0);
    const opToken = made.out[1]!;
    expect(opToken).toMatch(/^op_/);
    const page = await h.app.request('/operator');
    expect(await page.text()).toContain('เพิ่มองค์กรใหม่');

    const token = `op-org-${randomHex(12)}`;
    h.fake.addChannel(token);
    const input = {
      name: 'อบต.หนองน้ำ',
      slug: 'nongnam',
      channelSecret: randomHex(16),
      accessToken: token,
    };
    const post = (auth?: string) =>
      h.app.request('/operator/api/orgs', {
        method: 'POST',
        body: JSON.stringify(input),
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      });
    // Nobody else: no token, a wrong token, a staff ID token.
    expect((await post()).status).toBe(401);
    expect((await post('Bearer op_wrong')).status).toBe(401);
    const idToken = await h.fake.issueIdToken(newUser(), 'simulator');
    expect((await post(`Bearer ${idToken}`)).status).toBe(401);
    expect((await h.app.request('/operator/api/orgs')).status).toBe(401);
    expect(await h.db.select().from(orgs).where(eq(orgs.slug, 'nongnam'))).toEqual([]);

    const ok = await post(`Bearer ${opToken}`);
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { webhookUrl: string; invite: { code: string } };
    expect(body.webhookUrl).toMatch(/\/webhook\/nongnam$/);
    const again = await post(`Bearer ${opToken}`);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { field: string } }).error.field).toBe('slug');
  });
});
