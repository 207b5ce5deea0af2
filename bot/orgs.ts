import { eq } from 'drizzle-orm';
import type { Db } from '../db/types';
import { orgs } from '../db/schema';
import { decryptSecret, deriveAesKey, encryptSecret, importHmacKey } from '../shared/crypto';
import { LineClient } from './line/client';

export type OrgRow = typeof orgs.$inferSelect;

export interface OrgChannel {
  org: OrgRow;
  /** HMAC key of the channel secret, or null when the organisation has no LINE channel yet. */
  hmacKey: CryptoKey | null;
  /** LINE client with the organisation's access token, or null without one. */
  line: LineClient | null;
}

/**
 * Finds organisations and their LINE channels, decrypting stored credentials once
 * and caching them briefly, so the webhook's hot path does no crypto setup.
 */
export class OrgDirectory {
  #cache = new Map<string, { at: number; value: Promise<OrgChannel | null> }>();

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly line: { apiBaseUrl: string; dataApiBaseUrl: string; fetch?: typeof fetch },
    private readonly ttlMs = 60_000,
  ) {}

  bySlug(slug: string): Promise<OrgChannel | null> {
    return this.#cached(`slug:${slug}`, () =>
      this.db.select().from(orgs).where(eq(orgs.slug, slug)).limit(1),
    );
  }

  byId(id: string): Promise<OrgChannel | null> {
    return this.#cached(`id:${id}`, () =>
      this.db.select().from(orgs).where(eq(orgs.id, id)).limit(1),
    );
  }

  /** Forget cached channels, e.g. after credentials change. */
  invalidate(): void {
    this.#cache.clear();
  }

  #cached(key: string, load: () => Promise<OrgRow[]>): Promise<OrgChannel | null> {
    const hit = this.#cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = load().then(([org]) => (org ? this.#channel(org) : null));
    // Only found organisations are cached: a new one must not answer 404 for a minute.
    value.then(
      (v) => v ?? this.#cache.delete(key),
      () => this.#cache.delete(key),
    );
    this.#cache.set(key, { at: Date.now(), value });
    return value;
  }

  async #channel(org: OrgRow): Promise<OrgChannel> {
    const secret = org.lineChannelSecretEnc
      ? await this.secrets.open(org.lineChannelSecretEnc)
      : null;
    const token = org.lineAccessTokenEnc ? await this.secrets.open(org.lineAccessTokenEnc) : null;
    return {
      org,
      hmacKey: secret ? await importHmacKey(secret) : null,
      line: token
        ? new LineClient({
            apiBaseUrl: this.line.apiBaseUrl,
            dataApiBaseUrl: this.line.dataApiBaseUrl,
            channelAccessToken: token,
            fetch: this.line.fetch,
          })
        : null,
    };
  }
}

/** Encrypts and decrypts stored channel credentials with a key derived from APP_SECRET. */
export class SecretBox {
  private constructor(private readonly key: CryptoKey) {}

  static async fromAppSecret(appSecret: string): Promise<SecretBox> {
    return new SecretBox(await deriveAesKey(appSecret, 'org-channel-credentials'));
  }

  seal(plaintext: string): Promise<string> {
    return encryptSecret(this.key, plaintext);
  }

  open(stored: string): Promise<string> {
    return decryptSecret(this.key, stored);
  }
}
