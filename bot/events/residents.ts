import { residents } from '../../db/schema';
import type { HandlerContext } from './types';

type ResidentChanges = Partial<
  Pick<typeof residents.$inferInsert, 'followedAt' | 'unfollowedAt' | 'displayName'>
>;

/**
 * Makes sure the resident behind a LINE user id exists, applying `changes` if any.
 * Without changes an existing row is left untouched (no write on every message).
 */
export async function upsertResident(
  ctx: HandlerContext,
  lineUserId: string,
  changes: ResidentChanges = {},
): Promise<void> {
  const insert = ctx.tx.insert(residents).values({ orgId: ctx.org.id, lineUserId, ...changes });
  await (Object.keys(changes).length
    ? insert.onConflictDoUpdate({ target: [residents.orgId, residents.lineUserId], set: changes })
    : insert.onConflictDoNothing({ target: [residents.orgId, residents.lineUserId] }));
}
