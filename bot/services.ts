import { buildFaqIndex, faqLookup, type FaqIndex } from '../shared/faq/match';
import type { OrgConfig } from '../shared/conversation/types';
import { faqVersion, loadFaqEntries } from '../db/faq';
import type { Queryable } from '../db/types';
import type { Env } from './env';
import { IdTokenVerifier } from './line/id-token';
import type { Logger } from './logger';
import { QuotaCache } from './staff/quota';

/**
 * What lives as long as the process (Node) or the isolate (Workers): built once by the
 * entry file (bot/entry.node.ts through bot/node-server.ts, bot/entry.worker.ts) and
 * shared by every request and job. Nothing here holds a database client: a Worker has a
 * new one per request, so caches take the `db` per call. Per-organisation caches are
 * keyed by `orgs.config_version` (db/orgs.ts bumpConfigVersion), read with the org row.
 */
export interface Services {
  /** Links into the staff console (LIFF_ID, else PUBLIC_BASE_URL). */
  links: StaffLinks;
  /** The one LIFF ID-token verifier, cache keyed by channel and token. */
  idTokens: IdTokenVerifier;
  /** FAQ indexes per organisation. */
  faq: FaqIndexes;
  /** LINE push-quota answers per organisation (alerts fall back to a digest near the limit). */
  quota: QuotaCache;
  /** The conversation's view of each organisation's categories (bot/conversation/executor.ts). */
  categories: PerOrgCache<OrgConfig['categories']>;
  /**
   * How long a resident's text waits for its answer before LINE shows "…" (the loading
   * animation): a quick answer needs no extra LINE call. 0 shows it at once.
   */
  loadingAnimationAfterMs: number;
}

export function createServices(
  env: Env,
  opts: {
    logger: Logger;
    clock?: () => Date;
    faqRecheckMs?: number;
    loadingAnimationAfterMs?: number;
  },
): Services {
  const clock = opts.clock ?? (() => new Date());
  return {
    links: staffLinks(env),
    idTokens: new IdTokenVerifier({ env, logger: opts.logger, clock }),
    faq: new FaqIndexes({ recheckMs: opts.faqRecheckMs, now: () => clock().getTime() }),
    quota: new QuotaCache(),
    categories: new PerOrgCache(),
    loadingAnimationAfterMs: opts.loadingAnimationAfterMs ?? 1000,
  };
}

/**
 * One value per organisation, kept while the organisation's `config_version` (read fresh
 * from the database by the caller) is the one it was built for.
 */
export class PerOrgCache<T> {
  /** How many values were built: tests use it to prove reuse. */
  builds = 0;
  readonly #entries = new Map<string, { version: number; value: T }>();

  async get(orgId: string, version: number, build: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(orgId);
    if (hit && hit.version === version) return hit.value;
    const value = await build();
    this.builds++;
    this.#entries.set(orgId, { version, value });
    return value;
  }
}

export interface StaffLinks {
  /** The console, or one case in it. Absolute: it goes into LINE messages. */
  console(caseId?: string): string;
}

/**
 * Where the staff console lives, for the เปิดดู button in alerts and digests. With
 * LIFF_ID it opens inside LINE; otherwise at PUBLIC_BASE_URL (localhost:PORT without it).
 */
export function staffLinks(env: Pick<Env, 'LIFF_ID' | 'PUBLIC_BASE_URL' | 'PORT'>): StaffLinks {
  const base = env.LIFF_ID
    ? `https://liff.line.me/${env.LIFF_ID}/console.html`
    : `${(env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}/liff/console.html`;
  return { console: (caseId) => (caseId ? `${base}?case=${encodeURIComponent(caseId)}` : base) };
}

type FaqLookup = OrgConfig['faq'];

/**
 * FAQ indexes per organisation. An index is rebuilt when the organisation's
 * config_version changes, or when the FAQ rows change (count and latest updated_at,
 * checked at most every `recheckMs`, so `npm run cli -- faq import` is picked up
 * without a bump). Concurrent gets for one organisation share one load.
 */
export class FaqIndexes {
  /** How many indexes were built: tests use it to prove reuse. */
  builds = 0;
  readonly #entries = new Map<
    string,
    { configVersion: number; version: string; index: FaqIndex; checkedAt: number }
  >();
  readonly #loading = new Map<string, Promise<FaqIndex>>();
  readonly #recheckMs: number;
  readonly #now: () => number;

  constructor(opts: { recheckMs?: number; now?: () => number } = {}) {
    this.#recheckMs = opts.recheckMs ?? 1000;
    this.#now = opts.now ?? Date.now;
  }

  async lookup(db: Queryable, org: { id: string; configVersion: number }): Promise<FaqLookup> {
    return faqLookup(await this.get(db, org));
  }

  get(db: Queryable, org: { id: string; configVersion: number }): Promise<FaqIndex> {
    const cached = this.#entries.get(org.id);
    if (
      cached &&
      cached.configVersion === org.configVersion &&
      this.#now() - cached.checkedAt < this.#recheckMs
    )
      return Promise.resolve(cached.index);
    const pending = this.#loading.get(org.id);
    if (pending) return pending;
    const load = this.#refresh(db, org, cached).finally(() => this.#loading.delete(org.id));
    this.#loading.set(org.id, load);
    return load;
  }

  /** Forgets an organisation (or all). */
  invalidate(orgId?: string): void {
    if (orgId) this.#entries.delete(orgId);
    else this.#entries.clear();
  }

  async #refresh(
    db: Queryable,
    org: { id: string; configVersion: number },
    cached: { configVersion: number; version: string; index: FaqIndex } | undefined,
  ): Promise<FaqIndex> {
    const checkedAt = this.#now();
    const version = await faqVersion(db, org.id);
    if (cached && cached.version === version && cached.configVersion === org.configVersion) {
      this.#entries.set(org.id, { ...cached, checkedAt });
      return cached.index;
    }
    const index = buildFaqIndex(await loadFaqEntries(db, org.id));
    this.builds++;
    this.#entries.set(org.id, { configVersion: org.configVersion, version, index, checkedAt });
    return index;
  }
}
