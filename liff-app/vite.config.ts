import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { inlineScriptHashes, policyFor } from '../bot/http/security-headers';

/**
 * The LIFF app: one HTML page per screen family (survey.html now; console.html joins it),
 * built into dist/liff/ so that a file's URL is /liff/<file> both on Node (bot/liff-static.ts)
 * and on Workers ([assets] in wrangler.toml serves liff-app/dist).
 * LIFF_BUILD_OUT_DIR lets a test build into a temporary folder.
 */
const root = import.meta.dirname;

/**
 * On Workers the LIFF pages are static assets, served before the Worker runs: their security
 * headers come from `_headers` beside `liff/` (Cloudflare's static-asset headers file), written
 * here with the same policy the Node server sets (bot/http/security-headers.ts), each page's
 * inline scripts allowed by their hashes. Pages answer as `/liff/x.html` and `/liff/x`.
 */
function workersHeaders(): Plugin {
  let outDir = '';
  return {
    name: 'fangsiang-workers-headers',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const common = ['  X-Content-Type-Options: nosniff', '  Referrer-Policy: same-origin'];
      const lines = ['/liff/*', ...common];
      for (const file of (await readdir(outDir)).filter((f) => f.endsWith('.html')).sort()) {
        const hashes = await inlineScriptHashes(await readFile(join(outDir, file), 'utf8'));
        const path = `/liff/${file}`;
        const csp = policyFor(path, { embed: false, embedAncestors: "'none'", hashes });
        for (const url of [path, path.replace(/\.html$/, '')])
          lines.push(url, `  Content-Security-Policy: ${csp}`, '  X-Frame-Options: SAMEORIGIN');
      }
      await writeFile(join(dirname(outDir), '_headers'), lines.join('\n') + '\n');
    },
  };
}

export default defineConfig({
  root,
  plugins: [workersHeaders()],
  base: '/liff/',
  logLevel: 'warn',
  build: {
    outDir: process.env.LIFF_BUILD_OUT_DIR ?? resolve(root, 'dist/liff'),
    emptyOutDir: true,
    target: 'es2019',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        survey: resolve(root, 'survey.html'),
        console: resolve(root, 'console.html'),
        report: resolve(root, 'report.html'),
      },
    },
  },
});
