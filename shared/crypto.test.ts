import { describe, expect, it } from 'vitest';
import {
  decryptSecret,
  deriveAesKey,
  encryptSecret,
  importHmacKey,
  signBody,
  verifySignature,
} from './crypto';

const enc = new TextEncoder();

describe('LINE signature', () => {
  it('matches a known HMAC-SHA256 (RFC 4231 test case 2)', async () => {
    const key = await importHmacKey('Jefe');
    // RFC 4231 §4.3: HMAC-SHA-256("Jefe", "what do ya want for nothing?") in base64.
    expect(await signBody(key, 'what do ya want for nothing?')).toBe(
      'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=',
    );
  });

  it('verifies the body it signed and nothing else', async () => {
    const key = await importHmacKey('channel-secret');
    const body = '{"destination":"U1","events":[]}';
    const sig = await signBody(key, body);
    expect(await verifySignature(key, enc.encode(body), sig)).toBe(true);
    expect(await verifySignature(key, enc.encode(body + ' '), sig)).toBe(false);
    expect(await verifySignature(await importHmacKey('other'), enc.encode(body), sig)).toBe(false);
    expect(await verifySignature(key, enc.encode(body), undefined)).toBe(false);
    expect(await verifySignature(key, enc.encode(body), '')).toBe(false);
    expect(await verifySignature(key, enc.encode(body), '***')).toBe(false);
    expect(await verifySignature(key, enc.encode(body), sig.slice(4))).toBe(false);
  });

  it('refuses an empty channel secret instead of signing with it', async () => {
    await expect(importHmacKey('')).rejects.toThrow(/empty/);
  });
});

describe('stored secrets', () => {
  it('round-trips through AES-GCM and never stores the plaintext', async () => {
    const key = await deriveAesKey('x'.repeat(40), 'test');
    const sealed = await encryptSecret(key, 'token-123');
    expect(sealed).not.toContain('token-123');
    expect(await decryptSecret(key, sealed)).toBe('token-123');
    expect(await encryptSecret(key, 'token-123')).not.toBe(sealed); // fresh IV each time
  });

  it('fails to open with another APP_SECRET or purpose', async () => {
    const sealed = await encryptSecret(await deriveAesKey('a'.repeat(40), 'p'), 's');
    await expect(decryptSecret(await deriveAesKey('b'.repeat(40), 'p'), sealed)).rejects.toThrow();
    await expect(decryptSecret(await deriveAesKey('a'.repeat(40), 'q'), sealed)).rejects.toThrow();
    await expect(deriveAesKey('', 'p')).rejects.toThrow(/APP_SECRET is empty/);
  });
});
