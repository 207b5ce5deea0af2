import { and, eq, isNull } from 'drizzle-orm';
import { residents } from './schema';
import type { Queryable } from './types';

export type ResidentRow = typeof residents.$inferSelect;

type ResidentChanges = Partial<
  Pick<typeof residents.$inferInsert, 'followedAt' | 'unfollowedAt' | 'displayName' | 'consentAt'>
>;

/** Finds or creates the resident behind a LINE user id, applying `changes` (follow, unfollow). */
export async function upsertResident(
  q: Queryable,
  orgId: string,
  lineUserId: string,
  changes: ResidentChanges,
): Promise<ResidentRow> {
  const [row] = await q
    .insert(residents)
    .values({ orgId, lineUserId, ...changes })
    .onConflictDoUpdate({ target: [residents.orgId, residents.lineUserId], set: changes })
    .returning();
  return row!;
}

export async function residentById(q: Queryable, id: string): Promise<ResidentRow | undefined> {
  const [row] = await q.select().from(residents).where(eq(residents.id, id));
  return row;
}

/** Records that the resident was shown the privacy notice and went on (kept if already set). */
export async function recordConsent(q: Queryable, residentId: string, now: Date): Promise<void> {
  await q
    .update(residents)
    .set({ consentAt: now })
    .where(and(eq(residents.id, residentId), isNull(residents.consentAt)));
}

/** A resident forgotten (data deletion): the LINE id, name, consent and follow date go. */
export async function forgetResidentIdentity(q: Queryable, residentId: string): Promise<void> {
  await q
    .update(residents)
    .set({
      lineUserId: `deleted:${residentId}`,
      displayName: null,
      consentAt: null,
      followedAt: null,
    })
    .where(eq(residents.id, residentId));
}
