import { FaqCache } from '../../db/faq';
import type { Db } from '../../db/types';
import type { OrgConfig } from '../../shared/conversation/types';
import { faqLookup } from '../../shared/faq/match';

type FaqLookup = OrgConfig['faq'];

/**
 * One FAQ cache per database (a WeakMap, so a closed database takes its cache with it):
 * the index is built once per organisation and rebuilt when an import changes it.
 */
const caches = new WeakMap<Db, FaqCache>();

export function faqSource(db: Db): (orgId: string) => Promise<FaqLookup> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new FaqCache(db);
    caches.set(db, cache);
  }
  const c = cache;
  return async (orgId) => faqLookup(await c.get(orgId));
}

/** Rebuild an organisation's index on its next use in this process (after an admin edit). */
export function invalidateFaqCache(db: Db, orgId: string): void {
  caches.get(db)?.invalidate(orgId);
}
