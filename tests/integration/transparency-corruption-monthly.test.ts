import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema';
import { bangkokMonthStart, thaiMonthLong } from '../../shared/metrics/published-months';
import { bangkokDate, fiscalYearOf } from '../../shared/metrics/round';
import { pub } from '../../shared/text/th-public';
import { createHarness, type Harness } from '../helpers/harness';

const monthOf = (d: Date) => {
  const b = bangkokDate(d);
  return `${b.y}-${String(b.m).padStart(2, '0')}`;
};

/**
 * The public corruption-complaint count is published by month, after the month ends
 * (Bangkok time): a complaint filed this month cannot be seen in it until the month is
 * over, so the accused cannot poll it to time a filing (decision 022).
 */
describe('the public corruption count covers only months that have ended', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const url = (p: string) => `http://localhost/public/${h.slug}/${p}`;
  const get = (p: string) => h.app.request(url(p));

  async function fileCorruptionCase(): Promise<void> {
    const html = await (await get('corruption')).text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const form = new FormData();
    form.set('csrf', token);
    form.set('protection', 'anonymous');
    form.set('description', 'เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต');
    form.set('concerning', 'กองช่าง');
    form.set('pin', '246813');
    form.set('pin2', '246813');
    const res = await h.app.request(url('corruption'), {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://localhost', 'X-Test-Peer-Address': '198.51.100.77' },
    });
    expect(res.status).toBe(200);
  }

  type Published = {
    fiscalYear: number;
    dataThrough: string | null;
    total: number;
    byCategory: { category: string; count: number }[];
  };

  it('leaves a case filed this month out until the clock moves into the next month', async () => {
    const filedAt = h.deps.clock();
    const year = fiscalYearOf(filedAt);
    const lastEnded = monthOf(new Date(bangkokMonthStart(filedAt).getTime() - 1));
    const before = {
      json: await (await get(`stats/corruption.json?year=${year}`)).text(),
      csv: await (await get(`stats/corruption.csv?year=${year}`)).text(),
      html: await (await get(`stats/corruption?year=${year}`)).text(),
    };
    const j0 = JSON.parse(before.json) as Published;

    await fileCorruptionCase();
    const filed = await h.db.select().from(cases).where(eq(cases.kind, 'corruption'));
    expect(filed).toHaveLength(1);

    // Same month: the published figures do not move, in any format.
    expect(await (await get(`stats/corruption.json?year=${year}`)).text()).toBe(before.json);
    expect(await (await get(`stats/corruption.csv?year=${year}`)).text()).toBe(before.csv);
    expect(await (await get(`stats/corruption?year=${year}`)).text()).toBe(before.html);
    expect(j0.total).toBe(0);
    if (year === fiscalYearOf(new Date(bangkokMonthStart(filedAt).getTime() - 1))) {
      expect(j0.dataThrough).toBe(lastEnded);
      expect(before.html).toContain(pub.corruptionStats.dataThrough(thaiMonthLong(lastEnded)));
    } else {
      // The fiscal year's first month has not ended yet: nothing of it is published.
      expect(j0.dataThrough).toBeNull();
      expect(before.html).toContain(pub.corruptionStats.noMonthYet);
    }

    // One minute before the month ends in Bangkok: still the same.
    const nextMonth = bangkokMonthStart(
      new Date(bangkokMonthStart(filedAt).getTime() + 32 * 86_400_000),
    );
    h.advance(nextMonth.getTime() - 60_000 - h.deps.clock().getTime());
    expect(await (await get(`stats/corruption.json?year=${year}`)).text()).toBe(before.json);

    // The month has ended (00:00 +07:00 on the 1st): the case is counted.
    h.advance(60_000);
    const j1 = (await (await get(`stats/corruption.json?year=${year}`)).json()) as Published;
    const thisMonth = monthOf(filedAt);
    expect(j1.dataThrough).toBe(thisMonth);
    expect(j1.total).toBe(1);
    expect(j1.byCategory).toEqual([expect.objectContaining({ category: 'corruption', count: 1 })]);
    const csv = await (await get(`stats/corruption.csv?year=${year}`)).text();
    expect(csv.split('\r\n')[0]).toBe('fiscal_year,category,category_name,count,data_through');
    expect(csv).toMatch(new RegExp(`${year},corruption,[^,]*,1,${thisMonth}`));
    const html = await (await get(`stats/corruption?year=${year}`)).text();
    expect(html).toContain(pub.corruptionStats.dataThrough(thaiMonthLong(thisMonth)));
  });
});
