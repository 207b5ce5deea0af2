import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  divisionDigestCounts,
  lateCaseCandidates,
  weeklyCaseCounts,
  type CaseRow,
} from '../../db/cases';
import { divisionsOfOrg } from '../../db/admin-divisions';
import { cases } from '../../db/schema';
import { seedOrg } from '../../db/seed';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * The figures of the staff digests and the SLA job's first cut (db/cases.ts), on cases with
 * known times in an organisation of their own.
 */
describe('case counts for the digests and the SLA job', () => {
  let h: Harness;
  let orgId: string;
  let works: string;
  let health: string;
  const now = new Date('2026-03-02T09:00:00+07:00');
  const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness();
    orgId = (
      await seedOrg(h.db, {
        slug: `counts-${crypto.randomUUID().slice(0, 8)}`,
        name: 'อบต.นับเรื่อง',
        divisions: [
          { code: 'works', name: 'กองช่าง' },
          { code: 'health', name: 'กองสาธารณสุข' },
        ],
        staff: [],
      })
    ).id;
    const divs = await divisionsOfOrg(h.db, orgId);
    works = divs.find((d) => d.code === 'works')!.id;
    health = divs.find((d) => d.code === 'health')!.id;
    const add = async (key: string, v: Partial<CaseRow>) => {
      const [row] = await h.db
        .insert(cases)
        .values({
          orgId,
          trackingCode: `FS-C-${key}-${crypto.randomUUID().slice(0, 4)}`,
          kind: 'service_request',
          stateType: 'waiting',
          stateLabel: 'รอรับเรื่อง',
          divisionId: works,
          createdAt: hours(-48),
          ...v,
        })
        .returning({ id: cases.id });
      ids[key] = row!.id;
    };
    await add('newToday', { createdAt: hours(-2), dueAt: hours(100), acceptDueAt: hours(20) });
    await add('overdue', { stateType: 'in_progress', dueAt: hours(-5) });
    await add('dueToday', { stateType: 'in_progress', dueAt: hours(3) });
    await add('acceptLate', { dueAt: hours(100), acceptDueAt: hours(-1) });
    await add('finishedLate', {
      stateType: 'finished',
      dueAt: hours(-30),
      finishedAt: hours(-3),
    });
    await add('old', { createdAt: hours(-24 * 20), stateType: 'in_progress', dueAt: hours(200) });
    await add('oldExplained', {
      createdAt: hours(-24 * 20),
      stateType: 'in_progress',
      dueAt: hours(200),
      explanationRequestedAt: hours(-24),
    });
    await add('corruption', { kind: 'corruption', createdAt: hours(-1), dueAt: hours(-1) });
    await add('health', { divisionId: health, createdAt: hours(-1), dueAt: hours(-1) });
  });
  afterAll(() => h.close());

  it('the morning digest: new since yesterday, overdue and due today, open cases, no corruption', async () => {
    const endToday = new Date('2026-03-02T23:59:59.999+07:00');
    expect(
      await divisionDigestCounts(h.db, orgId, works, { since: hours(-24), now, endToday }),
    ).toEqual({ new: 1, overdue: 1, dueToday: 1 });
    expect(
      await divisionDigestCounts(h.db, orgId, health, { since: hours(-24), now, endToday }),
    ).toEqual({ new: 1, overdue: 1, dueToday: 0 });
  });

  it('the weekly summary: filed and finished this week, open and overdue now (corruption counted)', async () => {
    expect(await weeklyCaseCounts(h.db, orgId, { from: hours(-24 * 7), now })).toEqual({
      // All but the two 20-day-old cases; corruption is counted in the totals.
      filed: 7,
      finished: 1,
      open: 8,
      // overdue, corruption and health (past their finish limit); acceptLate is not.
      overdue: 3,
    });
  });

  it('the SLA job looks at open cases past a limit, or old enough to need an explanation', async () => {
    const found = (await lateCaseCandidates(h.db, now))
      .filter((c) => c.orgId === orgId)
      .map((c) => c.id)
      .sort();
    const expected = ['overdue', 'acceptLate', 'old', 'corruption', 'health'].map((k) => ids[k]!);
    expect(found).toEqual(expected.sort());
  });
});
