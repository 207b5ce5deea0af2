import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bot/app';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { silentLogger } from '../../bot/logger';
import { OrgDirectory } from '../../bot/orgs';
import { createServices } from '../../bot/services';
import { auditLog, cases } from '../../db/schema';
import { TEMPLATE_KEYS, TEMPLATE_SPECS } from '../../shared/messages/templates';
import { th } from '../../shared/text/th';
import { thAdmin } from '../../shared/text/th-admin';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, linkDemoStaff, newLineUser, residentChat } from '../helpers/staff';

/**
 * Message templates (issue 14): an admin rewords the greeting and the receipt through the API;
 * the next webhook event is answered with the new words, also by a second app on the same
 * database that had already cached the organisation (another Node process or Worker isolate),
 * and "reset to default" brings the catalogue's words back. Audited both ways.
 */
describe('message templates through the admin API', () => {
  let h: Harness;
  let admin: string;
  let other: ReturnType<typeof createApp>;
  beforeAll(async () => {
    h = await createHarness();
    admin = (await linkDemoStaff(h)).get('ปลัดเทศบาล')!.lineUserId;
    const env = h.deps.env;
    other = createApp({
      ...h.deps,
      orgs: new OrgDirectory(h.db, h.deps.orgs.secrets, {
        apiBaseUrl: env.LINE_API_BASE_URL,
        dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
      }),
      services: createServices(env, { logger: silentLogger }),
    });
  });
  afterAll(() => h.close());

  const call = async (method: string, path: string, body?: unknown) =>
    h.app.request(`/api/admin/${h.slug}/templates${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await h.fake.issueIdToken(admin, 'simulator')}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** A new friend, through the second app; returns the texts of the reply. */
  const follow = async () => {
    const userId = newLineUser();
    const body = webhookBody([
      lineEvents.follow({ userId, replyToken: h.fake.issueReplyToken(userId) }),
    ]);
    const res = await other.request(`/webhook/${h.slug}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-line-signature': await h.sign(body) },
    });
    expect(res.status).toBe(200);
    await h.queue.drain();
    return h.fake.messagesFor(userId).map((m) => (m.message as { text?: string }).text);
  };

  const audits = (action: string) =>
    h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, h.org.id), eq(auditLog.action, action)));

  it('lists every template with its Thai default', async () => {
    const res = await call('GET', '');
    expect(res.status).toBe(200);
    const { templates, samples } = (await res.json()) as {
      templates: { key: string; label: string; default: string; text: string; custom: boolean }[];
      samples: Record<string, string>;
    };
    expect(templates.map((t) => t.key)).toEqual([...TEMPLATE_KEYS]);
    const greeting = templates.find((t) => t.key === 'greeting')!;
    expect(greeting).toMatchObject({
      label: thAdmin.templates.labels.greeting,
      default: TEMPLATE_SPECS.greeting.default,
      text: TEMPLATE_SPECS.greeting.default,
      custom: false,
    });
    expect(samples.org).toBe(h.org.name);
  });

  it('a new greeting answers the next follow at once, in every process; reset brings the default back', async () => {
    expect((await follow())[0]).toBe(th.greeting(h.org.name));

    const bad = await call('PUT', '/greeting', { text: 'สวัสดี {name}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      `text: ${thAdmin.templates.labels.greeting}: ${thAdmin.templates.unknown('name', '{org}')}`,
    );
    expect((await call('PUT', '/greeting', { text: '  ' })).status).toBe(400);
    expect((await call('PUT', '/nonsense', { text: 'x' })).status).toBe(404);

    const ok = await call('PUT', '/greeting', { text: 'ยินดีต้อนรับสู่ {org} ค่ะ' });
    expect(ok.status).toBe(200);
    const listed = (await ok.json()) as { templates: { key: string; custom: boolean }[] };
    expect(listed.templates.find((t) => t.key === 'greeting')!.custom).toBe(true);
    const [greeting, privacy] = await follow();
    expect(greeting).toBe(`ยินดีต้อนรับสู่ ${h.org.name} ค่ะ`);
    expect(privacy).toBe(th.privacyNotice);
    const [updated] = await audits('admin.template.update');
    expect(updated!.detail).toEqual({
      key: 'greeting',
      before: null,
      after: 'ยินดีต้อนรับสู่ {org} ค่ะ',
    });

    expect((await call('DELETE', '/greeting')).status).toBe(200);
    expect((await follow())[0]).toBe(th.greeting(h.org.name));
    const [reset] = await audits('admin.template.reset');
    expect(reset!.detail).toEqual({
      key: 'greeting',
      before: 'ยินดีต้อนรับสู่ {org} ค่ะ',
      after: null,
    });
  });

  it("the case receipt's last line is the organisation's own, filled in", async () => {
    const text = 'เรื่อง {code} ({category}) จะเสร็จภายใน {days} วันทำการ โทรสอบถาม 043-111222';
    expect((await call('PUT', '/caseReceipt', { text })).status).toBe(200);
    const chat = residentChat(h);
    await chat.streetLight();
    const flex = h.fake
      .messagesFor(chat.userId)
      .map((m) => m.message as { type: string; altText?: string })
      .find((m) => m.type === 'flex' && m.altText?.startsWith(th.conv.receipt.title));
    const json = JSON.stringify(flex);
    expect(json).toMatch(/เรื่อง FS-[0-9A-Z-]+ \(.+\) จะเสร็จภายใน \d+ วันทำการ โทรสอบถาม 043-111222/);
    expect(json).not.toContain(th.conv.receipt.track);
  });

  it("a staff reply reaches the resident in the organisation's words, and /me previews them", async () => {
    const text = 'ตอบเรื่อง {code}: {note} (สำนักปลัด)';
    expect((await call('PUT', '/reply', { text })).status).toBe(200);
    const chat = residentChat(h);
    await chat.streetLight();
    const code = h.fake
      .messagesFor(chat.userId)
      .map((m) => m.message as { type: string; altText?: string })
      .find((m) => m.type === 'flex')!
      .altText!.split(' ')
      .at(-1)!;
    const [kase] = await h.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.trackingCode, code)));
    const staffCall = async (method: string, path: string, body?: unknown) =>
      h.app.request(`/api/staff/${h.slug}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await h.fake.issueIdToken(admin, 'simulator')}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const me = (await (await staffCall('GET', '/me')).json()) as {
      residentTexts: Record<string, string>;
    };
    expect(me.residentTexts.reply).toBe(text);
    const res = await staffCall('POST', `/cases/${kase!.id}/reply`, { note: 'ช่างจะไปพรุ่งนี้' });
    expect(res.status).toBe(200);
    await flush(h);
    const last = h.fake.messagesFor(chat.userId).at(-1)!.message as { text?: string };
    expect(last.text).toBe(`ตอบเรื่อง ${code}: ช่างจะไปพรุ่งนี้ (สำนักปลัด)`);
  });
});
