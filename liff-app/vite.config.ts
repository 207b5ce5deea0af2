import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The LIFF app: one HTML page per screen family (survey.html now; console.html joins it),
 * built into dist/liff/ so that a file's URL is /liff/<file> both on Node (bot/liff-static.ts)
 * and on Workers ([assets] in wrangler.toml serves liff-app/dist).
 * LIFF_BUILD_OUT_DIR lets a test build into a temporary folder.
 */
const root = import.meta.dirname;
export default defineConfig({
  root,
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
