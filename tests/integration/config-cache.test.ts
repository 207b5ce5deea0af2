import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCategory } from '../../db/admin-categories';
import { bumpConfigVersion } from '../../db/orgs';
import { lineEvents } from '../../bot/dev/events';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * The conversation's categories are built once per organisation and kept while its
 * config_version stays; an admin's change (which bumps it) reaches the very next
 * message, with no restart and no cache held by process state alone (issue 17, issue 14).
 */
describe('per-organisation category cache', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  let n = 0;
  const say = async (text: string) => {
    const userId = `U${String(++n).padStart(32, 'c')}`;
    const replyToken = h.fake.issueReplyToken(userId);
    expect((await h.deliver([lineEvents.text({ userId, replyToken, text })])).status).toBe(200);
    return JSON.stringify(h.fake.messagesFor(userId, 0).map((m) => m.message));
  };

  it('reuses the categories between messages and rebuilds them after an admin change', async () => {
    const cache = h.deps.services.categories;
    expect(await say('ไฟถนนหน้าวัดดับมาสามคืนแล้ว')).toContain('ไฟฟ้าส่องสว่าง');
    const builds = cache.builds;
    expect(await say('ไฟถนนหน้าโรงเรียนดับ')).toContain('ไฟฟ้าส่องสว่าง');
    expect(cache.builds).toBe(builds);

    // What the admin console's PATCH /categories/:code does.
    const r = await updateCategory(h.db, h.org.id, 'street_light', { name: 'ไฟทางสาธารณะ' });
    expect(r.ok).toBe(true);
    await bumpConfigVersion(h.db, h.org.id);
    const after = await say('ไฟถนนหน้าตลาดดับ');
    expect(after).toContain('ไฟทางสาธารณะ');
    expect(after).not.toContain('ไฟฟ้าส่องสว่าง');
    expect(cache.builds).toBe(builds + 1);
  });
});
