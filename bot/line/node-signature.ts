import { createHmac, timingSafeEqual } from 'node:crypto';
import { signatureBytes } from '../../shared/crypto';

/**
 * Node's X-Line-Signature check for one channel secret, passed by the Node entry to the
 * organisation directory: a constant-time comparison of the body's HMAC-SHA256, done at once.
 * WebCrypto's `verify` (shared/crypto.ts, kept on Workers) costs a thread-pool job and a
 * promise on Node, ~0.19 ms of CPU per request: the largest single cost of acknowledging
 * a webhook in the benchmark's profile.
 */
export function nodeSignatureVerifier(
  secret: string,
): (body: Uint8Array, signature: string | undefined | null) => boolean {
  if (!secret) throw new Error('channel secret is empty; refusing to use an empty key');
  return (body, signature) => {
    const sig = signatureBytes(signature);
    return !!sig && timingSafeEqual(createHmac('sha256', secret).update(body).digest(), sig);
  };
}
