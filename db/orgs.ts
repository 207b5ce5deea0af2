import { eq, sql } from 'drizzle-orm';
import { orgs } from './schema';
import type { Queryable } from './types';

/**
 * Marks an organisation's configuration (settings, FAQ, categories) as changed: every
 * process and isolate rebuilds its caches for it on the next request that loads the
 * organisation. Call it in the same transaction as the change. Returns the new version.
 */
export async function bumpConfigVersion(db: Queryable, orgId: string): Promise<number> {
  const [row] = await db
    .update(orgs)
    .set({ configVersion: sql`${orgs.configVersion} + 1` })
    .where(eq(orgs.id, orgId))
    .returning({ configVersion: orgs.configVersion });
  if (!row) throw new Error(`organisation ${orgId} not found`);
  return row.configVersion;
}
