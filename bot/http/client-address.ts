import type { Context } from 'hono';
import type { AppDeps } from '../deps';

/**
 * The one answer to "who is asking" for every rate limit (decision 021). Forwarding headers
 * are anyone's to write, so they count only when TRUST_PROXY says a proxy in front sets them:
 * - `0` (default): the platform's address (`deps.peerAddress`: Node's socket, Workers'
 *   `cf-connecting-ip`, which only Cloudflare can set there);
 * - `n` proxies: the n-th X-Forwarded-For entry from the right (the one our outermost proxy
 *   appended; anything to its left came from the client);
 * - `cloudflare`: Cloudflare in front of Node, its `cf-connecting-ip`.
 */
export function clientAddress(c: Context, deps: Pick<AppDeps, 'env' | 'peerAddress'>): string {
  const trust = deps.env.TRUST_PROXY;
  if (trust === 'cloudflare') {
    const cf = c.req.header('cf-connecting-ip')?.trim();
    if (cf) return cf;
  } else if (trust > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops.length) return hops[Math.max(0, hops.length - trust)]!;
  }
  return deps.peerAddress?.(c) ?? 'unknown';
}

/** The hosts a request may call its own: the URL's and Host, X-Forwarded-Host only behind a proxy. */
export function ownHosts(c: Context, deps: Pick<AppDeps, 'env'>): string[] {
  const own = [new URL(c.req.url).host, c.req.header('host')];
  if (deps.env.TRUST_PROXY !== 0) own.push(c.req.header('x-forwarded-host')?.split(',')[0]?.trim());
  return own.filter((h): h is string => Boolean(h)).map((h) => h.toLowerCase());
}

/** Workers: Cloudflare sets `cf-connecting-ip` itself; a client cannot forge it there. */
export function workerPeerAddress(c: Context): string | undefined {
  return c.req.header('cf-connecting-ip') ?? undefined;
}
