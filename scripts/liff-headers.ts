/**
 * `npm run build:liff` (after vite): on Workers the LIFF pages are static assets, served before
 * the Worker runs, so their security headers come from `_headers` beside `liff/` (Cloudflare's
 * static-asset headers file). Written here with the same policy the Node server sets
 * (bot/http/security-headers.ts), each page's inline scripts allowed by their hashes. Pages
 * answer as `/liff/x.html` and `/liff/x`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inlineScriptHashes, policyFor } from '../bot/http/security-headers';

export async function writeWorkersHeaders(liffDir: string): Promise<string> {
  const lines = ['/liff/*', '  X-Content-Type-Options: nosniff', '  Referrer-Policy: same-origin'];
  for (const file of (await readdir(liffDir)).filter((f) => f.endsWith('.html')).sort()) {
    const hashes = await inlineScriptHashes(await readFile(join(liffDir, file), 'utf8'));
    const path = `/liff/${file}`;
    const csp = policyFor(path, { embed: false, embedAncestors: "'none'", hashes });
    for (const url of [path, path.replace(/\.html$/, '')])
      lines.push(url, `  Content-Security-Policy: ${csp}`, '  X-Frame-Options: SAMEORIGIN');
  }
  const out = join(dirname(liffDir), '_headers');
  await writeFile(out, lines.join('\n') + '\n');
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await writeWorkersHeaders(
    process.argv[2] ?? resolve(import.meta.dirname, '../liff-app/dist/liff'),
  );
}
