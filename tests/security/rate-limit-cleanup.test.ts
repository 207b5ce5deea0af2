import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRON_JOBS, jobs } from '../../bot/jobs';
import { rateLimits } from '../../db/schema';
import { createHarness, type Harness } from '../helpers/harness';

/** Issue 12: rate_limits rows were never deleted; a job now removes the dead ones. */
describe('rate-limit cleanup job', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('deletes dead windows, expired form tokens and month-old lockouts, and keeps the live ones', async () => {
    const now = h.deps.clock().getTime();
    const ago = (ms: number) => new Date(now - ms);
    const H = 3_600_000;
    await h.db.insert(rateLimits).values([
      { key: 'web:track:o:old', windowStart: ago(25 * H), count: 3 },
      { key: 'web:track:o:live', windowStart: ago(H / 2), count: 3 },
      { key: 'formtoken:old', windowStart: ago(5 * H), count: 1 },
      { key: 'formtoken:live', windowStart: ago(H), count: 1 },
      { key: 'pinlock:o:FS-0000-OLD1', windowStart: ago(31 * 24 * H), count: 9 },
      { key: 'pinlock:o:FS-0000-LIV1', windowStart: ago(2 * 24 * H), count: 9 },
    ]);
    const deleted = await jobs['rate-limit-cleanup'](h.deps);
    expect(deleted).toBeGreaterThanOrEqual(3);
    const left = (await h.db.select().from(rateLimits)).map((r) => r.key);
    expect(left).toEqual(
      expect.arrayContaining(['web:track:o:live', 'formtoken:live', 'pinlock:o:FS-0000-LIV1']),
    );
    expect(left).not.toEqual(expect.arrayContaining(['web:track:o:old']));
    for (const k of ['web:track:o:old', 'formtoken:old', 'pinlock:o:FS-0000-OLD1'])
      expect(left).not.toContain(k);
    // Runs on Node's timers and on the Workers cron.
    expect(Object.values(CRON_JOBS).flat()).toContain('rate-limit-cleanup');
  });
});
