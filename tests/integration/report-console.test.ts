/**
 * The console's "ออกรายงาน" API (issue 15, decisions 025–026): who may use it, the current
 * round by default, a round not started refused with the current one named, an empty round's
 * one sentence, files kept by round and version, and publish-then-edit making a new version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedReports, reportVersions } from '../../bot/reports/satisfaction';
import { describeRound, roundOf, type Round } from '../../shared/metrics/round';
import { createHarness, type Harness } from '../helpers/harness';
import { linkDemoStaff } from '../helpers/staff';

describe('the report console API', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof linkDemoStaff>>;
  beforeAll(async () => {
    h = await createHarness();
    people = await linkDemoStaff(h);
  });
  afterAll(() => h.close());

  const as = (position: string) => people.get(position)!.lineUserId;
  const call = async (who: string | null, method: string, path: string, body?: unknown) =>
    h.app.request(`/api/reports/${h.slug}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(who ? { authorization: `Bearer ${await h.fake.issueIdToken(who, 'simulator')}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const current = () => roundOf(h.deps.clock());
  const nextRoundLabel = (r: Round) =>
    r.half === 1 ? `${r.fiscalYear}-2` : `${r.fiscalYear + 1}-1`;

  it('lets admins and executives in, refuses an officer and a division head, asks others to sign in', async () => {
    const r = current().label;
    const routes: [string, string, unknown?][] = [
      ['GET', '/rounds'],
      ['GET', `/rounds/${r}`],
      ['GET', `/rounds/${r}/report.html`],
      ['GET', `/rounds/${r}/report.csv`],
      ['PUT', `/rounds/${r}/recommendations`, { text: 'ทดสอบสิทธิ์' }],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(null, method, path, body)).status, `${method} ${path} anonymous`).toBe(
        401,
      );
      for (const refused of ['นายช่างไฟฟ้า', 'ผู้อำนวยการกองช่าง']) {
        const res = await call(as(refused), method, path, body);
        expect(res.status, `${method} ${path} ${refused}`).toBe(403);
        expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
          'เฉพาะผู้ดูแลระบบและผู้บริหารเท่านั้นที่ออกรายงานได้',
        );
      }
      for (const allowed of ['ปลัดเทศบาล', 'นายกเทศมนตรี'])
        expect((await call(as(allowed), method, path, body)).status, `${method} ${path}`).toBe(200);
    }
    // Publishing is refused to an officer too, and nothing is published.
    expect((await call(as('นายช่างไฟฟ้า'), 'POST', `/rounds/${r}/publish`)).status).toBe(403);
    expect(await publishedReports(h.db, h.org.id)).toHaveLength(0);
  });

  it('lists the current round first and the past ones after it', async () => {
    const res = await call(as('ปลัดเทศบาล'), 'GET', '/rounds');
    const body = (await res.json()) as {
      current: string;
      rounds: { label: string; title: string; current: boolean }[];
    };
    expect(body.current).toBe(current().label);
    expect(body.rounds[0]).toMatchObject({ label: current().label, current: true });
    expect(body.rounds.length).toBeGreaterThan(1);
    expect(body.rounds.slice(1).every((x) => !x.current && x.label < current().label)).toBe(true);
  });

  it('refuses a round that has not started, naming the current round', async () => {
    const res = await call(as('ปลัดเทศบาล'), 'GET', `/rounds/${nextRoundLabel(current())}`);
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; current: string };
    };
    expect(error.code).toBe('round_not_started');
    expect(error.current).toBe(current().label);
    expect(error.message).toContain(`รอบปัจจุบันคือ${describeRound(current()).label}`);
    expect((await call(as('ปลัดเทศบาล'), 'GET', '/rounds/2570-9')).status).toBe(400);
  });

  it('says in one sentence on the cover that a round without answers has none', async () => {
    const past = '2566-1';
    const res = await call(as('นายกเทศมนตรี'), 'GET', `/rounds/${past}/report.html`);
    const html = await res.text();
    expect(html).toContain('รอบที่ 1/2566 ยังไม่มีผู้ตอบแบบสำรวจ');
    expect(html).not.toContain('1. วิธีการสำรวจ');
  });

  it('keeps files by round and version, and makes new ones when the recommendations change', async () => {
    const r = '2567-2';
    const admin = as('ปลัดเทศบาล');
    const first = await call(admin, 'GET', `/rounds/${r}/report.xlsx`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-report-file')).toBe('made');
    expect(first.headers.get('content-disposition')).toContain(`-${r}-v1-draft.xlsx`);
    const again = await call(admin, 'GET', `/rounds/${r}/report.xlsx`);
    expect(again.headers.get('x-report-file')).toBe('stored');
    expect(Buffer.from(await again.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
    const csv = await call(admin, 'GET', `/rounds/${r}/report.csv`);
    expect(csv.headers.get('x-report-file')).toBe('made');
    expect(await csv.text()).toContain('ตัวชี้วัด');
    await call(admin, 'PUT', `/rounds/${r}/recommendations`, { text: 'ปรับปรุงป้ายบอกทาง' });
    const changed = await call(admin, 'GET', `/rounds/${r}/report.xlsx`);
    expect(changed.headers.get('x-report-file')).toBe('made');
  });

  it('publishes a version that stays as it was when the report is edited afterwards', async () => {
    const r = '2568-1';
    const admin = as('ปลัดเทศบาล');
    await call(admin, 'PUT', `/rounds/${r}/recommendations`, { text: 'ข้อเสนอแนะฉบับแรก' });
    const pub = await call(admin, 'POST', `/rounds/${r}/publish`);
    expect(pub.status).toBe(200);
    expect(await pub.json()).toMatchObject({ version: 1 });

    // Editing after publishing starts version 2 as a draft; version 1 is untouched.
    const edit = await call(admin, 'PUT', `/rounds/${r}/recommendations`, {
      text: 'ข้อเสนอแนะฉบับแก้ไข',
    });
    expect(await edit.json()).toMatchObject({ version: 2 });
    const versions = await reportVersions(h.db, h.org.id, r);
    expect(versions.map((v) => [v.version, v.recommendations, !!v.publishedAt])).toEqual([
      [1, 'ข้อเสนอแนะฉบับแรก', true],
      [2, 'ข้อเสนอแนะฉบับแก้ไข', false],
    ]);
    const v1 = await (await call(admin, 'GET', `/rounds/${r}/report.html?version=1`)).text();
    expect(v1).toContain('ข้อเสนอแนะฉบับแรก');
    expect(v1).not.toContain('ข้อเสนอแนะฉบับแก้ไข');
    const draft = await (await call(admin, 'GET', `/rounds/${r}/report.html`)).text();
    expect(draft).toContain('ข้อเสนอแนะฉบับแก้ไข');
    expect(draft).toContain('ฉบับที่ 2');
    // The public pages still show version 1 until version 2 is published.
    expect((await publishedReports(h.db, h.org.id)).map((x) => x.version)).toEqual([1]);

    expect(await (await call(admin, 'POST', `/rounds/${r}/publish`)).json()).toMatchObject({
      version: 2,
    });
    const published = await publishedReports(h.db, h.org.id);
    expect(published.map((x) => [x.roundLabel, x.version])).toEqual([[r, 2]]);
    const again = await reportVersions(h.db, h.org.id, r);
    expect(again[0]!.recommendations).toBe('ข้อเสนอแนะฉบับแรก');
    expect(again[0]!.publishedAt!.getTime()).toBe(versions[0]!.publishedAt!.getTime());
    expect((await call(admin, 'GET', `/rounds/${r}/report.html?version=7`)).status).toBe(404);
  });
});
