import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

/** Issue 12: one form token opens one POST (corruption form and PIN tracking). */
describe('single-use form tokens', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const url = (p: string) => `http://localhost/public/${h.slug}/${p}`;
  const tokenOf = async (p: string) =>
    /name="csrf" value="([^"]+)"/.exec(await (await h.app.request(url(p))).text())![1]!;
  const post = (p: string, token: string, fields: Record<string, string>, peer: string) => {
    const form = new FormData();
    form.set('csrf', token);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return h.app.request(url(p), {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://localhost', 'X-Test-Peer-Address': peer },
    });
  };
  const count = async () =>
    (await h.db.select().from(cases).where(eq(cases.orgId, h.org.id))).length;

  it('files once with a token and refuses the same token again, with a Thai reason', async () => {
    const token = await tokenOf('corruption');
    const fields = { protection: 'confidential', description: 'ทดสอบโทเค็นใช้ครั้งเดียว' };
    const before = await count();
    expect((await post('corruption', token, fields, '192.0.2.1')).status).toBe(200);
    const again = await post('corruption', token, fields, '192.0.2.2');
    expect(again.status).toBe(403);
    expect(await again.text()).toContain(th.sec.tokenUsed);
    expect(await count()).toBe(before + 1);
  });

  it('uses up a tracking token too; the answer page carries a fresh one', async () => {
    const token = await tokenOf('track');
    const first = await post('track', token, { code: 'FS-0002-AAAA', pin: '123456' }, '192.0.2.3');
    expect(first.status).toBe(404);
    const next = /name="csrf" value="([^"]+)"/.exec(await first.text())![1]!;
    expect(next).not.toBe(token);
    const reused = await post('track', token, { code: 'FS-0002-AAAB', pin: '123456' }, '192.0.2.4');
    expect(reused.status).toBe(403);
    expect(await reused.text()).toContain(th.sec.tokenUsed);
    const fresh = await post('track', next, { code: 'FS-0002-AAAB', pin: '123456' }, '192.0.2.5');
    expect(fresh.status).toBe(404);
  });
});
