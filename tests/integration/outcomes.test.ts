/**
 * Proof of fix (issue 16, decision 040) through the real staff API, webhook and fake LINE:
 * finishing a report needs an "after" photo or a listed reason; a reused photo, a non-image,
 * a photo taken before filing and one over 10 MB are refused in Thai and the case stays open;
 * the resident gets before/after side by side, served without EXIF.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseOutcomes,
  caseProofPhotos,
  caseUpdates,
  cases,
  staff,
  staffRoles,
} from '../../db/schema';
import { conv } from '../../shared/text/th-conversation';
import { outcomes } from '../../shared/text/th-outcomes';
import { createHarness, type Harness } from '../helpers/harness';
import { makeJpeg } from '../helpers/jpeg';
import { lineEvents } from '../../bot/dev/events';
import { remindVerdicts } from '../../bot/outcomes/jobs';
import { divisionId, flush, newLineUser, residentChat } from '../helpers/staff';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const R = outcomes.refuse;
type Err = { error: { message: string } };

describe('proof of fix', () => {
  let h: Harness;
  let token: string;
  let staffId: string;
  let headLineUser: string;

  beforeAll(async () => {
    h = await createHarness();
    const works = await divisionId(h, 'works');
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: 'ช่างทดสอบ', lineUserId, divisionId: works })
      .returning();
    staffId = s!.id;
    await h.db
      .insert(staffRoles)
      .values({ orgId: h.org.id, staffId, role: 'division_head', divisionId: works });
    token = await h.fake.issueIdToken(lineUserId, 'simulator');
    headLineUser = lineUserId;
  });
  afterAll(() => h.close());

  const call = (path: string, body: unknown) =>
    h.app.request(`/api/staff/${h.slug}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function report() {
    const r = residentChat(h);
    h.advance(60_000);
    await r.streetLight();
    const [kase] = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id), eq(cases.kind, 'service_request')))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    await flush(h);
    h.advance(60_000);
    expect((await call(`/cases/${kase!.id}/accept`, {})).status).toBe(200);
    return { r, kase: kase! };
  }
  const finish = (id: string, extra: object) =>
    call(`/cases/${id}/state`, { to: 'finished', note: 'ซ่อมไฟแล้ว', ...extra });
  const stateOf = async (id: string) =>
    (await h.db.select().from(cases).where(eq(cases.id, id)))[0]!.stateType;

  it('refuses finishing a report without a photo, allows it with a listed reason', async () => {
    const { kase } = await report();
    const res = await finish(kase.id, {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as Err).error.message).toBe(R.photoRequired);
    expect(await stateOf(kase.id)).toBe('in_progress');
    const bad = await finish(kase.id, { waiver: 'lazy' });
    expect(bad.status).toBe(400);
    expect(await stateOf(kase.id)).toBe('in_progress');
    const ok = await finish(kase.id, { waiver: 'no_access' });
    expect(ok.status).toBe(200);
    expect(await stateOf(kase.id)).toBe('finished');
    const [o] = await h.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, kase.id));
    expect(o).toMatchObject({ waiver: 'no_access', verdict: null });
  });

  it('refuses a non-image, a photo taken before filing, one over 10 MB, and a reused photo', async () => {
    const { r, kase } = await report();
    const notImage = await finish(kase.id, {
      photos: [{ contentType: 'image/jpeg', data: b64(new TextEncoder().encode('%PDF-1.7')) }],
    });
    expect([notImage.status, ((await notImage.json()) as Err).error.message]).toEqual([
      400,
      R.notImage,
    ]);
    const early = await finish(kase.id, {
      photos: [
        { contentType: 'image/jpeg', data: b64(makeJpeg(21, { exif: '2020:01:01 10:00:00' })) },
      ],
    });
    expect(early.status).toBe(400);
    expect(((await early.json()) as Err).error.message).toContain('ก่อนที่ผู้แจ้งจะแจ้งเรื่อง');
    const huge = new Uint8Array(10 * 1024 * 1024 + 10);
    huge.set(makeJpeg(22));
    const big = await finish(kase.id, { photos: [{ contentType: 'image/jpeg', data: b64(huge) }] });
    expect([big.status, ((await big.json()) as Err).error.message]).toEqual([413, R.tooLarge]);
    expect(await stateOf(kase.id)).toBe('in_progress');

    // A good photo, with EXIF after filing: accepted, stored without EXIF.
    const now = h.deps.clock();
    const bkk = new Date(now.getTime() + 7 * 3600_000 + 60_000).toISOString();
    const exif = `${bkk.slice(0, 10).replace(/-/g, ':')} ${bkk.slice(11, 19)}`;
    const photo = makeJpeg(23, { exif });
    const ok = await finish(kase.id, { photos: [{ contentType: 'image/jpeg', data: b64(photo) }] });
    expect(ok.status).toBe(200);
    const rows = await h.db
      .select()
      .from(caseProofPhotos)
      .where(eq(caseProofPhotos.caseId, kase.id));
    expect(rows.map((x) => x.role).sort()).toEqual(['after', 'before']);
    const after = rows.find((x) => x.role === 'after')!;
    expect(after.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(after.takenAt).not.toBeNull();

    // The resident's card: before and after side by side, the verdict buttons; the photo
    // behind the card's URL carries no EXIF.
    await flush(h);
    const card = h.fake
      .messagesFor(r.userId)
      .map((m) => m.message as { type: string; contents?: unknown })
      .findLast((m) => m.type === 'flex');
    const json = JSON.stringify(card);
    expect(json).toContain(outcomes.resident.question);
    expect(json).toContain(`outcome:v:${kase.id}:not_fixed`);
    const urls = [...json.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    const served = await h.app.request(new URL(urls[1]!).pathname);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(Buffer.from(bytes).includes('SECRET-CAMERA-SERIAL')).toBe(false);
    expect(Buffer.from(photo).includes('SECRET-CAMERA-SERIAL')).toBe(true);
    expect((await h.app.request(`/proof/${h.slug}/${crypto.randomUUID()}`)).status).toBe(404);

    // The same scene, recompressed, on another case: refused as reused, case stays open.
    const second = await report();
    const again = await finish(second.kase.id, {
      photos: [{ contentType: 'image/jpeg', data: b64(makeJpeg(23, { quality: 50, shift: 4 })) }],
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Err).error.message).toBe(R.reused(kase.trackingCode));
    expect(await stateOf(second.kase.id)).toBe('in_progress');
    // A different photo is fine.
    const fresh = await finish(second.kase.id, {
      photos: [{ contentType: 'image/jpeg', data: b64(makeJpeg(25)) }],
    });
    expect(fresh.status).toBe(200);
  });

  const tap = async (userId: string, data: string) => {
    const seen = h.fake.messagesFor(userId).at(-1)?.seq ?? 0;
    await h.deliver([
      lineEvents.postback({ userId, replyToken: h.fake.issueReplyToken(userId), data }),
    ]);
    return h.fake.messagesFor(userId, seen).map((m) => (m.message as { text?: string }).text);
  };

  it("the resident's verdict: rating 1–5, others refused, 'not fixed' reopens and alerts", async () => {
    const { r, kase } = await report();
    const T = outcomes.resident;
    await flush(h);
    // Not finished yet: nothing to answer.
    expect(await tap(r.userId, `outcome:v:${kase.id}:fixed`)).toEqual([T.notFinished]);
    expect(
      (await finish(kase.id, { photos: [{ contentType: 'image/jpeg', data: b64(makeJpeg(31)) }] }))
        .status,
    ).toBe(200);
    await flush(h);
    expect(await tap(newLineUser(), `outcome:v:${kase.id}:fixed`)).toEqual([T.notYours]);
    expect(await tap(r.userId, `outcome:r:${kase.id}:7`)).toEqual([T.badRating]);
    expect(await tap(r.userId, `outcome:r:${kase.id}:0`)).toEqual([T.badRating]);
    expect(await tap(r.userId, `outcome:r:${kase.id}:4`)).toEqual([T.rated(kase.trackingCode, 4)]);
    const headSeen = h.fake.messagesFor(headLineUser).at(-1)?.seq ?? 0;
    h.advance(60_000);
    const reply = await tap(r.userId, `outcome:v:${kase.id}:not_fixed`);
    expect(reply.join()).toContain(kase.trackingCode);
    const [after] = await h.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(after).toMatchObject({ stateType: 'in_progress', reopenCount: 1 });
    const [o] = await h.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, kase.id));
    expect(o).toMatchObject({ verdict: 'not_fixed', rating: 4 });
    await flush(h);
    const alerts = h.fake.messagesFor(headLineUser, headSeen).map((m) => JSON.stringify(m.message));
    expect(alerts.join()).toContain(kase.trackingCode);

    // The bot asks for the resident's own words; they land on the timeline and reach the head.
    expect(reply.join()).toBe(conv.verdict.askNote(kase.trackingCode));
    const headSeen2 = h.fake.messagesFor(headLineUser).at(-1)?.seq ?? 0;
    const seen = h.fake.messagesFor(r.userId).at(-1)?.seq ?? 0;
    await r.say('ไฟยังดับอยู่ 2 ต้น ตรงหน้าโรงเรียน');
    expect(
      h.fake.messagesFor(r.userId, seen).map((m) => (m.message as { text?: string }).text),
    ).toEqual([conv.verdict.kept(kase.trackingCode)]);
    const notes = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, kase.id));
    expect(notes.map((u) => u.note)).toContain(
      conv.verdict.timeline('ไฟยังดับอยู่ 2 ต้น ตรงหน้าโรงเรียน'),
    );
    const [o2] = await h.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, kase.id));
    expect(o2!.verdictNote).toBe('ไฟยังดับอยู่ 2 ต้น ตรงหน้าโรงเรียน');
    await flush(h);
    const noteAlert = h.fake
      .messagesFor(headLineUser, headSeen2)
      .map((m) => JSON.stringify(m.message))
      .join();
    expect(noteAlert).toContain('ไฟยังดับอยู่ 2 ต้น ตรงหน้าโรงเรียน');
    // The next words are an ordinary conversation again, not another note.
    const before = (await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, kase.id)))
      .length;
    await r.say('สวัสดี');
    expect(
      (await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, kase.id))).length,
    ).toBe(before);
  });

  it('one reminder 7 days after a finish without an answer; a second run sends nothing', async () => {
    const { r, kase } = await report();
    expect(
      (await finish(kase.id, { photos: [{ contentType: 'image/jpeg', data: b64(makeJpeg(41)) }] }))
        .status,
    ).toBe(200);
    await flush(h);
    expect(await remindVerdicts(h.deps)).toBe(0);
    h.advance(7 * 86_400_000 + 1000);
    const seen = h.fake.messagesFor(r.userId).at(-1)?.seq ?? 0;
    expect(await remindVerdicts(h.deps)).toBeGreaterThanOrEqual(1);
    expect(await remindVerdicts(h.deps)).toBe(0);
    await flush(h);
    const got = h.fake
      .messagesFor(r.userId, seen)
      .map((m) => (m.message as { text?: string }).text);
    expect(got).toEqual([outcomes.resident.reminder(kase.trackingCode)]);
    h.advance(30 * 86_400_000);
    expect(await remindVerdicts(h.deps)).toBe(0);
  });

  it('outcomes add up, the same in the dashboard API and the public statistics', async () => {
    // Every case filed by the tests above is in this fiscal year: count them both ways.
    const [exec] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: 'ผู้บริหาร', lineUserId: newLineUser() })
      .returning();
    await h.db.insert(staffRoles).values({ orgId: h.org.id, staffId: exec!.id, role: 'executive' });
    const execToken = await h.fake.issueIdToken(exec!.lineUserId!, 'simulator');
    const dash = await h.app.request(`/api/staff/${h.slug}/dashboard`, {
      headers: { Authorization: `Bearer ${execToken}` },
    });
    expect(dash.status).toBe(200);
    const d = (await dash.json()) as {
      outcomes: { total: number; byOutcome: Record<string, number>; onTime: number };
    };
    const pub = await h.app.request(`/public/${h.slug}/outcomes.json`);
    expect(pub.status).toBe(200);
    const p = (await pub.json()) as typeof d.outcomes & { labels: Record<string, string> };
    expect(p.byOutcome).toEqual(d.outcomes.byOutcome);
    const all = await h.db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, h.org.id)));
    const notCorruption = all.filter((c) => c.kind !== 'corruption');
    expect(p.total).toBe(notCorruption.length);
    expect(Object.values(p.byOutcome).reduce((a, b) => a + b, 0)).toBe(p.total);
    // From the tests above: one finished with a listed reason (no access), one reopened by
    // its resident's "not fixed", and photo-proven fixes nobody has confirmed yet.
    expect(p.byOutcome.not_actionable).toBeGreaterThanOrEqual(1);
    expect(p.byOutcome.not_fixed).toBe(1);
    expect(p.byOutcome.fixed_unconfirmed).toBeGreaterThanOrEqual(2);
    expect(p.labels.not_fixed).toBe(outcomes.kinds.not_fixed);
    expect(JSON.stringify(p)).not.toMatch(/FS-\d{4}|U[0-9a-f]{32}/);
  });
});
