import { and, asc, eq } from 'drizzle-orm';
import { serviceCategories } from './schema';
import type { Queryable } from './types';

export type CategoryRow = typeof serviceCategories.$inferSelect;

/** The organisation's active case categories (of one kind, if given), in the order residents see them. */
export function activeCategories(
  q: Queryable,
  orgId: string,
  kind?: CategoryRow['kind'],
): Promise<CategoryRow[]> {
  return q
    .select()
    .from(serviceCategories)
    .where(
      and(
        eq(serviceCategories.orgId, orgId),
        eq(serviceCategories.active, true),
        kind ? eq(serviceCategories.kind, kind) : undefined,
      ),
    )
    .orderBy(asc(serviceCategories.sort));
}
