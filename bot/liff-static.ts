import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { th } from '../shared/text/th';
import { allowScriptHashes, inlineScriptHashes } from './http/security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/**
 * `/liff/*` on Node: the built LIFF app (`npm run build:liff` → liff-app/dist/liff). On Workers
 * the `[assets]` binding serves the same folder. Hashed assets are cached for a year, pages are
 * revalidated; text is gzipped for clients that accept it (the survey must load on slow 3G).
 */
export function liffStaticRoutes(distDir: string): Hono {
  const root = join(distDir, 'liff');
  const cache = new Map<
    string,
    { body: Uint8Array; gz: Uint8Array | null; type: string; hashes: string[] }
  >();
  const app = new Hono();
  app.get('/*', async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname.replace(/^\/liff\/?/, ''));
    } catch {
      // Bad percent-encoding (`/liff/%E0%A4%A`) is the client's mistake, not ours.
      return c.json({ error: { code: 'bad_url', message: th.sec.badUrl } }, 400);
    }
    if (rel === '' || rel.endsWith('/')) rel += pageOfState(c.req.query('liff.state'));
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep)) return c.notFound();
    let entry = cache.get(file);
    if (!entry) {
      let body: Uint8Array;
      try {
        body = await readFile(file);
      } catch {
        return c.notFound();
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const gz = /^(text|application\/(json|manifest)|image\/svg)/.test(type)
        ? gzipSync(body, { level: 9 })
        : null;
      // A page's inline scripts run under its CSP by their hashes (bot/http/security-headers.ts).
      const hashes = type.startsWith('text/html')
        ? await inlineScriptHashes(new TextDecoder().decode(body))
        : [];
      entry = { body, gz, type, hashes };
      // Hashed assets never change; pages may be rebuilt while the server runs.
      if (rel.startsWith('assets/')) cache.set(file, entry);
    }
    if (entry.hashes.length) allowScriptHashes(c, entry.hashes);
    const gzip = entry.gz && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'Content-Type': entry.type,
      'Cache-Control': rel.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    return c.body((gzip ? entry.gz! : entry.body) as Uint8Array<ArrayBuffer>, 200, headers);
  });
  return app;
}

/**
 * The page LINE asked for when it opens the LIFF endpoint (`/liff/`) with the real address in
 * `liff.state` (e.g. `/report.html?org=demo`): served at once, so the resident does not see
 * another page while liff.init() moves on. The survey stays the default.
 */
function pageOfState(state: string | undefined): string {
  const m = /^\/?(report)\.html(?:[?#]|$)/.exec(state ?? '');
  return m ? `${m[1]}.html` : 'survey.html';
}
