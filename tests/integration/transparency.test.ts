import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSatisfactionReport, publishReport } from '../../bot/reports/satisfaction';
import { orgs, services } from '../../db/schema';
import { caseStats } from '../../shared/metrics/complaints';
import { fiscalYearOf } from '../../shared/metrics/round';
import { createHarness, type Harness } from '../helpers/harness';
import { seedReportRound, type ReportFixture } from '../helpers/report-fixtures';

describe('public transparency pages /public/:org/', () => {
  let h: Harness;
  let fx: ReportFixture;
  const NOW = new Date('2026-04-01T10:00:00+07:00');
  beforeAll(async () => {
    h = await createHarness();
    fx = await seedReportRound(h.db, { respondents: 32, previous: 4, cases: 30 });
    // 2569-2 is built but never published: it must not show.
    const draft = await buildSatisfactionReport(h.db, fx.org, '2569-2', NOW);
    expect(draft.publishedAt).toBeNull();
    const rep = await buildSatisfactionReport(h.db, fx.org, '2569-1', NOW);
    await publishReport(h.db, fx.org.id, rep, NOW);
  }, 60_000);
  afterAll(() => h.close());

  const get = (p: string) => h.app.request(`http://localhost/public/${fx.org.slug}${p}`);

  it('lists only published reports, as HTML, JSON and CSV', async () => {
    expect(await (await get('')).text()).toContain('ข้อมูลเพื่อความโปร่งใส');
    const index = await (await get('/')).text();
    expect(index).toContain('ข้อมูลเพื่อความโปร่งใส');
    expect(index).toContain('/reports/2569-1');
    expect(index).not.toContain('/reports/2569-2');
    const list = (await (await get('/reports.json')).json()) as { round: string; eit: number }[];
    expect(list.map((r) => r.round)).toEqual(['2569-1']);
    const csv = await (await get('/reports.csv')).text();
    expect(csv.split('\r\n')[0]).toBe(
      'round,title,published_at,respondents,eit,satisfaction_top_two_share,url',
    );
    expect((await get('/reports/2569-2')).status).toBe(404);
  });

  it('shows a published report without per-division results and with comments redacted', async () => {
    const res = await get('/reports/2569-1.json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const j = (await res.json()) as Record<string, unknown> & { respondents: number; eit: number };
    expect(j.respondents).toBe(32);
    expect(j).not.toHaveProperty('byDivision');
    const text = JSON.stringify(j);
    for (const gone of ['081-234-5678', '1101700230708', 'สมชาย']) expect(text).not.toContain(gone);
    const html = await (await get('/reports/2569-1')).text();
    expect(html).toContain(String(j.eit));
    const csv = await (await get('/reports/2569-1.csv')).text();
    expect(csv).toContain(`eit,คะแนน EIT (เฉลี่ยตัวชี้วัดที่ 6–8),${j.eit},`);
  });

  it('publishes corruption statistics as counts by type, with no case detail', async () => {
    const year = fiscalYearOf(NOW);
    const expected = caseStats(
      fx.cases.filter((c) => c.kind === 'corruption'),
      new Date(),
    );
    const j = (await (await get(`/stats/corruption.json?year=${year}`)).json()) as {
      total: number;
      finished: number;
      byCategory: { category: string; count: number; name: string }[];
    };
    expect(j.total).toBe(expected.total);
    expect(j.total).toBeGreaterThan(0);
    expect(j.finished).toBe(expected.closed);
    expect(j.byCategory).toEqual([
      { category: 'bribe', name: 'เรียกรับสินบน', count: expected.total },
    ]);
    const html = await (await get(`/stats/corruption?year=${year}`)).text();
    expect(html).not.toContain('เรื่องทดสอบ'); // a case's subject never appears
    expect(html).not.toContain('FS-T');
    const csv = await (await get(`/stats/corruption.csv?year=${year}`)).text();
    expect(csv).toContain(`${year},bribe,เรียกรับสินบน,${expected.total}`);
  });

  it('publishes service statistics per category and month', async () => {
    const j = (await (await get('/stats/services.json?year=2569')).json()) as {
      rows: { month: string; category: string; received: number }[];
    };
    const expected = fx.cases.filter((c) => c.kind !== 'corruption').length;
    expect(j.rows.reduce((s, r) => s + r.received, 0)).toBe(expected);
    expect(j.rows[0]!.month).toBe('2025-10');
    expect(j.rows.every((r) => r.category !== 'bribe')).toBe(true);
  });

  it('shows service standards and both channels, embeddable', async () => {
    const html = await (await get('/services?embed=1')).text();
    expect(html).toContain('ขออนุญาตก่อสร้างอาคาร');
    expect(html).toContain('45 วัน');
    expect(html).toContain('แบบแปลน');
    expect(html).not.toContain('กลับหน้าข้อมูลเพื่อความโปร่งใส');
    // Only the embed view may be framed (issue 12; tests/security/headers.test.ts).
    expect((await get('/services?embed=1')).headers.get('x-frame-options')).toBeNull();
    const res = await get('/services');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toContain('กลับหน้าข้อมูลเพื่อความโปร่งใส');
    const j = (await (await get('/services.json')).json()) as { name: string; steps: string[] }[];
    expect(j.find((s) => s.name === 'ขออนุญาตก่อสร้างอาคาร')!.steps).toHaveLength(3);
    const channels = await (await get('/channels')).text();
    expect(channels).toContain(`/public/${fx.org.slug}/corruption`);
    expect(channels).toContain('ช่องทางรับฟังความคิดเห็นและแจ้งเรื่อง');
  });

  it("shows an organisation's own words as text: settings and service standards are escaped", async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await h.db
      .update(orgs)
      .set({
        settings: {
          lineBasicId: `@oa"${hostile}`,
          contact: { phone: hostile, address: `ถนน "หลัก" & ซอย ${hostile}` },
          profile: { website: `https://example.go.th/?a=1&b="><script>alert(1)</script>` },
        },
      })
      .where(eq(orgs.id, fx.org.id));
    h.deps.orgs.invalidate(); // the directory caches the organisation for a minute
    await h.db.insert(services).values({
      orgId: fx.org.id,
      code: 'hostile',
      name: `บริการ ${hostile}`,
      steps: [hostile],
      fees: hostile,
    });
    const channels = await (await get('/channels')).text();
    const standards = await (await get('/services')).text();
    for (const page of [channels, standards]) {
      expect(page).not.toContain('<img');
      expect(page).not.toContain('<script>alert');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
    expect(channels).toContain('ถนน &quot;หลัก&quot; &amp; ซอย');
    expect(channels).toContain('href="https://example.go.th/?a=1&amp;b=&quot;&gt;&lt;script&gt;');
    expect(channels).toContain('href="https://line.me/R/ti/p/%40oa%22%3Cimg');
  });

  it('answers 404 for an unknown organisation or dataset', async () => {
    expect((await h.app.request('http://localhost/public/no-such-org/services')).status).toBe(404);
    expect((await get('/stats/nothing.json')).status).toBe(404);
  });
});
