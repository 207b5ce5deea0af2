import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicStaffRoute } from '../../bot/staff/routes';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * Issue 12: the staff API skipped its token check for any path ending in /config, /link or
 * /dev/staff. Now only three routes, named by method and full path, run without staff.
 */
describe('staff authentication middleware', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('names the public staff routes by method and full path only', () => {
    expect(isPublicStaffRoute('GET', '/api/staff/demo/config')).toBe(true);
    expect(isPublicStaffRoute('POST', '/api/staff/demo/link')).toBe(true);
    expect(isPublicStaffRoute('GET', '/api/staff/demo/dev/staff')).toBe(true);
    expect(isPublicStaffRoute('GET', '/api/staff/demo/cases/x/photos/case/link')).toBe(false);
    expect(isPublicStaffRoute('GET', '/api/staff/demo/cases/config')).toBe(false);
    expect(isPublicStaffRoute('POST', '/api/staff/demo/config')).toBe(false);
  });

  it('refuses every other path that merely ends like a public one, with 401 and no handler run', async () => {
    const id = crypto.randomUUID();
    for (const [method, path] of [
      ['GET', `/cases/${id}/photos/case/link`],
      ['GET', `/cases/${id}/photos/x/config`],
      ['GET', `/cases/${id}/dev/staff`],
      ['POST', `/cases/${id}/link`],
      ['GET', `/me/config`],
    ] as const) {
      const res = await h.app.request(`/api/staff/${h.slug}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.message).toBe(th.staff.api.unauthorized);
    }
  });

  it('keeps the public ones public', async () => {
    const config = await h.app.request(`/api/staff/${h.slug}/config`);
    expect(config.status).toBe(200);
    // The invite link needs a LINE ID token (it checks it itself), not a staff record.
    const link = await h.app.request(`/api/staff/${h.slug}/link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'ABCD-EFGH' }),
    });
    expect(link.status).toBe(401);
    // The simulator's staff picker (this harness's env has no LINE credentials: simulator mode).
    expect((await h.app.request(`/api/staff/${h.slug}/dev/staff`)).status).toBe(200);
  });
});
