import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import { webhookEventSchema } from '../../shared/line/webhook';
import worker, { syncDefaultOrgCredentials } from '../../bot/entry.worker';
import { parseEnv } from '../../bot/env';
import { CRON_JOBS } from '../../bot/jobs';
import { silentLogger } from '../../bot/logger';
import { SecretBox } from '../../bot/orgs';
import { enqueuePush } from '../../bot/pipeline/outbox';
import { inboxEvents, orgs, outbox, outboxAttempts, staff, staffRoles } from '../../db/schema';
import { th } from '../../shared/text/th';
import { callWorker, fakeLine, newUserId, postWebhook, testDb } from './helpers';
import type {} from './provided-context';

/** The default organisation, which the Worker creates from its secrets on its first request. */
async function defaultOrg() {
  await exports.default.fetch('https://fangsiang.test/healthz');
  return storedDefaultOrg();
}

async function storedDefaultOrg() {
  const [org] = await testDb().select().from(orgs).where(eq(orgs.slug, env.DEFAULT_ORG_SLUG));
  return org!;
}

async function runCron(cron: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('webhook inside workerd, PostgreSQL through Hyperdrive', () => {
  it('runs in workerd and reaches PostgreSQL through the Hyperdrive binding', () => {
    const { navigator } = globalThis as { navigator?: { userAgent?: string } };
    expect(navigator?.userAgent).toBe('Cloudflare-Workers');
    expect(new URL(env.HYPERDRIVE.connectionString).hostname).toMatch(/\.hyperdrive\.local$/);
  });

  it('signed webhook → inbox → processing under waitUntil → reply through the outbox', async () => {
    const userId = newUserId();
    const replyToken = await fakeLine.replyToken(userId);
    const event = lineEvents.follow({ userId, replyToken });

    const res = await postWebhook(webhookBody([event]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});

    // The default organisation was created and given the Worker secrets on first use.
    const org = await defaultOrg();
    expect(org.lineChannelSecretEnc).toMatch(/^v1\./);

    const db = testDb();
    const [row] = await db
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, event.webhookEventId));
    expect(row?.orgId).toBe(org.id);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.lastError).toBeNull();

    const [reply] = await db.select().from(outbox).where(eq(outbox.sourceInboxId, row!.id));
    expect(reply).toMatchObject({ kind: 'reply', state: 'sent', attempts: 1 });

    const delivered = await fakeLine.delivered(userId);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((m) => m.via === 'reply')).toBe(true);
  });

  it('runs a resident text message through the conversation and answers it', async () => {
    const userId = newUserId();
    const event = lineEvents.text({
      userId,
      replyToken: await fakeLine.replyToken(userId),
      text: 'สวัสดีครับ',
    });
    expect((await postWebhook(webhookBody([event]))).status).toBe(200);
    const [row] = await testDb()
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, event.webhookEventId));
    expect(row?.lastError).toBeNull();
    expect(row?.processedAt).not.toBeNull();
    expect((await fakeLine.delivered(userId)).map((m) => m.via)).toContain('reply');
  });

  it('stores and answers a redelivered event once', async () => {
    const userId = newUserId();
    const event = lineEvents.follow({ userId, replyToken: await fakeLine.replyToken(userId) });
    const body = webhookBody([event]);
    expect((await postWebhook(body)).status).toBe(200);
    const first = (await fakeLine.delivered(userId)).length;
    expect((await postWebhook(body)).status).toBe(200);

    const rows = await testDb()
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, event.webhookEventId));
    expect(rows).toHaveLength(1);
    expect(first).toBeGreaterThan(0);
    expect(await fakeLine.delivered(userId)).toHaveLength(first);
  });

  it('answers 401 to a wrong signature and stores nothing', async () => {
    const event = lineEvents.follow({ userId: newUserId() });
    const res = await postWebhook(webhookBody([event]), {
      signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    });
    expect(res.status).toBe(401);
    const rows = await testDb()
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.webhookEventId, event.webhookEventId));
    expect(rows).toHaveLength(0);
  });

  it('serves /webhook/:org by slug and /healthz through the bound Worker (exports.default)', async () => {
    const health = await exports.default.fetch('https://fangsiang.test/healthz');
    expect(await health.json()).toEqual({ ok: true, db: 'postgres' });
    const unknown = await exports.default.fetch('https://fangsiang.test/webhook/no-such-org', {
      method: 'POST',
      body: '{}',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('staff alerts inside workerd', () => {
  it('a new complaint alerts the clerk’s office from the webhook’s own waitUntil, not the cron', async () => {
    const org = await defaultOrg();
    const db = testDb();
    const clerk = newUserId();
    const [person] = await db
      .insert(staff)
      .values({ orgId: org.id, name: 'ปลัดทดสอบ', lineUserId: clerk })
      .returning();
    await db
      .insert(staffRoles)
      .values({ orgId: org.id, staffId: person!.id, role: 'clerk_office' });

    const userId = newUserId();
    const send = async (event: object) =>
      expect((await postWebhook(webhookBody([event]))).status).toBe(200);
    const say = async (text: string) =>
      send(lineEvents.text({ userId, replyToken: await fakeLine.replyToken(userId), text }));
    await send(
      lineEvents.postback({
        userId,
        replyToken: await fakeLine.replyToken(userId),
        data: 'menu:complain',
      }),
    );
    for (const text of ['เจ้าหน้าที่พูดจาไม่สุภาพ', 'ไปติดต่อขอใบอนุญาตเมื่อวานนี้', 'งานทะเบียน', th.conv.skip])
      await say(text);
    // The confirming message: its request's waitUntil files the case and sends the alert.
    const started = Date.now();
    await say(th.conv.confirm);
    const ms = Date.now() - started;

    const alerts = (await fakeLine.requests('/v2/bot/message/push')).filter(
      (r) => (r.body as { to?: string }).to === clerk,
    );
    expect(alerts).toHaveLength(1);
    console.log(`workerd: confirm → clerk's alert sent within the request's waitUntil, ${ms} ms`);
    expect(ms).toBeLessThan(5000);
  });
});

describe('Cron Triggers inside workerd', () => {
  it('a scheduled run sends a queued push with the row id as X-Line-Retry-Key', async () => {
    const org = await defaultOrg();
    const to = newUserId();
    const id = await enqueuePush(testDb(), {
      orgId: org.id,
      to,
      messages: [{ type: 'text', text: 'แจ้งเตือนจากเทศบาล' }],
      now: new Date(),
    });

    await runCron('* * * * *');

    const db = testDb();
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    const attempts = await db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id));
    expect(attempts.map((a) => a.status)).toEqual([200]);
    const pushes = (await fakeLine.requests('/v2/bot/message/push')).filter(
      (r) => (r.body as { to?: string }).to === to,
    );
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.headers['x-line-retry-key']).toBe(id);
    expect(pushes[0]!.headers.authorization).toBe(`Bearer ${env.LINE_CHANNEL_ACCESS_TOKEN}`);
  });

  it('a scheduled run sweeps an event that was stored but never processed', async () => {
    const org = await defaultOrg();
    const userId = newUserId();
    const event = lineEvents.follow({ userId });
    const longAgo = new Date(Date.now() - 5 * 60_000);
    const [row] = await testDb()
      .insert(inboxEvents)
      .values({
        orgId: org.id,
        webhookEventId: event.webhookEventId,
        eventType: event.type,
        sourceId: userId,
        isRedelivery: false,
        raw: webhookEventSchema.parse(event),
        eventTimestamp: event.timestamp,
        receivedAt: longAgo,
        nextAttemptAt: longAgo,
      })
      .returning();

    await runCron('* * * * *');

    const [after] = await testDb()
      .select()
      .from(inboxEvents)
      .where(and(eq(inboxEvents.id, row!.id)));
    expect(after?.processedAt).not.toBeNull();
    // No reply token: the greeting goes as a push.
    const delivered = await fakeLine.delivered(userId);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((m) => m.via === 'push')).toBe(true);
  });

  it('every cron in wrangler.toml runs jobs, and every mapped cron is in wrangler.toml', () => {
    const configured = inject('wranglerCrons');
    for (const [envName, crons] of Object.entries(configured)) {
      expect(crons.length, envName).toBeGreaterThan(0);
      for (const cron of crons) expect(CRON_JOBS[cron], `${envName}: ${cron}`).toBeDefined();
    }
    const all = new Set(Object.values(configured).flat());
    for (const cron of Object.keys(CRON_JOBS)) expect(all.has(cron), cron).toBe(true);
  });

  it('an unknown cron runs nothing and does not throw', async () => {
    await expect(runCron('7 7 7 7 7')).resolves.toBeUndefined();
  });
});

describe('default organisation credentials from Worker secrets', () => {
  it('creates a missing organisation once when a cold isolate serves requests at once', async () => {
    const box = await SecretBox.fromAppSecret(env.APP_SECRET);
    const slug = `race-${crypto.randomUUID().slice(0, 8)}`;
    const fresh = { ...parseEnv({ ...env, DATABASE_URL: undefined }), DEFAULT_ORG_SLUG: slug };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        syncDefaultOrgCredentials(testDb(), box, fresh, silentLogger),
      ),
    );
    // Which call writes first is a race; later ones may already find the same secrets.
    expect(results).toContain('written');
    expect(results.every((r) => r === 'written' || r === 'unchanged')).toBe(true);
    const rows = await testDb().select().from(orgs).where(eq(orgs.slug, slug));
    expect(rows).toHaveLength(1);
    expect(await box.open(rows[0]!.lineChannelSecretEnc!)).toBe(env.LINE_CHANNEL_SECRET);
  });

  it('writes changed secrets once and leaves unchanged ones alone', async () => {
    const db = testDb();
    const box = await SecretBox.fromAppSecret(env.APP_SECRET);
    const base = parseEnv({ ...env, DATABASE_URL: undefined });
    const rotated = { ...base, LINE_CHANNEL_ACCESS_TOKEN: 'rotated-token' };

    expect(await syncDefaultOrgCredentials(db, box, rotated, silentLogger)).toBe('written');
    expect(await box.open((await storedDefaultOrg()).lineAccessTokenEnc!)).toBe('rotated-token');
    // The same secrets again: remembered for this isolate, no query at all.
    expect(await syncDefaultOrgCredentials(db, box, rotated, silentLogger)).toBe('unchanged');

    expect(await syncDefaultOrgCredentials(db, box, base, silentLogger)).toBe('written');
    expect(await box.open((await storedDefaultOrg()).lineAccessTokenEnc!)).toBe(
      env.LINE_CHANNEL_ACCESS_TOKEN,
    );
  });
});
