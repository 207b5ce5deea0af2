import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../bot/logger';
import { cases, divisions, staff, staffRoles } from '../../db/schema';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, newLineUser, residentChat } from '../helpers/staff';
import { toCsvWithBom, readCsv } from '../../shared/admin/csv';
import { FUZZ_SEED } from './seed';

/**
 * Issue 17: random and mutated bodies to every JSON API that takes one — the staff console's
 * case actions, the survey (resident and paper entry), the admin API — and random fields to
 * the LIFF report form (multipart). Never a 5xx, every refusal a JSON error with a reason,
 * nothing unhandled, and a refused request changes no stored data (a fingerprint of every
 * table a request could write, before and after). FUZZ_RUNS raises the runs; a failure
 * prints its seed: add it to REGRESSIONS. CSV imports get their own property below: mutated
 * exports, Windows-874 bytes and random bytes to every section, applied at once.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const REGRESSIONS: { seed: number; path?: string }[] = [];

/** Tables an API request may write (rate_limits left out: refusals are counted there on purpose). */
const TABLES = [
  'cases',
  'case_updates',
  'case_watchers',
  'case_proof_photos',
  'case_outcomes',
  'faq_entries',
  'service_categories',
  'staff',
  'staff_roles',
  'staff_invites',
  'holidays',
  'services',
  'survey_responses',
  'survey_answers',
  'survey_dedupe_keys',
  'survey_rounds',
  'audit_log',
  'outbox',
  'residents',
];

type Endpoint = {
  name: string;
  method: string;
  path: () => string;
  who: 'staff' | 'resident';
  template: () => Record<string, unknown>;
  form?: boolean;
};

/**
 * Sets or removes a nested key. Own properties only (defineProperty), so a `__proto__` key
 * becomes a JSON key of the body sent, never this process's Object.prototype.
 */
function mutate(body: Record<string, unknown>, path: string[], value: unknown, remove: boolean) {
  const copy = structuredClone(body);
  const put = (o: Record<string, unknown>, k: string, v: unknown) =>
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  let o: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) {
    const next = Object.hasOwn(o, k) ? o[k] : undefined;
    if (typeof next !== 'object' || next === null) put(o, k, {});
    o = o[k] as Record<string, unknown>;
  }
  if (remove) delete o[path.at(-1)!];
  else put(o, path.at(-1)!, value);
  return copy;
}

describe('fuzz: JSON API bodies', () => {
  let h: Harness;
  const errors: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);
  let staffLine = '';
  let caseId = '';
  let officerId = '';
  let otherDivision = '';
  let surveyId = '';

  beforeAll(async () => {
    h = await createHarness();
    h.deps.logger = {
      debug() {},
      info() {},
      warn() {},
      error: (msg, fields) => errors.push(`${msg} ${JSON.stringify(fields)}`),
    } satisfies Logger;
    process.on('unhandledRejection', onRejection);
    // One person with the clerk's office and admin roles: every route is open to them.
    staffLine = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: 'ผู้ทดสอบ', lineUserId: staffLine })
      .returning();
    await h.db.insert(staffRoles).values([
      { orgId: h.org.id, staffId: s!.id, role: 'clerk_office' },
      { orgId: h.org.id, staffId: s!.id, role: 'admin' },
    ]);
    officerId = s!.id;
    await residentChat(h).streetLight();
    await flush(h);
    const [c] = await h.db.select().from(cases).where(eq(cases.orgId, h.org.id));
    caseId = c!.id;
    const [d] = await h.db
      .select()
      .from(divisions)
      .where(and(eq(divisions.orgId, h.org.id), eq(divisions.code, 'health')));
    otherDivision = d!.id;
    surveyId = ((await (await h.app.request(`/api/survey/${h.slug}`)).json()) as any).survey.id;
  }, 180_000);
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await h?.close();
  });

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
  const staffApi = (p: string) => () => `/api/staff/${h.slug}${p}`;
  const caseAction = (action: string, template: () => Record<string, unknown>): Endpoint => ({
    name: `case ${action}`,
    method: 'POST',
    path: () => `/api/staff/${h.slug}/cases/${caseId}/${action}`,
    who: 'staff',
    template,
  });
  const admin = (method: string, p: string, template: () => Record<string, unknown>): Endpoint => ({
    name: `admin ${method} ${p}`,
    method,
    path: () => `/api/admin/${h.slug}${p}`,
    who: 'staff',
    template,
  });
  const ENDPOINTS: Endpoint[] = [
    caseAction('accept', () => ({ note: '' })),
    caseAction('assign', () => ({ staffId: officerId, note: 'มอบหมาย' })),
    caseAction('state', () => ({ to: 'in_progress', note: 'กำลังดำเนินการ', photos: [] })),
    caseAction('reply', () => ({ note: 'ตอบผู้แจ้ง', photos: [] })),
    caseAction('forward', () => ({ divisionId: otherDivision, note: 'ส่งต่อ' })),
    caseAction('explain', () => ({ note: 'ชี้แจง' })),
    caseAction('reopen', () => ({ note: 'เปิดใหม่' })),
    caseAction('note', () => ({ note: 'บันทึกภายใน' })),
    {
      name: 'staff link',
      method: 'POST',
      path: staffApi('/link'),
      who: 'staff',
      template: () => ({ code: 'ABCD-EFGH' }),
    },
    {
      name: 'survey response',
      method: 'POST',
      path: () => `/api/survey/${h.slug}/responses`,
      who: 'resident',
      template: () => ({ surveyId, version: 1, answers: { ...answers }, source: 'menu' }),
    },
    {
      name: 'survey paper entry',
      method: 'POST',
      path: () => `/api/survey/${h.slug}/staff/paper`,
      who: 'staff',
      template: () => ({ surveyId, version: 1, answers: { ...answers } }),
    },
    admin('PUT', '/faq/fuzz-entry', () => ({
      id: 'fuzz-entry',
      question: 'คำถามทดสอบ',
      variants: ['ถามแบบอื่น'],
      answer: 'คำตอบ',
      links: [{ label: 'เว็บ', uri: 'https://example.org' }],
      quickReplies: ['เมนู'],
    })),
    admin('POST', '/faq/try', () => ({ text: 'ขอใบอนุญาตก่อสร้าง' })),
    admin('PATCH', '/categories/street_light', () => ({
      finishDays: 5,
      keywords: ['ไฟ'],
      duplicateRadiusM: 50,
    })),
    admin('POST', '/staff/invites', () => ({
      role: 'officer',
      divisionCode: 'works',
      name: 'ใหม่',
      days: 7,
    })),
    admin('POST', '/holidays', () => ({ day: '2031-01-02', name: 'วันหยุดทดสอบ' })),
    {
      name: 'LIFF report form',
      method: 'POST',
      path: () => `/api/report/${h.slug}/cases`,
      who: 'resident',
      form: true,
      template: () => ({
        category: 'street_light',
        description: 'ไฟดับ',
        latitude: '16.4',
        longitude: '102.8',
        place: 'ซอย 1',
      }),
    },
  ];

  const fingerprint = async () => {
    const cols = TABLES.map(
      (t) =>
        `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from ${t} x) as ${t}`,
    ).join(', ');
    const r = await h.db.execute(sql.raw(`select ${cols}`));
    return ((Array.isArray(r) ? r : (r as any).rows) as Record<string, string>[])[0]!;
  };

  const keyPath = fc.array(
    fc.constantFrom(
      'note',
      'staffId',
      'to',
      'photos',
      'divisionId',
      'code',
      'surveyId',
      'version',
      'answers',
      'e1',
      's1',
      'point',
      'invitation',
      'clientId',
      'id',
      'question',
      'variants',
      'answer',
      'links',
      'label',
      'uri',
      'text',
      'finishDays',
      'keywords',
      'active',
      'role',
      'divisionCode',
      'days',
      'day',
      'name',
      'category',
      'description',
      'latitude',
      'longitude',
      'place',
      '0',
      '__proto__',
      'constructor',
    ),
    { minLength: 1, maxLength: 3 },
  );
  const change = fc.tuple(
    keyPath,
    fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ maxLength: 3000 }),
      fc.constantFrom('', ' ', '\u0000', 'ก'.repeat(6000), -1, 0, 1e308, -0, null, true, [], {}),
    ),
    fc.boolean(),
  );
  const request = fc.tuple(
    fc.nat({ max: 10_000 }),
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .array(change, { minLength: 1, maxLength: 3 })
          .map((cs) => ({ kind: 'mutated' as const, cs })),
      },
      {
        weight: 1,
        arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'json' as const, v })),
      },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 300 }).map((s) => ({ kind: 'bytes' as const, s })),
      },
    ),
  );

  /** Answers seen, by endpoint and status: the runs must reach past the checks too. */
  const statuses = new Map<string, number>();
  const property = fc.asyncProperty(request, async ([which, shape]) => {
    const ep = ENDPOINTS[which % ENDPOINTS.length]!;
    const user = ep.who === 'staff' ? staffLine : newLineUser();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await h.fake.issueIdToken(user, 'simulator')}`,
    };
    let body: string | FormData;
    if (shape.kind === 'bytes') body = shape.s;
    else if (shape.kind === 'json') body = JSON.stringify(shape.v);
    else {
      const b = shape.cs.reduce((acc, [p, v, rm]) => mutate(acc, p, v, rm), ep.template());
      if (ep.form) {
        const fd = new FormData();
        for (const [k, v] of Object.entries(b))
          fd.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
        body = fd;
      } else body = JSON.stringify(b);
    }
    if (typeof body === 'string')
      headers['Content-Type'] = ep.form ? 'multipart/form-data; boundary=x' : 'application/json';
    const before = await fingerprint();
    const res = await h.app.request(ep.path(), { method: ep.method, headers, body });
    await h.queue.drain();
    const text = await res.text();
    const key = `${ep.name} ${res.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    expect(res.status, `${ep.name}: ${text}`).toBeLessThan(500);
    if (res.status >= 400) {
      const json = JSON.parse(text) as { error?: { message?: string } };
      expect(typeof json.error?.message, `${ep.name}: ${text}`).toBe('string');
      const after = await fingerprint();
      const changed = TABLES.filter((t) => before[t] !== after[t]);
      expect(changed, `${ep.name} refused with ${res.status} but changed: ${changed}`).toEqual([]);
    }
  });

  it(`random and mutated bodies to ${ENDPOINTS.length} endpoints (${RUNS} runs): never 5xx, refusals change nothing`, async () => {
    await fc.assert(property, { numRuns: RUNS, seed: FUZZ_SEED });
    console.log(`api fuzz: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    const seen = [...statuses.keys()];
    expect(seen.filter((k) => / 2\d\d$/.test(k)).length).toBeGreaterThan(3);
    expect(seen.filter((k) => / 4\d\d$/.test(k)).length).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    expect(rejections).toEqual([]);
  }, 600_000);
  /** Thai text as Windows-874 bytes (Thai letters U+0E01–U+0E5B are 0xA1–0xFB); others as '?'. */
  const toWindows874 = (text: string) =>
    Uint8Array.from([...text], (ch) => {
      const c = ch.codePointAt(0)!;
      return c < 0x80 ? c : c >= 0x0e01 && c <= 0x0e5b ? c - 0x0e00 + 0xa0 : 0x3f;
    });
  const csvCell = fc.oneof(
    fc.stringMatching(/^[a-zก-ฮ่้ะาำ ,"'\r\n=+\-@|0-9]{0,12}$/),
    fc.constantFrom('', '0', '366', '-1', '2099-02-30', 'works', 'ไม่มีกอง', 'x'.repeat(400)),
  );
  const csvEdit = fc.oneof(
    fc.record({ op: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), v: csvCell }),
    fc.record({ op: fc.constant('dropColumn' as const), col: fc.nat() }),
    fc.record({ op: fc.constant('addRow' as const), cells: fc.array(csvCell, { maxLength: 9 }) }),
    fc.record({ op: fc.constant('duplicateRow' as const), row: fc.nat() }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  );
  const csvRequest = fc.record({
    section: fc.constantFrom('faq', 'categories', 'services', 'holidays', 'staff', 'nope'),
    edits: fc.array(csvEdit, { maxLength: 4 }),
    encoding: fc.constantFrom('utf-8', 'utf-8', 'windows-874', 'random'),
    noise: fc.uint8Array({ maxLength: 200 }),
  });
  const csvStatuses = new Map<string, number>();
  const csvProperty = fc.asyncProperty(csvRequest, async ({ section, edits, encoding, noise }) => {
    const auth = { Authorization: `Bearer ${await h.fake.issueIdToken(staffLine, 'simulator')}` };
    const base = `/api/admin/${h.slug}/csv/${section}`;
    const exported = await h.app.request(base, { headers: auth });
    const read = exported.status === 200 ? readCsv(await exported.text()) : null;
    let rows = read?.ok ? read.rows : [['รหัส', 'ชื่อ']];
    let text = '';
    for (const e of edits) {
      const r = rows.length ? rows[('row' in e ? e.row : 0) % rows.length]! : [];
      if (e.op === 'cell' && r.length) r[e.col % r.length] = e.v;
      else if (e.op === 'dropColumn') rows = rows.map((x) => x.filter((_, i) => i !== e.col % 9));
      else if (e.op === 'addRow') rows.push(e.cells);
      else if (e.op === 'duplicateRow' && r.length) rows.push([...r]);
    }
    text = toCsvWithBom(rows);
    const cut = edits.find((e) => e.op === 'truncate');
    if (cut && cut.op === 'truncate') text = text.slice(0, cut.at % (text.length + 1));
    const body =
      encoding === 'random'
        ? noise
        : encoding === 'windows-874'
          ? toWindows874(text.replace(/^\uFEFF/, ''))
          : new TextEncoder().encode(text);
    const before = await fingerprint();
    const res = await h.app.request(`${base}?apply=1`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/csv' },
      body,
    });
    const answer = await res.text();
    const key = `${section} ${res.status}`;
    csvStatuses.set(key, (csvStatuses.get(key) ?? 0) + 1);
    expect(res.status, `${section}: ${answer}`).toBeLessThan(500);
    if (res.status >= 400) {
      const json = JSON.parse(answer) as {
        error?: { message?: string };
        errors?: { row: number; column: string }[];
      };
      expect(typeof json.error?.message, answer).toBe('string');
      for (const e of json.errors ?? []) {
        expect(Number.isInteger(e.row) && e.row >= 1, answer).toBe(true);
        expect(typeof e.column, answer).toBe('string');
      }
      const after = await fingerprint();
      const changed = TABLES.filter((t) => before[t] !== after[t]);
      expect(changed, `CSV ${section} refused with ${res.status} but changed: ${changed}`).toEqual(
        [],
      );
    }
  });

  it(`random CSV files to every import section (${RUNS} runs): never 5xx, a refusal changes nothing, errors name row and column`, async () => {
    await fc.assert(csvProperty, { numRuns: RUNS, seed: FUZZ_SEED });
    console.log(`csv fuzz: ${JSON.stringify(Object.fromEntries([...csvStatuses].sort()))}`);
    const seen = [...csvStatuses.keys()];
    expect(seen.filter((k) => / 200$/.test(k)).length).toBeGreaterThan(1);
    expect(seen.filter((k) => / 400$/.test(k)).length).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    expect(rejections).toEqual([]);
  }, 600_000);
  for (const r of REGRESSIONS) {
    it(`regression seed ${r.seed}`, async () => {
      await fc.assert(property, { seed: r.seed, path: r.path, endOnFailure: true });
    });
  }
});
