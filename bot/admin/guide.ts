import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const GUIDE = fileURLToPath(new URL('../../docs/guide', import.meta.url));

/**
 * `/guide/…` (Node): the clerks' Thai guide, docs/guide, linked from the console. Pages are
 * served as UTF-8 Markdown text, screenshots as PNG. Names are checked, never joined raw.
 */
export function guideRoutes(dir = GUIDE): Hono {
  const app = new Hono();
  app.get('/', (c) => c.redirect(`${c.req.path.replace(/\/$/, '')}/README.md`));
  app.get('/:name{[A-Za-z0-9-]+\\.md}', async (c) => {
    const text = await readFile(join(dir, c.req.param('name')), 'utf8').catch(() => null);
    if (text === null) return c.notFound();
    return c.body(text, 200, { 'content-type': 'text/markdown; charset=utf-8' });
  });
  app.get('/img/:name{[a-z0-9-]+\\.png}', async (c) => {
    const bytes = await readFile(join(dir, 'img', c.req.param('name'))).catch(() => null);
    if (bytes === null) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' });
  });
  return app;
}
