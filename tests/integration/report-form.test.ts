import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, residents } from '../../db/schema';
import { reportFormUrl } from '../../bot/report-form/url';
import { parseEnv } from '../../bot/env';
import { reportForm as T } from '../../shared/text/th-report-form';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
/** The first bytes of a PNG and of a JPEG, padded to `size` bytes. */
const png = (size = 200) => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};
const jpeg = (size = 200) => {
  const b = new Uint8Array(size);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};

describe('LIFF report form API (/api/report/:org)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const caseCount = async () =>
    (
      await h.db
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(eq(cases.orgId, h.org.id))
    )[0]!.n;

  async function send(
    token: string | null,
    fields: Record<string, string>,
    photos: { bytes: Uint8Array; type: string; name?: string }[] = [],
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    for (const p of photos)
      form.append(
        'photo',
        new Blob([p.bytes as Uint8Array<ArrayBuffer>], { type: p.type }),
        p.name ?? 'a.jpg',
      );
    const res = await h.app.request(`/api/report/${h.slug}/cases`, {
      method: 'POST',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      body: form,
    });
    await h.queue.drain();
    return { status: res.status, body: (await res.json()) as any };
  }
  const good = {
    category: 'street_light',
    description: 'ไฟถนนหน้าวัดดับมาสามคืนแล้ว',
    latitude: '13.756331',
    longitude: '100.501762',
    place: '',
  };

  it('lists the organisation’s report categories with their Thai names', async () => {
    const res = await h.app.request(`/api/report/${h.slug}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.categories).toContainEqual({ code: 'street_light', name: 'ไฟฟ้าส่องสว่าง' });
    // Only reports: complaints and corruption have their own channels.
    expect(body.categories.map((c: any) => c.code)).not.toContain('corruption');
    expect(body.liff).toEqual({ id: null, clientId: 'simulator' });
    expect((await h.app.request('/api/report/nope')).status).toBe(404);
  });

  it('files a case with photos and a pin as the token’s LINE user; the receipt arrives in the chat', async () => {
    const user = newUser();
    const token = await h.fake.issueIdToken(user, 'simulator');
    const r = await send(token, good, [
      { bytes: jpeg(900_000), type: 'image/jpeg' },
      { bytes: png(), type: 'image/png', name: 'b.png' },
    ]);
    expect(r.status).toBe(201);
    const code = r.body.case.trackingCode as string;
    expect(code).toMatch(/^FS-\d{4}-[A-Z2-9]{4}$/);
    const [row] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.trackingCode, code)));
    expect(row).toMatchObject({
      kind: 'service_request',
      category: 'street_light',
      description: good.description,
      latitude: 13.756331,
      longitude: 100.501762,
      address: null,
      stateType: 'waiting',
      anonymity: 'none',
    });
    expect(row!.photos).toHaveLength(2);
    const [resident] = await h.db
      .select()
      .from(residents)
      .where(eq(residents.id, row!.residentId!));
    expect(resident!.lineUserId).toBe(user);
    expect(resident!.consentAt).not.toBeNull();
    // The photos are stored and readable.
    const first = (row!.photos as { key: string; contentType: string }[])[0]!;
    expect((await h.deps.photos.get(first.key))!.bytes.length).toBe(900_000);
    // The chat's receipt (flex with the code), pushed through the outbox.
    const chat = h.fake.messagesFor(user).map((m) => JSON.stringify(m.message));
    expect(chat.some((m) => m.includes(code) && m.includes('ไฟฟ้าส่องสว่าง'))).toBe(true);
    expect(h.fake.messagesFor(user).every((m) => m.via === 'push')).toBe(true);
  });

  it('takes a typed place instead of a pin (no map, no location permission)', async () => {
    const token = await h.fake.issueIdToken(newUser(), 'simulator');
    const r = await send(token, { ...good, latitude: '', longitude: '', place: 'หน้าวัดป่า ซอย 3' });
    expect(r.status).toBe(201);
    const [row] = await h.db
      .select()
      .from(cases)
      .where(eq(cases.trackingCode, r.body.case.trackingCode));
    expect(row).toMatchObject({ latitude: null, longitude: null, address: 'หน้าวัดป่า ซอย 3' });
  });

  it('refuses bad input with a Thai reason per field and stores nothing', async () => {
    const token = await h.fake.issueIdToken(newUser(), 'simulator');
    const before = await caseCount();
    const cases_: [Record<string, string>, Parameters<typeof send>[2], string, string][] = [
      [{ ...good, category: '' }, [], 'category', T.errors.category],
      [{ ...good, category: 'corruption' }, [], 'category', T.errors.category],
      [{ ...good, description: '   ' }, [], 'description', T.errors.description],
      [{ ...good, latitude: '', longitude: '', place: '' }, [], 'place', T.errors.place],
      [{ ...good, latitude: '95', longitude: '100' }, [], 'location', T.errors.badLocation],
      [
        good,
        [{ bytes: new TextEncoder().encode('not an image'), type: 'image/jpeg' }],
        'photo',
        T.errors.photoType,
      ],
      [good, [{ bytes: jpeg(1024 * 1024 + 1), type: 'image/jpeg' }], 'photo', T.errors.photoSize],
      [
        good,
        [1, 2, 3, 4].map(() => ({ bytes: jpeg(), type: 'image/jpeg' })),
        'photo',
        T.errors.photoCount,
      ],
    ];
    for (const [fields, photos, field, message] of cases_) {
      const r = await send(token, fields, photos);
      expect(r.status, field).toBe(400);
      expect(r.body.error.fields[field]).toBe(message);
      expect(r.body.error.message).toBeTruthy();
    }
    expect(await caseCount()).toBe(before);
  });

  it('401 without a valid LIFF ID token; 413 over the body limit', async () => {
    const before = await caseCount();
    expect((await send(null, good)).status).toBe(401);
    expect((await send('forged.token.value', good)).status).toBe(401);
    const otherChannel = await h.fake.issueIdToken(newUser(), '1234567890');
    const wrong = await send(otherChannel, good);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe(T.errors.badToken);
    const token = await h.fake.issueIdToken(newUser(), 'simulator');
    const big = [1, 2, 3, 4].map(() => ({ bytes: jpeg(1024 * 1024), type: 'image/jpeg' }));
    const r = await send(token, good, big);
    expect(r.status).toBe(413);
    expect(r.body.error.message).toBe(T.errors.tooLarge);
    expect(await caseCount()).toBe(before);
  });

  it('links the form like the survey: the LIFF URL with LIFF_ID, else this server', () => {
    expect(reportFormUrl(parseEnv({ LIFF_ID: '1657000000-AbCdEfGh' }), 'demo')).toBe(
      'https://liff.line.me/1657000000-AbCdEfGh/report.html?org=demo',
    );
    expect(reportFormUrl(parseEnv({ PUBLIC_BASE_URL: 'https://x.example/' }), 'demo')).toBe(
      'https://x.example/liff/report.html?org=demo',
    );
  });
});
