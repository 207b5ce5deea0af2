/**
 * Open311 GeoReport v2 read API (issue 16 item 4, decision 042) over the real app: cases are
 * filed through signed webhooks and worked through the staff API; every answer is checked
 * against GeoReport v2's field list, and no resident identity, internal note, photo key,
 * corruption complaint or confidential case ever appears.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseUpdates, cases, residents, staff, staffRoles } from '../../db/schema';
import { createHarness, type Harness } from '../helpers/harness';
import { divisionId, flush, newLineUser, residentChat } from '../helpers/staff';

type Json = Record<string, unknown>;

/** GeoReport v2 fields of a service request, with their JSON types (wiki.open311.org/GeoReport_v2). */
const REQUEST_FIELDS: Record<string, { required: boolean; type: 'string' | 'number' }> = {
  service_request_id: { required: true, type: 'string' },
  status: { required: true, type: 'string' },
  status_notes: { required: false, type: 'string' },
  service_name: { required: true, type: 'string' },
  service_code: { required: true, type: 'string' },
  description: { required: false, type: 'string' },
  agency_responsible: { required: false, type: 'string' },
  service_notice: { required: false, type: 'string' },
  requested_datetime: { required: true, type: 'string' },
  updated_datetime: { required: false, type: 'string' },
  expected_datetime: { required: false, type: 'string' },
  address: { required: false, type: 'string' },
  address_id: { required: false, type: 'string' },
  zipcode: { required: false, type: 'string' },
  lat: { required: false, type: 'number' },
  long: { required: false, type: 'number' },
  media_url: { required: false, type: 'string' },
};
const SERVICE_FIELDS = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

function validRequests(body: unknown): Json[] {
  expect(Array.isArray(body)).toBe(true);
  for (const r of body as Json[]) {
    for (const [k, f] of Object.entries(REQUEST_FIELDS)) {
      if (f.required) expect(r, k).toHaveProperty(k);
      if (k in r) expect(typeof r[k], k).toBe(f.type);
    }
    for (const k of Object.keys(r)) expect(Object.keys(REQUEST_FIELDS), k).toContain(k);
    expect(['open', 'closed']).toContain(r.status);
    for (const k of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      if (k in r) expect(r[k], k).toMatch(W3C);
    }
    if ('lat' in r || 'long' in r) {
      expect(Math.abs(r.lat as number)).toBeLessThanOrEqual(90);
      expect(Math.abs(r.long as number)).toBeLessThanOrEqual(180);
    }
  }
  return body as Json[];
}

function validError(body: unknown, code: number): string {
  expect(Array.isArray(body)).toBe(true);
  const [e] = body as Json[];
  expect(Object.keys(e!).sort()).toEqual(['code', 'description']);
  expect(e!.code).toBe(code);
  expect(typeof e!.description).toBe('string');
  expect((e!.description as string).length).toBeGreaterThan(10);
  return e!.description as string;
}

describe('Open311 GeoReport v2 /open311/v2/:org/', () => {
  let h: Harness;
  let token: string;
  const secrets: string[] = [];
  let closedCode: string;
  let openCode: string;
  let corruptionCode: string;
  let confidentialCode: string;
  let complaintCode: string;

  const get = (path: string) => h.app.request(`/open311/v2/${h.slug}${path}`);
  const call = (path: string, body: unknown) =>
    h.app.request(`/api/staff/${h.slug}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const byKind = (kind: 'service_request' | 'complaint' | 'corruption') =>
    h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, kind)))
      .orderBy(cases.createdAt);

  beforeAll(async () => {
    h = await createHarness();
    const works = await divisionId(h, 'works');
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: 'ช่างทดสอบ', lineUserId, divisionId: works })
      .returning();
    await h.db
      .insert(staffRoles)
      .values({ orgId: h.org.id, staffId: s!.id, role: 'division_head', divisionId: works });
    token = await h.fake.issueIdToken(lineUserId, 'simulator');

    const a = residentChat(h);
    const b = residentChat(h);
    for (const r of [a, b, a]) {
      h.advance(60_000);
      await r.streetLight();
    }
    h.advance(60_000);
    await b.complaint();
    h.advance(60_000);
    await b.corruption();
    await flush(h);

    const reports = await byKind('service_request');
    expect(reports).toHaveLength(3);
    const [first, second, third] = reports;
    closedCode = first!.trackingCode;
    openCode = second!.trackingCode;
    // A report whose reporter asked for confidentiality: never published.
    await h.db.update(cases).set({ anonymity: 'confidential' }).where(eq(cases.id, third!.id));
    confidentialCode = third!.trackingCode;
    complaintCode = (await byKind('complaint'))[0]!.trackingCode;
    const [corruption] = await byKind('corruption');
    corruptionCode = corruption!.trackingCode;

    h.advance(60_000);
    expect((await call(`/cases/${first!.id}/accept`, {})).status).toBe(200);
    const internal = 'บันทึกภายใน ผู้แจ้งเป็นญาติปลัด';
    expect((await call(`/cases/${first!.id}/note`, { note: internal })).status).toBe(200);
    h.advance(60_000);
    const finished = await call(`/cases/${first!.id}/state`, {
      to: 'finished',
      note: 'เปลี่ยนหลอดแล้ว สอบถาม 081-234-5678',
      waiver: 'no_access',
    });
    expect(finished.status).toBe(200);
    await flush(h);

    // Everything that must never be published.
    const people = await h.db.select().from(residents).where(eq(residents.orgId, h.org.id));
    expect(people.length).toBeGreaterThanOrEqual(2);
    for (const p of people) {
      secrets.push(p.id, p.lineUserId);
      if (p.displayName) secrets.push(p.displayName);
    }
    secrets.push(a.userId, b.userId, internal, '081-234-5678');
    secrets.push(corruptionCode, corruption!.description, confidentialCode, complaintCode);
    for (const c of [...reports, corruption!]) for (const p of c.photos) secrets.push(p.key);
    const [u] = await h.db
      .select()
      .from(caseUpdates)
      .where(and(eq(caseUpdates.caseId, first!.id), eq(caseUpdates.internal, true)));
    expect(u!.note).toBe(internal);
    expect(secrets.filter((s) => s.length > 0).length).toBeGreaterThan(8);
  }, 120_000);
  afterAll(() => h.close());

  const neverLeaks = (text: string) => {
    for (const s of secrets) expect(text, s).not.toContain(s);
  };

  it('lists the active service request categories in GeoReport form', async () => {
    const res = await get('/services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const list = (await res.json()) as Json[];
    expect(list.length).toBeGreaterThan(5);
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
      expect(s.metadata).toBe(false);
      expect(s.type).toBe('realtime');
      for (const k of ['service_code', 'service_name', 'description', 'keywords', 'group'])
        expect(typeof s[k], k).toBe('string');
    }
    const codes = list.map((s) => s.service_code);
    expect(codes).toContain('street_light');
    for (const hidden of ['corruption', 'complaint', 'question'])
      expect(codes).not.toContain(hidden);
    expect(list.find((s) => s.service_code === 'street_light')!.group).toBe('กองช่าง');
  });

  it('lists requests: only open service requests, redacted, no identity', async () => {
    const res = await get('/requests.json');
    expect(res.status).toBe(200);
    const text = await res.text();
    const list = validRequests(JSON.parse(text));
    expect(list.map((r) => r.service_request_id).sort()).toEqual([closedCode, openCode].sort());
    neverLeaks(text);
    const closed = list.find((r) => r.service_request_id === closedCode)!;
    expect(closed).toMatchObject({
      status: 'closed',
      service_code: 'street_light',
      agency_responsible: 'กองช่าง',
      address: 'ถนนมิตรภาพ',
      description: 'ไฟดับ 3 ต้น หน้าโรงเรียน',
    });
    expect(closed.status_notes).toContain('เปลี่ยนหลอดแล้ว');
    expect(closed.lat).toBeCloseTo(16.4419, 4);
    const open = list.find((r) => r.service_request_id === openCode)!;
    expect(open.status).toBe('open');
    expect(open).not.toHaveProperty('status_notes');
    expect(open.expected_datetime).toMatch(W3C);
  });

  it('filters by status, service code, ids and dates', async () => {
    const ids = async (q: string) => {
      const res = await get(`/requests.json?${q}`);
      expect(res.status, q).toBe(200);
      const text = await res.text();
      neverLeaks(text);
      return validRequests(JSON.parse(text)).map((r) => r.service_request_id);
    };
    expect(await ids('status=closed')).toEqual([closedCode]);
    expect(await ids('status=open')).toEqual([openCode]);
    expect((await ids('status=open,closed')).length).toBe(2);
    expect((await ids('service_code=street_light')).length).toBe(2);
    expect(await ids('service_code=water')).toEqual([]);
    expect(await ids(`service_request_id=${openCode.toLowerCase()}`)).toEqual([openCode]);
    // Asked for by id, a corruption, complaint or confidential case is simply not there.
    expect(
      await ids(
        `service_request_id=${[openCode, corruptionCode, complaintCode, confidentialCode]}`,
      ),
    ).toEqual([openCode]);
    const tomorrow = new Date(h.deps.clock().getTime() + 86_400_000).toISOString();
    expect(await ids(`start_date=${encodeURIComponent(tomorrow)}`)).toEqual([]);
    expect(await ids('end_date=2020-01-01')).toEqual([]);
    expect((await ids('start_date=2020-01-01&end_date=2099-01-01')).length).toBe(2);

    // After 91 days the default window (the last 90 days) no longer holds them.
    h.advance(91 * 86_400_000);
    expect(await ids('')).toEqual([]);
    const since = new Date(h.deps.clock().getTime() - 100 * 86_400_000).toISOString();
    expect((await ids(`start_date=${encodeURIComponent(since)}`)).length).toBe(2);
  });

  it('answers one request by id as an array of one', async () => {
    const res = await get(`/requests/${openCode}.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    neverLeaks(text);
    const list = validRequests(JSON.parse(text));
    expect(list).toHaveLength(1);
    expect(list[0]!.service_request_id).toBe(openCode);
    for (const hidden of [corruptionCode, complaintCode, confidentialCode, 'FS-0000-ZZZZ']) {
      const r = await get(`/requests/${hidden}.json`);
      expect(r.status, hidden).toBe(404);
      validError(await r.json(), 404);
    }
  });

  it('refuses XML, bad filters, unknown organisations and writes in GeoReport error form', async () => {
    for (const p of ['/services.xml', '/requests.xml', `/requests/${openCode}.xml`]) {
      const r = await get(p);
      expect(r.status, p).toBe(400);
      expect(validError(await r.json(), 400)).toContain('JSON');
    }
    for (const q of [
      'status=pending',
      'start_date=yesterday',
      'start_date=2026-02-01&end_date=2026-01-01',
    ]) {
      const r = await get(`/requests.json?${q}`);
      expect(r.status, q).toBe(400);
      validError(await r.json(), 400);
    }
    const unknown = await h.app.request('/open311/v2/no-such-org/services.json');
    expect(unknown.status).toBe(404);
    validError(await unknown.json(), 404);
    const post = await h.app.request(`/open311/v2/${h.slug}/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'service_code=street_light&lat=16.4&long=102.8&description=test',
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toContain('GET');
    expect(validError(await post.json(), 405)).toContain('read-only');
    const before = await byKind('service_request');
    expect(before).toHaveLength(3);
    const other = await get('/discovery.json');
    expect(other.status).toBe(404);
    validError(await other.json(), 404);
  });
});
