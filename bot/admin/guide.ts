import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guidePageRoutes } from './guide-pages';

const GUIDE = fileURLToPath(new URL('../../docs/guide', import.meta.url));

/**
 * `/guide/…` (Node): the clerks' Thai guide, docs/guide, linked from the console, read from
 * disk so an edit shows at once. Pages are rendered as on Workers (bot/admin/guide-pages.ts);
 * screenshots are PNG. Names are checked, never joined raw.
 */
export function guideRoutes(dir = GUIDE) {
  const app = guidePageRoutes((name) => readFile(join(dir, name), 'utf8').catch(() => null));
  app.get('/img/:name{[a-z0-9-]+\\.png}', async (c) => {
    const bytes = await readFile(join(dir, 'img', c.req.param('name'))).catch(() => null);
    if (bytes === null) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' });
  });
  return app;
}
