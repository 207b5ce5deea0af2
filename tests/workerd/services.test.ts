import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import worker, { servicesOfThisIsolate } from '../../bot/entry.worker';
import { bumpConfigVersion } from '../../db/orgs';
import { cases, orgs, outbox, staff, staffRoles } from '../../db/schema';
import { fakeLine, newUserId, postWebhook, testDb } from './helpers';
import type {} from './provided-context';

/**
 * The isolate's services (bot/services.ts) are built once by bot/entry.worker.ts and reused
 * by every request and Cron Trigger: console links from PUBLIC_BASE_URL even in a cron that
 * is the isolate's first call, one FAQ index per organisation, one ID-token cache.
 */
const PUBLIC = 'https://fangsiang.example.go.th';

async function defaultOrg() {
  await worker.fetch(new Request('https://fangsiang.test/healthz'), env, createExecutionContext());
  const [org] = await testDb().select().from(orgs).where(eq(orgs.slug, env.DEFAULT_ORG_SLUG));
  return org!;
}

describe('services built once per isolate', () => {
  it('a Cron Trigger renders SLA alert links with PUBLIC_BASE_URL, not localhost', async () => {
    const org = await defaultOrg();
    const db = testDb();
    const lineUserId = newUserId();
    const [clerk] = await db
      .insert(staff)
      .values({ orgId: org.id, name: 'งานสารบรรณ', lineUserId })
      .returning();
    await db.insert(staffRoles).values({ orgId: org.id, staffId: clerk!.id, role: 'clerk_office' });
    const hourAgo = new Date(Date.now() - 3_600_000);
    const [late] = await db
      .insert(cases)
      .values({
        orgId: org.id,
        trackingCode: `FS-WKD-${crypto.randomUUID().slice(0, 6)}`,
        kind: 'complaint',
        stateLabel: 'รอรับเรื่อง',
        dueAt: hourAgo,
        acceptDueAt: hourAgo,
      })
      .returning();

    // The cron, with the bindings a deployment with PUBLIC_BASE_URL (and no LIFF_ID) has.
    const bindings = { ...env, PUBLIC_BASE_URL: PUBLIC };
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }),
      bindings,
      ctx,
    );
    await waitOnExecutionContext(ctx);

    const [pushed] = await db.select().from(outbox).where(eq(outbox.target, lineUserId));
    const text = JSON.stringify(pushed?.messages);
    expect(text).toContain(`${PUBLIC}/liff/console.html?case=${late!.id}`);
    expect(text).not.toContain('localhost');
  });

  it('reuses one FAQ index across webhook requests, and rebuilds it after a config_version bump', async () => {
    const org = await defaultOrg();
    const say = async (text: string) => {
      const userId = newUserId();
      const event = lineEvents.text({
        userId,
        replyToken: await fakeLine.replyToken(userId),
        text,
      });
      expect((await postWebhook(webhookBody([event]))).status).toBe(200);
    };
    await say('สวัสดีครับ');
    const services = servicesOfThisIsolate();
    expect(services).not.toBeNull();
    const builds = services!.faq.builds;
    await say('เก็บขยะวันไหน');
    await say('สวัสดีครับ');
    expect(servicesOfThisIsolate()).toBe(services);
    expect(services!.faq.builds).toBe(builds);

    await bumpConfigVersion(testDb(), org.id);
    await say('สวัสดีครับ');
    expect(services!.faq.builds).toBe(builds + 1);
  });

  it('verifies a LIFF ID token with LINE once for all route families in the isolate', async () => {
    const org = await defaultOrg();
    const bindings = { ...env, LIFF_ID: '2001234567-workerd' };
    const res = await fetch(`${inject('lineUrl')}/liff-mock/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: newUserId(), clientId: '2001234567' }),
    });
    const { idToken } = (await res.json()) as { idToken: string };
    const call = async (path: string) => {
      const ctx = createExecutionContext();
      const r = await worker.fetch(
        new Request(`https://fangsiang.test${path}`, {
          headers: { authorization: `Bearer ${idToken}` },
        }),
        bindings,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return r.status;
    };
    const verifyCalls = async () => (await fakeLine.requests('/oauth2/v2.1/verify')).length;
    const before = await verifyCalls();
    // Not staff: 403 after the token was verified (a bad token would be 401).
    expect(await call(`/api/staff/${org.slug}/me`)).toBe(403);
    const services = servicesOfThisIsolate()!;
    const verified = services.idTokens.verifications;
    expect(await call(`/api/survey/${org.slug}/staff/rounds`)).toBe(403);
    expect(await call(`/api/staff/${org.slug}/me`)).toBe(403);
    expect(servicesOfThisIsolate()).toBe(services);
    expect(services.idTokens.verifications).toBe(verified);
    expect((await verifyCalls()) - before).toBe(1);
  });
});
