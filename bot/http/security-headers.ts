import type { Context, MiddlewareHandler } from 'hono';
import { randomHex } from '../../shared/crypto';

/**
 * Security headers on every response (issue 12, decision 018), in one place:
 * - `X-Content-Type-Options: nosniff` and `Referrer-Policy: same-origin` (not `no-referrer`:
 *   that makes browsers send `Origin: null` with a page's own form posts);
 * - a Content-Security-Policy on every response: pages get the policy of their family (below),
 *   anything else `default-src 'none'`;
 * - `frame-ancestors 'none'` everywhere except the LIFF pages (`'self'`: the simulator shows
 *   them in a frame) and the public views meant for embedding (`?embed=1`), which get
 *   PUBLIC_EMBED_ANCESTORS (`*` unless set).
 * A page with an inline script asks for this request's nonce with `cspNonce(c)`; the LIFF
 * pages' inline scripts are allowed by their hashes (`allowScriptHashes`). Inline styles are
 * allowed: a nonce would make browsers drop the pages' `style` attributes.
 */
declare module 'hono' {
  /** A page's script nonce and inline-script hashes, set by the route, read by the middleware. */
  interface ContextVariableMap {
    cspNonce?: string;
    cspHashes?: string[];
  }
}

/** The public views that may be framed with `?embed=1`: reports, statistics, service standards. */
export const EMBEDDABLE = /^\/public\/[^/]+\/(reports(\/[^/]+)?|stats\/[^/]+|services)\/?$/;

const LINE_SDK = 'https://static.line-scdn.net';
/** What the LIFF SDK talks to: login, the ID token, its own files. */
const LINE_API = 'https://api.line.me https://access.line.me https://liffsdk.line-scdn.net';

/** This request's script nonce (made on first use). */
export function cspNonce(c: Context): string {
  let n = c.get('cspNonce');
  if (!n) {
    n = randomHex(16);
    c.set('cspNonce', n);
  }
  return n;
}

/** Allows inline scripts of a static page by their `sha256-…` hashes. */
export function allowScriptHashes(c: Context, hashes: readonly string[]) {
  c.set('cspHashes', [...hashes]);
}

/** `sha256-…` of each inline `<script>` (without `src`) of a page. */
export async function inlineScriptHashes(html: string): Promise<string[]> {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(m[1]!));
    out.push(`sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`);
  }
  return out;
}

export function policyFor(
  path: string,
  o: { embed: boolean; embedAncestors: string; nonce?: string; hashes?: readonly string[] },
): string {
  const liff = path.startsWith('/liff/') || path === '/liff';
  const allowed = [
    ...(o.nonce ? [`'nonce-${o.nonce}'`] : []),
    ...(o.hashes ?? []).map((h) => `'${h}'`),
  ];
  const ancestors =
    o.embed && EMBEDDABLE.test(path) ? o.embedAncestors : liff ? "'self'" : "'none'";
  const script = liff
    ? ["'self'", ...allowed, LINE_SDK].join(' ')
    : allowed.length
      ? allowed.join(' ')
      : "'none'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${liff ? ' https:' : ''}`,
    "font-src 'self' data:",
    `connect-src 'self'${liff ? ` ${LINE_API}` : ''}`,
    // The simulator shows LIFF pages in a frame; LIFF itself may open LINE's login.
    `frame-src 'self'${liff ? ' https://access.line.me' : ''}`,
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** The middleware: runs first, sets the headers on whatever the route answered. */
export function securityHeaders(opts: { embedAncestors: string }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // Responses passed through from elsewhere can have immutable headers: copy those.
    try {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      c.res = new Response(c.res.body, c.res);
    }
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'same-origin');
    const isPage = /^text\/html\b/i.test(h.get('Content-Type') ?? '');
    const csp = isPage
      ? policyFor(c.req.path, {
          embed: c.req.query('embed') === '1',
          embedAncestors: opts.embedAncestors,
          nonce: c.get('cspNonce'),
          hashes: c.get('cspHashes'),
        })
      : "default-src 'none'; frame-ancestors 'none'";
    h.set('Content-Security-Policy', csp);
    if (csp.endsWith("frame-ancestors 'none'")) h.set('X-Frame-Options', 'DENY');
    else if (csp.endsWith("frame-ancestors 'self'")) h.set('X-Frame-Options', 'SAMEORIGIN');
  };
}
