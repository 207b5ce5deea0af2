/**
 * `/proof/:org/:id`: a proof-of-fix photo for the resident's before/after card. The id is a
 * random UUID known only from the card; metadata is stripped again on the way out (a
 * resident's "before" photo is stored as sent).
 */
import { Hono } from 'hono';
import { outcomeFigures, proofPhotoById } from '../../db/outcomes';
import { fiscalYearInstants, fiscalYearOf } from '../../shared/metrics/round';
import { stripMetadata } from '../../shared/proof/image';
import { outcomes } from '../../shared/text/th-outcomes';
import type { AppDeps } from '../deps';

export function proofRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/:org/:id', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    const id = c.req.param('id');
    if (!channel || !/^[0-9a-f-]{36}$/i.test(id)) return c.json({ error: 'not_found' }, 404);
    const row = await proofPhotoById(deps.db, channel.org.id, id);
    const stored = row ? await deps.photos.get(row.photoKey).catch(() => null) : null;
    const clean = stored ? stripMetadata(stored.bytes) : null;
    if (!row || !clean) return c.json({ error: 'not_found' }, 404);
    return c.body(new Uint8Array(clean), 200, {
      'Content-Type': stored!.contentType,
      'Cache-Control': 'private, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  return app;
}

/**
 * `/public/:org/outcomes.json?year=2569`: the fiscal year's case outcomes, every case counted
 * once (decision 041): aggregate counts only, no case, no person, no corruption complaint.
 */
export function outcomesPublicRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/outcomes.json', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org') ?? '');
    if (!channel)
      return c.json({ error: { code: 'not_found', message: 'no such organisation' } }, 404);
    const now = deps.clock();
    const q = c.req.query('year');
    const year = q && /^\d{4}$/.test(q) ? Number(q) : fiscalYearOf(now);
    const figures = await outcomeFigures(deps.db, channel.org.id, fiscalYearInstants(year));
    return c.json({
      fiscalYear: year,
      ...figures,
      labels: outcomes.kinds,
    });
  });
  return app;
}
