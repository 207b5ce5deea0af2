/**
 * WebCrypto helpers that run the same on Node and on Workers.
 * No key ever defaults to an empty string: callers get an error instead.
 */
const enc = new TextEncoder();
const dec = new TextDecoder();

function requireKey(name: string, value: string): void {
  if (!value) throw new Error(`${name} is empty; refusing to use an empty key`);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Imports a channel secret as an HMAC-SHA256 key for verifying X-Line-Signature. */
export async function importHmacKey(secret: string): Promise<CryptoKey> {
  requireKey('channel secret', secret);
  return crypto.subtle.importKey(
    'raw',
    enc.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

/** Base64 HMAC-SHA256 of the body: what LINE puts in X-Line-Signature. */
export async function signBody(key: CryptoKey, body: Uint8Array | string): Promise<string> {
  const data = typeof body === 'string' ? enc.encode(body) : body;
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, data as BufferSource)));
}

/** The 32 bytes of an X-Line-Signature header, or null when it cannot be one. */
export function signatureBytes(signature: string | undefined | null): Uint8Array | null {
  if (!signature) return null;
  try {
    const sig = fromBase64(signature);
    return sig.length === 32 ? sig : null;
  } catch {
    return null;
  }
}

/** Constant-time check of X-Line-Signature over the raw body bytes. */
export async function verifySignature(
  key: CryptoKey,
  body: Uint8Array,
  signature: string | undefined | null,
): Promise<boolean> {
  const sig = signatureBytes(signature);
  return !!sig && crypto.subtle.verify('HMAC', key, sig as BufferSource, body as BufferSource);
}

/** Derives a purpose-bound key from APP_SECRET with HKDF, so each use has its own key. */
async function deriveFromAppSecret(
  appSecret: string,
  purpose: string,
  algorithm: Parameters<SubtleCrypto['deriveKey']>[2],
  usages: Parameters<SubtleCrypto['deriveKey']>[4],
): Promise<CryptoKey> {
  requireKey('APP_SECRET', appSecret);
  const base = await crypto.subtle.importKey('raw', enc.encode(appSecret), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('fangsiang'), info: enc.encode(purpose) },
    base,
    algorithm,
    false,
    usages,
  );
}

/** An AES-GCM key for sealing secrets (channel credentials, confidential identities). */
export function deriveAesKey(appSecret: string, purpose: string): Promise<CryptoKey> {
  return deriveFromAppSecret(appSecret, purpose, { name: 'AES-GCM', length: 256 }, [
    'encrypt',
    'decrypt',
  ]);
}

/** An HMAC key for keyed hashes (PINs, one-answer-per-visit). */
export function deriveHmacKey(appSecret: string, purpose: string): Promise<CryptoKey> {
  return deriveFromAppSecret(appSecret, purpose, { name: 'HMAC', hash: 'SHA-256', length: 256 }, [
    'sign',
    'verify',
  ]);
}

/** Encrypts a secret for storage: `v1.<iv>.<ciphertext>` in base64. */
export async function encryptSecret(key: CryptoKey, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, enc.encode(plaintext));
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
}

export async function decryptSecret(key: CryptoKey, stored: string): Promise<string> {
  const [version, iv, ct] = stored.split('.');
  if (version !== 'v1' || !iv || !ct) throw new Error('unknown secret format');
  const pt = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv) },
    key,
    fromBase64(ct),
  );
  return dec.decode(pt);
}

/** A random hex string of `bytes` bytes, from the platform's CSPRNG. */
export function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

/**
 * A number in [0, 1) from the platform's CSPRNG (crypto.getRandomValues), 32 bits of it:
 * `Math.floor(secureRandom() * n)` is exactly uniform for n a power of two (the tracking-code
 * alphabet has 32 letters). For anything a guesser must not predict; `Math.random` is not.
 */
export function secureRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}
