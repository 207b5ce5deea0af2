import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type FirstScreen = {
  page: string;
  /** Gzipped bytes (level 9) of each file the first screen loads, the page's HTML included. */
  files: Record<string, number>;
  /** Of which the LINE SDK chunk (loaded with a LIFF id only, counted anyway). */
  sdk: number;
  total: number;
};

/**
 * The gzipped first screen of a built LIFF page (decision 030): its HTML, every script and style
 * the HTML names (the entry and its modulepreloads), every chunk those import statically, and the
 * LINE SDK chunk they import dynamically — counted as if the page always had a LIFF id.
 * `liffDir` is the build's dist/liff folder.
 */
export function firstScreenGzip(liffDir: string, page: string): FirstScreen {
  const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
  const html = readFileSync(join(liffDir, page), 'utf8');
  const files: Record<string, number> = { [page]: gz(join(liffDir, page)) };
  let sdk = 0;
  const queue = [...html.matchAll(/\/liff\/assets\/([^"'\s>]+)/g)].map((m) => m[1]!);
  while (queue.length) {
    const name = queue.shift()!;
    if (name in files) continue;
    const path = join(liffDir, 'assets', name);
    if (!existsSync(path)) throw new Error(`${page} names a missing asset ${name}`);
    files[name] = gz(path);
    if (name.startsWith('liff-sdk-')) sdk += files[name]!;
    if (!name.endsWith('.js')) continue;
    const js = readFileSync(path, 'utf8');
    for (const m of js.matchAll(/from\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) queue.push(m[1]!);
    for (const m of js.matchAll(/import\(\s*["'`]\.\/(liff-sdk-[^"'`]+\.js)["'`]\s*\)/g))
      queue.push(m[1]!);
  }
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  return { page, files, sdk, total };
}
