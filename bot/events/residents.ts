import { residents } from '../../db/schema';
import type { HandlerContext } from './types';

type ResidentChanges = Partial<
  Pick<typeof residents.$inferInsert, 'followedAt' | 'unfollowedAt' | 'displayName' | 'consentAt'>
>;

/** Finds or creates the resident behind a LINE user id, applying `changes`. */
export async function upsertResident(
  ctx: HandlerContext,
  lineUserId: string,
  changes: ResidentChanges,
): Promise<typeof residents.$inferSelect> {
  const [row] = await ctx.tx
    .insert(residents)
    .values({ orgId: ctx.org.id, lineUserId, ...changes })
    .onConflictDoUpdate({ target: [residents.orgId, residents.lineUserId], set: changes })
    .returning();
  return row!;
}
