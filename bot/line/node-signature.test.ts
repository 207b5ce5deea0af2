import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  importHmacKey,
  signBody,
  toBase64,
  verifySignature,
} from '../../shared/crypto';
import { nodeSignatureVerifier } from './node-signature';

const enc = new TextEncoder();

describe('nodeSignatureVerifier', () => {
  it('agrees with the WebCrypto check on the body it signed and on everything else', async () => {
    const key = await importHmacKey('channel-secret');
    const verify = nodeSignatureVerifier('channel-secret');
    const body = enc.encode('{"destination":"U1","events":[{"type":"message","text":"ไฟดับ"}]}');
    const sig = await signBody(key, body);
    const flipped = fromBase64(sig);
    flipped[0]! ^= 1;
    const cases: Array<[Uint8Array, string | undefined]> = [
      [body, sig],
      [enc.encode(' '), sig],
      [body, undefined],
      [body, ''],
      [body, '***'],
      [body, sig.slice(4)],
      [body, toBase64(flipped)],
    ];
    for (const [b, s] of cases) expect(verify(b, s)).toBe(await verifySignature(key, b, s));
    expect(verify(body, sig)).toBe(true);
    expect(nodeSignatureVerifier('other')(body, sig)).toBe(false);
    expect(() => nodeSignatureVerifier('')).toThrow(/empty/);
  });
});
