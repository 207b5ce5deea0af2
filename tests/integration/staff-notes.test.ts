import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastNote } from '../../bot/cases/track';
import { caseUpdates, cases, outbox, staff, staffRoles } from '../../db/schema';
import type { StaffRole } from '../../shared/roles';
import { createHarness, type Harness } from '../helpers/harness';
import { divisionId, newLineUser, residentChat } from '../helpers/staff';

/** The internal note (issue 15): who may write it, and that it never reaches the resident. */
describe('internal notes on a case', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};

  async function addStaff(key: string, role: StaffRole, division: string | null) {
    const lineUserId = newLineUser();
    const [s] = await h.db
      .insert(staff)
      .values({ orgId: h.org.id, name: `ทดสอบ ${key}`, lineUserId, divisionId: division })
      .returning();
    await h.db
      .insert(staffRoles)
      .values({ orgId: h.org.id, staffId: s!.id, role, divisionId: division });
    tokens[key] = await h.fake.issueIdToken(lineUserId, 'simulator');
  }

  beforeAll(async () => {
    h = await createHarness();
    const works = await divisionId(h, 'works');
    await addStaff('officer', 'officer', works);
    await addStaff('other', 'officer', await divisionId(h, 'health'));
    await addStaff('executive', 'executive', null);
  });
  afterAll(() => h.close());

  const note = (who: string, id: string, body: unknown) =>
    h.app.request(`/api/staff/${h.slug}/cases/${id}/note`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('is stored as internal, changes nothing, queues nothing and is hidden from tracking', async () => {
    const resident = residentChat(h);
    await resident.streetLight();
    await h.queue.drain();
    const [c] = await h.db.select().from(cases).where(eq(cases.orgId, h.org.id));
    const before = await h.db.select().from(outbox).where(eq(outbox.target, resident.userId));
    const visible = await h.db.transaction((tx) => lastNote(tx, c!.id));

    const secret = 'ผู้แจ้งเป็นญาติของเจ้าหน้าที่ ห้ามแจ้งชื่อช่าง';
    const res = await note('officer', c!.id, { note: secret });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ notified: 0 });

    const [u] = await h.db
      .select()
      .from(caseUpdates)
      .where(and(eq(caseUpdates.caseId, c!.id), eq(caseUpdates.note, secret)));
    expect(u).toMatchObject({ internal: true, toState: null, authorKind: 'staff' });
    const [after] = await h.db.select().from(cases).where(eq(cases.id, c!.id));
    expect(after!.stateType).toBe(c!.stateType);
    expect(await h.db.select().from(outbox).where(eq(outbox.target, resident.userId))).toHaveLength(
      before.length,
    );
    // The resident's tracking answer still shows the last note meant for them.
    expect(await h.db.transaction((tx) => lastNote(tx, c!.id))).toBe(visible);

    // Refused: blank, another division (cannot see it), the executive (read-only), junk ids.
    expect((await note('officer', c!.id, { note: '   ' })).status).toBe(400);
    expect((await note('officer', c!.id, {})).status).toBe(400);
    expect((await note('other', c!.id, { note: 'x' })).status).toBe(404);
    expect((await note('executive', c!.id, { note: 'x' })).status).toBe(403);
    expect((await note('officer', 'not-a-uuid', { note: 'x' })).status).toBe(404);
  });
});
