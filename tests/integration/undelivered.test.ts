import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePush, sendOutbox } from '../../bot/pipeline/outbox';
import { fileCase } from '../../bot/cases/file';
import { seedOrg } from '../../db/seed';
import { auditLog, outbox, staff, staffRoles } from '../../db/schema';
import type { StaffRole } from '../../shared/roles';
import { th } from '../../shared/text/th';
import { thUndelivered } from '../../shared/text/th-undelivered';
import { createHarness, type Harness } from '../helpers/harness';
import { newLineUser } from '../helpers/staff';

/**
 * Issue 17: messages the outbox gave up on are listed in the staff console for the clerk's
 * office and admins (case, kind of recipient, reason; never a LINE id), and "ส่งอีกครั้ง"
 * puts one back in the queue and tries it at once.
 */
describe('undelivered messages in the staff console', () => {
  let h: Harness;
  const lineIds: Record<string, string> = {};
  const resident = newLineUser();
  let caseCode = '';
  let corruptionCode = '';

  async function addStaff(key: string, orgId: string, role: StaffRole): Promise<void> {
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId, name: `ทดสอบ ${key}`, lineUserId })
      .returning();
    await h.db.insert(staffRoles).values({ orgId, staffId: s!.id, role });
    lineIds[key] = lineUserId;
  }

  /** A fresh ID token each call: the test clock moves on by hours. */
  const call = async (who: string | null, method: string, path: string) =>
    h.app.request(`/api/staff/${h.slug}${path}`, {
      method,
      headers: who
        ? { Authorization: `Bearer ${await h.fake.issueIdToken(lineIds[who]!, 'simulator')}` }
        : {},
    });

  async function newCase(kind: 'complaint' | 'corruption'): Promise<string> {
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
          category: kind === 'corruption' ? 'corruption' : 'general',
          subject: 'ทดสอบ',
          description: 'ทดสอบ',
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
    return row.trackingCode;
  }

  /** Pushes the message to `to` while LINE refuses everything, until the outbox gives up. */
  async function giveUp(to: string, text: string): Promise<string> {
    const id = await enqueuePush(h.db, {
      orgId: h.org.id,
      to,
      messages: [{ type: 'text', text }],
      now: h.deps.clock(),
    });
    h.fake.failNext({ path: '/message/push', status: 500, times: 1000 });
    for (let i = 0; i < 10; i++) {
      await sendOutbox(h.deps, { ids: [id] });
      h.advance(20 * 60_000);
    }
    h.fake.reset();
    const [row] = await h.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.state).toBe('failed');
    expect(row!.attempts).toBe(h.deps.env.OUTBOX_MAX_ATTEMPTS);
    return id;
  }

  beforeAll(async () => {
    h = await createHarness();
    for (const r of ['officer', 'clerk_office', 'executive', 'admin', 'integrity_officer'] as const)
      await addStaff(r, h.org.id, r);
    const other = await seedOrg(h.db, {
      slug: `other-${crypto.randomUUID().slice(0, 8)}`,
      name: 'อบต.อื่น',
      divisions: [],
      staff: [],
    });
    await addStaff('other_org_clerk', other.id, 'clerk_office');
    caseCode = await newCase('complaint');
    corruptionCode = await newCase('corruption');
  });
  afterAll(() => h.close());

  let residentPush = '';
  it('lists given-up messages with the case and the kind of recipient, never a LINE id', async () => {
    residentPush = await giveUp(resident, `เรื่อง ${caseCode} มีความคืบหน้า`);
    await giveUp(newLineUser(), `เรื่อง ${corruptionCode} มีความคืบหน้า`);
    const [clerk] = await h.db.select().from(staff).where(eq(staff.name, 'ทดสอบ officer'));
    await giveUp(clerk!.lineUserId!, 'เรื่องใหม่ ไม่มีรหัส');

    const res = await call('clerk_office', 'GET', '/undelivered');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/U[0-9a-f]{32}/);
    const { messages } = JSON.parse(text) as { messages: any[] };
    expect(messages).toHaveLength(3);
    const byId = new Map(messages.map((m) => [m.id, m]));
    expect(byId.get(residentPush)).toMatchObject({
      recipient: 'resident',
      trackingCode: caseCode,
      attempts: h.deps.env.OUTBOX_MAX_ATTEMPTS,
    });
    expect(byId.get(residentPush).caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byId.get(residentPush).reason).toMatch(/^gave up after 5 attempts/);
    // A corruption case's code is for integrity officers only: not shown here.
    expect(messages.filter((m) => m.trackingCode === corruptionCode)).toEqual([]);
    expect(messages.filter((m) => m.recipient === 'staff')).toHaveLength(1);
    expect((await call('admin', 'GET', '/undelivered')).status).toBe(200);
  });

  it('is for the clerk’s office and admins only, in their own organisation', async () => {
    for (const who of ['officer', 'executive', 'integrity_officer'])
      expect((await call(who, 'GET', '/undelivered')).status, who).toBe(403);
    expect((await call(null, 'GET', '/undelivered')).status).toBe(401);
    expect([401, 403]).toContain((await call('other_org_clerk', 'GET', '/undelivered')).status);
    const refused = await call('officer', 'POST', `/undelivered/${residentPush}/retry`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.message).toBe(th.staff.api.forbidden);
    const other = await call('other_org_clerk', 'POST', `/undelivered/${residentPush}/retry`);
    expect([401, 403, 404]).toContain(other.status);
    const [row] = await h.db.select().from(outbox).where(eq(outbox.id, residentPush));
    expect(row!.state).toBe('failed');
  });

  it('"ส่งอีกครั้ง" puts the message back in the queue and sends it, once, with the same retry key', async () => {
    const before = h.fake.messagesFor(resident).length;
    const res = await call('clerk_office', 'POST', `/undelivered/${residentPush}/retry`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: residentPush, sent: true, message: thUndelivered.sent });
    expect(h.fake.messagesFor(resident).length).toBe(before + 1);
    const push = h.fake.requests.filter((q) => q.path.endsWith('/message/push')).at(-1)!;
    expect(push.headers['x-line-retry-key']).toBe(residentPush);
    const [row] = await h.db.select().from(outbox).where(eq(outbox.id, residentPush));
    expect(row!.state).toBe('sent');
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, h.org.id), eq(auditLog.action, 'outbox.retry')));
    expect(audit.map((a) => a.detail)).toEqual([{ outboxId: residentPush }]);
    // Sent now: no longer listed, and a second retry finds nothing.
    const { messages } = (await (await call('clerk_office', 'GET', '/undelivered')).json()) as any;
    expect(messages.map((m: any) => m.id)).not.toContain(residentPush);
    const again = await call('clerk_office', 'POST', `/undelivered/${residentPush}/retry`);
    expect(again.status).toBe(404);
    expect(((await again.json()) as any).error.message).toBe(thUndelivered.notFound);
    expect((await call('clerk_office', 'POST', '/undelivered/not-a-uuid/retry')).status).toBe(404);
  });

  it('a retry LINE refuses again goes back to the given-up list after one more try', async () => {
    const id = await giveUp(newLineUser(), 'ทดสอบส่งซ้ำไม่สำเร็จ');
    h.fake.failNext({ path: '/message/push', status: 500, times: 1 });
    const res = await call('admin', 'POST', `/undelivered/${id}/retry`);
    expect(await res.json()).toMatchObject({ id, sent: false, message: thUndelivered.queued });
    const [row] = await h.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.state).toBe('failed');
    expect(row!.attempts).toBe(h.deps.env.OUTBOX_MAX_ATTEMPTS + 1);
  });
});
