import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase } from '../../bot/cases/file';
import { INVITE_TRIES_PER_USER_HOUR } from '../../bot/staff/invite';
import { cases, rateLimits } from '../../db/schema';
import { PIN_FREE_FAILURES } from '../../shared/security/pin';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { newLineUser } from '../helpers/staff';

/** Issue 12: tracking PINs that cannot be guessed by rotating addresses. */
describe('PIN guessing and code guessing', () => {
  let h: Harness;
  let ip = 0;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const url = (p: string) => `http://localhost/public/${h.slug}/${p}`;
  async function post(p: string, fields: Record<string, string>, peer = `198.18.0.${++ip}`) {
    const page = await (await h.app.request(url(p))).text();
    const form = new FormData();
    form.set('csrf', /name="csrf" value="([^"]+)"/.exec(page)![1]!);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return h.app.request(url(p), {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://localhost', 'X-Test-Peer-Address': peer },
    });
  }

  it('asks new anonymous cases for a 6-digit PIN', async () => {
    const short = await post('corruption', {
      protection: 'anonymous',
      description: 'ทดสอบ PIN สั้น',
      pin: '1234',
      pin2: '1234',
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain(th.pub.corruption.errors.pin);
  });

  it('locks a tracking code after repeated wrong PINs from any address, longer each time', async () => {
    const filed = await post('corruption', {
      protection: 'anonymous',
      description: 'ทดสอบการเดา PIN',
      pin: '482915',
      pin2: '482915',
    });
    const code = /FS-\d{4}-[A-Z2-9]{4}/.exec(await filed.text())![0];
    // Every guess from a fresh address: the per-address limit never trips.
    for (let i = 0; i < PIN_FREE_FAILURES; i++) {
      expect((await post('track', { code, pin: String(100000 + i) })).status).toBe(404);
    }
    const locked = await post('track', { code, pin: '482915' });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain(th.sec.trackLocked);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The first lockout is a minute; after it one more wrong PIN locks for two.
    h.advance(61_000);
    expect((await post('track', { code, pin: '000001' })).status).toBe(404);
    h.advance(61_000);
    expect((await post('track', { code, pin: '482915' })).status).toBe(429);
    h.advance(61_000);
    const right = await post('track', { code, pin: '482915' });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain(code);
    // A right PIN clears the count.
    expect((await post('track', { code, pin: '000002' })).status).toBe(404);
  });

  it('counts guesses at an unknown code the same way (nothing tells codes apart)', async () => {
    const code = 'FS-0000-ZZZZ';
    for (let i = 0; i < PIN_FREE_FAILURES; i++) await post('track', { code, pin: '123456' });
    expect((await post('track', { code, pin: '123456' })).status).toBe(429);
  });

  it('draws tracking codes from the CSPRNG, not the injected random', async () => {
    const channel = (await h.deps.orgs.byId(h.org.id))!;
    const codes = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const row = await h.db.transaction((tx) =>
        fileCase(
          tx,
          {
            org: channel.org,
            now: h.deps.clock(),
            random: () => 0,
            secrets: h.deps.orgs.secrets,
            services: h.deps.services,
          },
          {
            kind: 'complaint',
            category: 'other',
            subject: 'x',
            description: 'x',
            concerning: '',
            photos: [],
            latitude: null,
            longitude: null,
            address: null,
            anonymity: 'none',
          },
          { residentId: null },
        ),
      );
      codes.add(row.trackingCode);
    }
    expect(codes.size).toBe(3);
    expect([...codes].some((c) => c.endsWith('-AAAA'))).toBe(false);
  });

  it('limits invite-code tries per LINE account, with a Thai reason', async () => {
    const user = newLineUser();
    const token = await h.fake.issueIdToken(user, 'simulator');
    const tryCode = (code: string) =>
      h.app.request(`/api/staff/${h.slug}/link`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    for (let i = 0; i < INVITE_TRIES_PER_USER_HOUR; i++) {
      expect((await tryCode(`STAFF-AAAA-AAA${i + 2}`)).status).toBe(400);
    }
    const refused = await tryCode('STAFF-AAAA-AAAZ');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: { code: 'too_many_requests', message: th.sec.inviteLocked },
    });
    const keys = await h.db.select().from(rateLimits);
    // Keys hold hashes, never the LINE user id.
    expect(JSON.stringify(keys)).not.toContain(user);
    expect(await h.db.select().from(cases).where(eq(cases.orgId, h.org.id))).not.toHaveLength(0);
  });
});
