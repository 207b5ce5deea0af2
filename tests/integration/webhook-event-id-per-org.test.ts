import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, newWebhookEventId, webhookBody } from '../../bot/dev/events';
import { seedOrg, type OrgSeed } from '../../db/seed';
import demoOrg from '../../db/seed/demo-org.json' with { type: 'json' };
import { inboxEvents, orgs } from '../../db/schema';
import { importHmacKey, randomHex, signBody } from '../../shared/crypto';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

/**
 * LINE's webhookEventId is unique within a channel; two organisations (two channels) may
 * receive the same id. It is deduplicated per organisation only (decision 022).
 */
describe('webhookEventId is unique per organisation', () => {
  let h: Harness;
  let otherSlug: string;
  let otherOrgId: string;
  let postOther: (body: string) => Promise<Response>;

  beforeAll(async () => {
    h = await createHarness();
    otherSlug = `org-${randomHex(4)}`;
    const seeded = await seedOrg(h.db, { ...(demoOrg as OrgSeed), slug: otherSlug });
    otherOrgId = seeded.id;
    const channelSecret = randomHex(16);
    await h.db
      .update(orgs)
      .set({
        lineChannelSecretEnc: await h.deps.orgs.secrets.seal(channelSecret),
        lineAccessTokenEnc: await h.deps.orgs.secrets.seal(`test-token-${randomHex(8)}`),
      })
      .where(eq(orgs.id, otherOrgId));
    h.deps.orgs.invalidate();
    const key = await importHmacKey(channelSecret);
    postOther = async (body) =>
      h.app.request(`/webhook/${otherSlug}`, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          'X-Line-Signature': await signBody(key, body),
        },
      });
  });
  afterAll(() => h.close());

  const rowsFor = (webhookEventId: string) =>
    h.db
      .select({ orgId: inboxEvents.orgId, processedAt: inboxEvents.processedAt })
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, webhookEventId));

  it('stores and handles the same event id for two organisations, each once', async () => {
    const webhookEventId = newWebhookEventId();
    const userA = newUser();
    const userB = newUser();
    const eventFor = (userId: string, replyToken: string, isRedelivery = false) =>
      lineEvents.text({ userId, replyToken, webhookEventId, isRedelivery, text: 'สวัสดี' });
    const tokenA = h.fake.issueReplyToken(userA);
    const tokenB = h.fake.issueReplyToken(userB);

    expect((await h.deliver([eventFor(userA, tokenA)])).status).toBe(200);
    expect((await postOther(webhookBody([eventFor(userB, tokenB)]))).status).toBe(200);
    await h.queue.drain();

    const rows = await rowsFor(webhookEventId);
    expect(rows.map((r) => r.orgId).sort()).toEqual([h.org.id, otherOrgId].sort());
    expect(rows.every((r) => r.processedAt !== null)).toBe(true);
    expect(h.fake.messagesFor(userA)).toHaveLength(1);
    expect(h.fake.messagesFor(userB)).toHaveLength(1);

    // Redelivery is still deduplicated within each organisation.
    expect((await h.deliver([eventFor(userA, tokenA, true)])).status).toBe(200);
    expect((await postOther(webhookBody([eventFor(userB, tokenB, true)]))).status).toBe(200);
    await h.queue.drain();
    expect(await rowsFor(webhookEventId)).toHaveLength(2);
    expect(h.fake.messagesFor(userA)).toHaveLength(1);
    expect(h.fake.messagesFor(userB)).toHaveLength(1);
  });

  it('keeps both when the two organisations post the same id at the same moment', async () => {
    const webhookEventId = newWebhookEventId();
    const userA = newUser();
    const userB = newUser();
    const [a, b] = await Promise.all([
      h.post(
        webhookBody([
          lineEvents.text({
            userId: userA,
            replyToken: h.fake.issueReplyToken(userA),
            webhookEventId,
            text: 'พร้อมกัน',
          }),
        ]),
      ),
      postOther(
        webhookBody([
          lineEvents.text({
            userId: userB,
            replyToken: h.fake.issueReplyToken(userB),
            webhookEventId,
            text: 'พร้อมกัน',
          }),
        ]),
      ),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.queue.drain();
    const rows = await rowsFor(webhookEventId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.processedAt !== null)).toBe(true);
    expect(h.fake.messagesFor(userA)).toHaveLength(1);
    expect(h.fake.messagesFor(userB)).toHaveLength(1);
  });
});
