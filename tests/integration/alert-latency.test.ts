import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness';
import { linkDemoStaff, residentChat } from '../helpers/staff';

/**
 * Issue 17: a new complaint's staff alert leaves right after the filing commits, not on
 * the outbox sender's next tick. No job timer runs in the harness and nothing calls the
 * sender here: the alert must be at the fake LINE Platform once the event is processed.
 */
describe('staff alert latency', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof linkDemoStaff>>;
  beforeAll(async () => {
    h = await createHarness();
    people = await linkDemoStaff(h);
  });
  afterAll(() => h.close());

  it('sends the alert right after the commit, without waiting for the outbox timer', async () => {
    const clerk = people.get('ปลัดเทศบาล')!;
    const before = h.fake.delivered.at(-1)?.seq ?? 0;
    const started = performance.now();
    await residentChat(h).complaint(); // each step: signed webhook, then the queue drains
    const got = h.fake.messagesFor(clerk.lineUserId, before);
    expect(got).toHaveLength(1);
    expect(got[0]!.via).toBe('push');
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
