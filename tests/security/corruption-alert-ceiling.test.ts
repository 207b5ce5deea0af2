import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCorruptionDigests } from '../../bot/staff/corruption-digest';
import { cases, orgs } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';
import { flush, linkDemoStaff, residentChat } from '../helpers/staff';

type Msg = { type: string; text?: string; altText?: string };

/**
 * Issue 12: a flood of corruption cases cannot fill the integrity officers' chat. Over the
 * hourly ceiling, cases are held and listed — every one — in one digest push.
 */
describe('corruption alert ceiling', () => {
  let h: Harness;
  let officer: string;
  beforeAll(async () => {
    h = await createHarness();
    const people = await linkDemoStaff(h);
    await h.db
      .update(orgs)
      .set({ settings: { ...(h.org.settings ?? {}), corruptionAlertsPerHour: 2 } })
      .where(eq(orgs.id, h.org.id));
    h.deps.orgs.invalidate();
    officer = (await integrityOfficer(h, people))!;
  });
  afterAll(() => h.close());

  it('five cases with a ceiling of two: two single alerts, then one digest listing the other three', async () => {
    const before = h.fake.delivered.at(-1)?.seq ?? 0;
    for (let i = 0; i < 5; i++) {
      await residentChat(h).corruption();
      h.advance(1000);
    }
    await flush(h);
    const filed = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, 'corruption')))
      .orderBy(cases.createdAt);
    expect(filed).toHaveLength(5);
    const singles = () =>
      h.fake.messagesFor(officer, before).filter((m) => (m.message as Msg).type === 'flex');
    expect(singles()).toHaveLength(2);
    for (const c of filed.slice(0, 2))
      expect(JSON.stringify(singles().map((m) => m.message))).toContain(c.trackingCode);

    expect((await runCorruptionDigests(h.deps)).queued).toBe(1);
    await flush(h);
    const texts = h.fake
      .messagesFor(officer, before)
      .map((m) => m.message as Msg)
      .filter((m) => m.type === 'text');
    expect(texts).toHaveLength(1);
    const digest = texts[0]!.text!;
    expect(digest).toContain(th.staff.alert.corruptionDigest(2, 3));
    for (const c of filed.slice(2)) expect(digest).toContain(c.trackingCode);
    for (const c of filed.slice(0, 2)) expect(digest).not.toContain(c.trackingCode);

    // Nothing twice: the next run has nothing to send.
    expect((await runCorruptionDigests(h.deps)).queued).toBe(0);

    // A case held within the hour of a digest waits for the hour, then comes alone.
    await residentChat(h).corruption();
    await flush(h);
    expect(singles()).toHaveLength(2);
    expect((await runCorruptionDigests(h.deps)).queued).toBe(0);
    h.advance(3_601_000);
    // An hour later the ceiling has room again: a new case is alerted one by one.
    await residentChat(h).corruption();
    await flush(h);
    expect(singles()).toHaveLength(3);
    expect((await runCorruptionDigests(h.deps)).queued).toBe(1);
    await flush(h);
    const last = h.fake
      .messagesFor(officer, before)
      .map((m) => m.message as Msg)
      .filter((m) => m.type === 'text')
      .at(-1)!.text!;
    expect(last).toContain(th.staff.alert.corruptionDigest(2, 1));
  });
});

async function integrityOfficer(
  h: Harness,
  people: Map<string, { id: string; lineUserId: string }>,
): Promise<string | undefined> {
  const { staffTargets } = await import('../../db/staff');
  const t = await staffTargets(h.db, h.org.id, ['integrity_officer']);
  expect(t).toHaveLength(1);
  return [...people.values()].find((p) => p.lineUserId === t[0]!.lineUserId)?.lineUserId;
}
