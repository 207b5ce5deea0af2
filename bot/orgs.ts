import type { Db } from '../db/types';
import { findOrgById, findOrgBySlug, type OrgRow } from '../db/orgs';
import {
  decryptSecret,
  deriveAesKey,
  deriveHmacKey,
  encryptSecret,
  importHmacKey,
  signBody,
  verifySignature,
} from '../shared/crypto';
import { LineClient } from './line/client';

export type { OrgRow };

/** Checks X-Line-Signature over the raw body bytes. */
export type SignatureCheck = (
  body: Uint8Array,
  signature: string | undefined | null,
) => boolean | Promise<boolean>;

/** LINE's address and transport for the organisations' clients, and the webhook's check. */
export interface LineAccess {
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  fetch?: typeof fetch;
  /** A faster check than WebCrypto's where the platform has one (Node: bot/line/node-signature.ts). */
  signatureVerifier?: (secret: string) => SignatureCheck;
}

export interface OrgChannel {
  org: OrgRow;
  /** HMAC key of the channel secret, or null when the organisation has no LINE channel yet. */
  hmacKey: CryptoKey | null;
  /** The webhook's X-Line-Signature check with the same secret, or null. */
  verifySignature: SignatureCheck | null;
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
    /** APP_SECRET-derived crypto, also used by handlers (PIN hashes, confidential identities). */
    readonly secrets: SecretBox,
    private readonly line: LineAccess,
    private readonly ttlMs = 60_000,
  ) {}

  bySlug(slug: string): Promise<OrgChannel | null> {
    return this.#cached(`slug:${slug}`, () => findOrgBySlug(this.db, slug));
  }

  byId(id: string): Promise<OrgChannel | null> {
    return this.#cached(`id:${id}`, () => findOrgById(this.db, id));
  }

  /** Forget cached channels, e.g. after credentials change. */
  invalidate(): void {
    this.#cache.clear();
  }

  #cached(key: string, load: () => Promise<OrgRow | null>): Promise<OrgChannel | null> {
    const hit = this.#cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = load().then((org) => (org ? this.#channel(org) : null));
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
    const hmacKey = secret ? await importHmacKey(secret) : null;
    return {
      org,
      hmacKey,
      verifySignature:
        secret && hmacKey
          ? (this.line.signatureVerifier?.(secret) ??
            ((body, signature) => verifySignature(hmacKey, body, signature)))
          : null,
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

/** Encrypts stored secrets (channel credentials, confidential identities) and makes keyed hashes, all under APP_SECRET. */
export class SecretBox {
  private constructor(
    private readonly key: CryptoKey,
    private readonly hashKey: CryptoKey,
  ) {}

  static async fromAppSecret(appSecret: string): Promise<SecretBox> {
    return new SecretBox(
      await deriveAesKey(appSecret, 'org-channel-credentials'),
      await deriveHmacKey(appSecret, 'keyed-hash'),
    );
  }

  /** A keyed hash (base64 HMAC-SHA256): equal inputs match, but it can't be reversed or guessed offline. */
  hash(...parts: string[]): Promise<string> {
    return signBody(this.hashKey, parts.join('\u0000'));
  }

  seal(plaintext: string): Promise<string> {
    return encryptSecret(this.key, plaintext);
  }

  open(stored: string): Promise<string> {
    return decryptSecret(this.key, stored);
  }
}
