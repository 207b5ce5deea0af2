import { Hono } from 'hono';
import { raw } from 'hono/html';
import { markdownTitle, markdownToHtml } from '../../shared/guide/markdown';
import { layout } from '../public/web';
import { GUIDE_PAGES } from './guide-pages.gen';

/** A guide page's name: checked, never joined raw. */
export const GUIDE_PAGE = '[A-Za-z0-9-]+\\.md';

/**
 * `/guide/*.md`: a guide page as HTML (shared/guide/markdown.ts; `?raw=1` gives the Markdown),
 * from `load` (Node: docs/guide on disk, bot/admin/guide.ts; Workers: the pages bundled at
 * build time). No file access here, so the Worker can mount it.
 */
export function guidePageRoutes(load: (name: string) => Promise<string | null>): Hono {
  const app = new Hono();
  app.get('/', (c) => c.redirect(`${c.req.path.replace(/\/$/, '')}/README.md`));
  app.get(`/:name{${GUIDE_PAGE}}`, async (c) => {
    const text = await load(c.req.param('name'));
    if (text === null) return c.notFound();
    if (c.req.query('raw') === '1')
      return c.body(text, 200, { 'content-type': 'text/markdown; charset=utf-8' });
    // The guide's own Markdown (docs/guide), made HTML by shared/guide/markdown.ts.
    const page = layout(c, { title: markdownTitle(text), body: raw(markdownToHtml(text)) });
    return c.body(String(await page), 200, { 'content-type': 'text/html; charset=utf-8' });
  });
  return app;
}

/**
 * The guide on Workers: the Markdown of docs/guide inlined into the bundle by
 * `npm run gen:guide` (bot/admin/guide-pages.gen.ts, checked fresh by a test); the
 * screenshots are static assets copied by `npm run build:liff` to /guide/img/.
 */
export function bundledGuideRoutes(pages: Record<string, string> = GUIDE_PAGES): Hono {
  return guidePageRoutes(async (name) => (Object.hasOwn(pages, name) ? pages[name]! : null));
}
