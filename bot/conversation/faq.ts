import type { Db } from '../../db/types';
import type { OrgConfig } from '../../shared/conversation/types';

type FaqLookup = OrgConfig['faq'];
const NONE: FaqLookup = { match: () => ({ kind: 'none' }), byId: () => undefined };

/**
 * The FAQ lookups for an organisation, as the conversation sees them. One cache per
 * database (a WeakMap, so a closed database takes its cache with it).
 */
const caches = new WeakMap<Db, (orgId: string) => Promise<FaqLookup>>();

export function faqSource(db: Db): (orgId: string) => Promise<FaqLookup> {
  let source = caches.get(db);
  if (!source) {
    source = async () => NONE;
    caches.set(db, source);
  }
  return source;
}
