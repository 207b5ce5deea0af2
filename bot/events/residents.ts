import { sql } from 'drizzle-orm';
import { residents } from '../../db/schema';
import type { HandlerContext } from './types';

/** Finds or creates the resident behind a LINE user id, applying `changes` on the way. */
export async function upsertResident(
  ctx: HandlerContext,
  lineUserId: string,
  changes: Partial<Pick<typeof residents.$inferInsert, 'followedAt' | 'unfollowedAt' | 'displayName'>> = {},
) {
  const [row] = await ctx.tx
    .insert(residents)
    .values({ orgId: ctx.org.id, lineUserId, ...changes })
    .onConflictDoUpdate({
      target: [residents.orgId, residents.lineUserId],
      // Touch a column even without changes, so RETURNING gives the row back.
      set: Object.keys(changes).length ? changes : { lineUserId: sql`excluded.line_user_id` },
    })
    .returning();
  return row!;
}
