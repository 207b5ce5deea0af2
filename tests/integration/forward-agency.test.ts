/**
 * Forwarding a case to another agency (issue 16, decision 038) through the real staff API, a
 * real local HTTP server as the agency's webhook and the fake LINE Platform: the body carries
 * the case's public part only, a failing agency is retried through the outbox (every attempt
 * recorded) without blocking the staff member, corruption and anonymous cases are refused,
 * a loop is refused and flagged, the resident is told who handles the case, and the case is
 * counted "forwarded out".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpForwards } from '../../bot/agencies/jobs';
import { sendOutbox } from '../../bot/pipeline/outbox';
import {
  agencies,
  auditLog,
  caseForwards,
  caseUpdates,
  cases,
  outbox,
  outboxAttempts,
  residents,
  staff,
  staffRoles,
} from '../../db/schema';
import { forward as F } from '../../shared/text/th-forward';
import { outcomes } from '../../shared/text/th-outcomes';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, newLineUser, residentChat } from '../helpers/staff';

type Err = { error: { message: string } };

describe('forwarding to another agency', () => {
  let h: Harness;
  let server: Server;
  let url: string;
  const received: { body: string; key: string | undefined }[] = [];
  let failuresLeft = 2;
  let clerkToken: string;
  let integrityToken: string;

  async function person(role: 'clerk_office' | 'integrity_officer' | 'officer') {
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: `เจ้าหน้าที่ ${role}`, lineUserId })
      .returning();
    await h.db.insert(staffRoles).values({ orgId: h.org.id, staffId: s!.id, role });
    return h.fake.issueIdToken(lineUserId, 'simulator');
  }

  beforeAll(async () => {
    h = await createHarness();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ body, key: req.headers['idempotency-key'] as string | undefined });
        res.statusCode = failuresLeft-- > 0 ? 500 : 200;
        res.end(res.statusCode === 200 ? '{"ok":true}' : 'boom');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    clerkToken = await person('clerk_office');
    integrityToken = await person('integrity_officer');
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  const api = (token: string, path: string, body?: unknown) =>
    h.app.request(`/api/staff/${h.slug}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function latest(kind: 'service_request' | 'corruption') {
    const [k] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, kind)))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    return k!;
  }

  /** A resident reports a street light, and the clerk forwards the new case to `agencyId`. */
  async function forwardNewReport(agencyId: string, note: string) {
    const r = residentChat(h);
    await r.streetLight();
    await flush(h);
    const kase = await latest('service_request');
    const before = received.length;
    const res = await api(clerkToken, `/cases/${kase.id}/forward-out`, { agencyId, note });
    expect(res.status).toBe(200);
    return { kase, before, res, userId: r.userId };
  }

  async function addAgency(name: string, channel: string, address: string) {
    const res = await api(clerkToken, '/agencies', {
      name,
      contact: 'โทร 1129',
      channel,
      address,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { agency: { id: string } }).agency.id;
  }

  it('the directory: an officer may not add, a bad address is refused, names are unique', async () => {
    const officer = await person('officer');
    const no = await api(officer, '/agencies', { name: 'x', channel: 'email', address: 'a@b.co' });
    expect(no.status).toBe(403);
    const bad = await api(clerkToken, '/agencies', {
      name: 'ไม่มีที่อยู่',
      channel: 'webhook',
      address: 'ftp://example.org',
    });
    expect([bad.status, ((await bad.json()) as Err).error.message]).toEqual([
      400,
      F.refuse.badAddress.webhook,
    ]);
    await addAgency('สำนักงานประปาทดสอบ', 'email', 'pwa@example.org');
    const dup = await api(clerkToken, '/agencies', {
      name: 'สำนักงานประปาทดสอบ',
      channel: 'email',
      address: 'pwa@example.org',
    });
    expect(dup.status).toBe(409);
    const list = (await (await api(officer, '/agencies')).json()) as {
      agencies: { name: string; address?: string }[];
    };
    expect(list.agencies.map((a) => a.name)).toContain('สำนักงานประปาทดสอบ');
    expect(list.agencies[0]!.address).toBeUndefined();
  });

  it('sends the public part only, retries a failing agency, tells the resident, counts it', async () => {
    const pea = await addAgency('การไฟฟ้าส่วนภูมิภาคทดสอบ', 'webhook', url);
    const r = residentChat(h);
    await r.streetLight();
    await flush(h);
    const kase = await latest('service_request');
    // Personal data a careless forward would leak: a name and phone in the text, the
    // resident's LINE name and id.
    await h.db
      .update(cases)
      .set({ description: 'ไฟดับ หน้าบ้านนายสมชาย ใจดี โทร 081-234-5678 ช่วยด้วย' })
      .where(eq(cases.id, kase.id));
    await h.db
      .update(residents)
      .set({ displayName: 'คุณแก้วตา ทดสอบ' })
      .where(eq(residents.id, kase.residentId!));
    const seen = h.fake.messagesFor(r.userId).at(-1)?.seq ?? 0;

    const res = await api(clerkToken, `/cases/${kase.id}/forward-out`, {
      agencyId: pea,
      note: 'เสาไฟเป็นของการไฟฟ้า',
    });
    // The agency's first answer is a 500: the staff member still gets 200 at once.
    expect(res.status).toBe(200);
    const out = (await res.json()) as { followUpAt: string; mail: unknown };
    expect(out.mail).toBeNull();
    await h.queue.drain();
    expect(received).toHaveLength(1);

    // The outbox retries with backoff: the second try also fails, the third is accepted.
    for (let i = 0; i < 4 && received.length < 3; i++) {
      h.advance(10 * 60_000);
      await sendOutbox(h.deps);
    }
    expect(received).toHaveLength(3);
    const [fw] = await h.db.select().from(caseForwards).where(eq(caseForwards.caseId, kase.id));
    const [row] = await h.db.select().from(outbox).where(eq(outbox.id, fw!.outboxId!));
    expect(row).toMatchObject({ kind: 'webhook', state: 'sent', attempts: 3 });
    const attempts = await h.db
      .select()
      .from(outboxAttempts)
      .where(eq(outboxAttempts.outboxId, row!.id));
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 500, 500]);
    expect(new Set(received.map((x) => x.key))).toEqual(new Set([row!.id]));

    const body = received[2]!.body;
    const payload = JSON.parse(body) as { reference: string; description: string };
    expect(payload.reference).toBe(kase.trackingCode);
    expect(payload.description).toContain('ไฟดับ');
    for (const secret of [
      'สมชาย',
      '081-234-5678',
      '0812345678',
      'แก้วตา',
      r.userId,
      kase.residentId!,
    ])
      expect(body).not.toContain(secret);

    // The case stays open, "forwarded", with its own follow-up date; the timeline says so.
    const [after] = await h.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(after!.stateType).toBe('forwarded');
    expect(fw!.followUpAt.getTime()).toBeGreaterThan(h.deps.clock().getTime() - 3600_000 * 2);
    const timeline = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, kase.id));
    expect(timeline.map((u) => u.note).join()).toContain('การไฟฟ้าส่วนภูมิภาคทดสอบ');

    // The resident hears, in Thai, who handles it now and how to reach them.
    await flush(h);
    const told = h.fake
      .messagesFor(r.userId, seen)
      .map((m) => (m.message as { text?: string }).text ?? '');
    expect(told.join()).toContain('อยู่ในความรับผิดชอบของการไฟฟ้าส่วนภูมิภาคทดสอบ');
    expect(told.join()).toContain('1129');

    // Counted "forwarded out" in the public statistics.
    const pub = (await (await h.app.request(`/public/${h.slug}/outcomes.json`)).json()) as {
      byOutcome: Record<string, number>;
    };
    expect(pub.byOutcome.forwarded_out).toBe(1);
    // The public statistics page shows the same table of outcomes for the fiscal year.
    const html = await (await h.app.request(`/public/${h.slug}/stats/outcomes`)).text();
    expect(html).toContain(outcomes.publicPage.title);
    expect(html).toMatch(
      new RegExp(`${outcomes.kinds.forwarded_out.replace(/[()]/g, '\\$&')}</td><td[^>]*>1<`),
    );
    expect(html).not.toContain(kase.trackingCode);
    const csv = await (await h.app.request(`/public/${h.slug}/stats/outcomes.csv`)).text();
    expect(csv).toContain('forwarded_out');
    // The case screen's view: outcome "forwarded out".
    const screen = (await (await api(clerkToken, `/cases/${kase.id}/forwards`)).json()) as {
      outcome: { outcome: string };
    };
    expect(screen.outcome.outcome).toBe('forwarded_out');

    // Forwarding back to the same agency is a loop: refused and flagged in the audit log.
    const again = await api(clerkToken, `/cases/${kase.id}/forward-out`, {
      agencyId: pea,
      note: 'ส่งอีกครั้ง',
    });
    expect([again.status, ((await again.json()) as Err).error.message]).toEqual([
      409,
      F.refuse.loop('การไฟฟ้าส่วนภูมิภาคทดสอบ'),
    ]);
    const flags = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, kase.id), eq(auditLog.action, 'case.forward_loop')));
    expect(flags).toHaveLength(1);

    // The console's view of the forwards: delivered.
    const list = (await (await api(clerkToken, `/cases/${kase.id}/forwards`)).json()) as {
      forwards: { deliveryState: string; attempts: number }[];
    };
    expect(list.forwards).toMatchObject([{ deliveryState: 'sent', attempts: 3 }]);
  });

  it('an e-mail agency: the clerk gets the text to send, with no personal data', async () => {
    const mailAgency = await addAgency('แขวงทางหลวงทดสอบ', 'email', 'doh@example.org');
    const { kase, before, res, userId } = await forwardNewReport(mailAgency, 'ถนนเป็นทางหลวง');
    const { mail } = (await res.json()) as { mail: { to: string; body: string } };
    expect(mail.to).toBe('doh@example.org');
    expect(mail.body).toContain(kase.trackingCode);
    expect(mail.body).not.toContain(userId);
    await flush(h);
    expect(received.length).toBe(before);
  });

  it('refuses corruption cases, even for integrity officers', async () => {
    const agency = await addAgency('สำนักงาน ป.ป.ช. ทดสอบ', 'webhook', url);
    const r = residentChat(h);
    await r.corruption();
    await flush(h);
    const kase = await latest('corruption');
    const before = received.length;
    // The clerk's office cannot even see it.
    expect(
      (await api(clerkToken, `/cases/${kase.id}/forward-out`, { agencyId: agency, note: 'x' }))
        .status,
    ).toBe(404);
    const res = await api(integrityToken, `/cases/${kase.id}/forward-out`, {
      agencyId: agency,
      note: 'ส่ง ป.ป.ช.',
    });
    expect([res.status, ((await res.json()) as Err).error.message]).toEqual([
      403,
      F.refuse.corruption,
    ]);
    expect(await h.db.select().from(caseForwards).where(eq(caseForwards.caseId, kase.id))).toEqual(
      [],
    );
    await flush(h);
    expect(received.length).toBe(before);
  });

  // Last: it moves the clock past the ID tokens' expiry.
  it('when the follow-up date passes, the people working the case hear once', async () => {
    expect(await followUpForwards(h.deps)).toBe(0);
    h.advance(10 * 86_400_000);
    // The two forwarded cases above (webhook and e-mail), each to the clerk's office.
    expect(await followUpForwards(h.deps)).toBe(2);
    expect(await followUpForwards(h.deps)).toBe(0);
  });

  it('outside simulator mode a webhook into our own network is refused, and one stored before is never called', async () => {
    clerkToken = await person('clerk_office'); // the earlier tests moved the clock past the last one's expiry
    // Registered while local fakes are allowed (simulator mode), like a row from before the check.
    const inside = await addAgency('หน่วยงานในเครือข่ายภายใน', 'webhook', url);
    const secret = h.deps.env.LINE_CHANNEL_SECRET;
    h.deps.env.LINE_CHANNEL_SECRET = 'a-real-channel';
    try {
      for (const address of [
        url.replace('http:', 'https:'),
        'https://169.254.169.254/latest/meta-data',
        'https://localhost/hook',
        'https://10.0.0.8/hook',
      ]) {
        const res = await api(clerkToken, '/agencies', {
          name: address,
          channel: 'webhook',
          address,
        });
        expect([res.status, ((await res.json()) as Err).error.message], address).toEqual([
          400,
          F.refuse.badAddress.webhook,
        ]);
      }
      const { kase, before } = await forwardNewReport(inside, 'ทดสอบที่อยู่ภายใน');
      await h.queue.drain();
      await sendOutbox(h.deps);
      expect(received).toHaveLength(before);
      const [fw] = await h.db.select().from(caseForwards).where(eq(caseForwards.caseId, kase.id));
      const [row] = await h.db.select().from(outbox).where(eq(outbox.id, fw!.outboxId!));
      // Given up at once, with the reason the console shows.
      expect(row).toMatchObject({ state: 'failed', attempts: 1 });
      expect(row!.lastError).toContain('agency address refused');
    } finally {
      h.deps.env.LINE_CHANNEL_SECRET = secret;
      await h.db.update(agencies).set({ active: false }).where(eq(agencies.id, inside));
    }
  });
});
