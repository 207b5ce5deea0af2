import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { markdownTitle, markdownToHtml } from '../../shared/guide/markdown';
import { layout } from '../public/web';

const GUIDE = fileURLToPath(new URL('../../docs/guide', import.meta.url));

/**
 * `/guide/…` (Node): the clerks' Thai guide, docs/guide, linked from the console. Pages are
 * rendered to HTML (shared/guide/markdown.ts; `?raw=1` gives the Markdown), screenshots are
 * PNG. Names are checked, never joined raw.
 */
export function guideRoutes(dir = GUIDE): Hono {
  const app = new Hono();
  app.get('/', (c) => c.redirect(`${c.req.path.replace(/\/$/, '')}/README.md`));
  app.get('/:name{[A-Za-z0-9-]+\\.md}', async (c) => {
    const text = await readFile(join(dir, c.req.param('name')), 'utf8').catch(() => null);
    if (text === null) return c.notFound();
    if (c.req.query('raw') === '1')
      return c.body(text, 200, { 'content-type': 'text/markdown; charset=utf-8' });
    return c.body(layout(c, { title: markdownTitle(text), body: markdownToHtml(text) }), 200, {
      'content-type': 'text/html; charset=utf-8',
    });
  });
  app.get('/img/:name{[a-z0-9-]+\\.png}', async (c) => {
    const bytes = await readFile(join(dir, 'img', c.req.param('name'))).catch(() => null);
    if (bytes === null) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' });
  });
  return app;
}
