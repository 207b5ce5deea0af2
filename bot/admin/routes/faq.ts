import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { deleteFaqEntry, listFaq, saveFaqEntry } from '../../../db/admin-faq';
import { auditAdmin } from '../../../db/admin-staff';
import { loadFaqIndex } from '../../../db/faq';
import { bumpConfigVersion } from '../../../db/orgs';
import { faqEntrySchema, faqTrySchema } from '../../../shared/admin/schemas';
import { matchFaq } from '../../../shared/faq/match';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminEnv } from './context';

/** FAQ entries: list, save one (insert or replace by id), delete, and "try a question". */
export function faqRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const changed = async (orgId: string) => {
    await bumpConfigVersion(deps.db, orgId);
    // This process sees the change at once; other processes and isolates by the version.
    deps.services.faq.invalidate(orgId);
    deps.orgs.invalidate();
  };

  app.get('/', async (c) => c.json({ entries: await listFaq(deps.db, c.get('channel').org.id) }));

  app.put('/:id', async (c) => {
    const org = c.get('channel').org;
    const body = await parseBody(c, faqEntrySchema);
    if (body.id !== c.req.param('id'))
      throw new HTTPException(400, { message: `id: ${thAdmin.api.idMismatch}` });
    const before = await saveFaqEntry(deps.db, org.id, body, deps.clock());
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: before ? 'admin.faq.update' : 'admin.faq.create',
      detail: { id: body.id, before, after: { question: body.question, answer: body.answer } },
      at: deps.clock(),
    });
    await changed(org.id);
    return c.json({ ok: true, created: !before });
  });

  app.delete('/:id', async (c) => {
    const org = c.get('channel').org;
    const id = c.req.param('id');
    if (!(await deleteFaqEntry(deps.db, org.id, id)))
      throw new HTTPException(404, { message: thAdmin.api.notFound });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: 'admin.faq.delete',
      detail: { id },
      at: deps.clock(),
    });
    await changed(org.id);
    return c.json({ ok: true });
  });

  /** Which entry would answer, with what confidence, and what the resident would see. */
  app.post('/try', async (c) => {
    const { text } = await parseBody(c, faqTrySchema);
    const index = await loadFaqIndex(deps.db, c.get('channel').org.id);
    const m = matchFaq(index, text);
    if (m.kind === 'answer')
      return c.json({
        kind: 'answer',
        id: m.entry.extId,
        question: m.entry.question,
        confidence: Math.round(m.score * 100) / 100,
        resident: {
          text: m.entry.answer,
          links: m.entry.links,
          quickReplies: m.entry.quickReplies,
        },
      });
    if (m.kind === 'suggest')
      return c.json({
        kind: 'suggest',
        suggestions: m.entries.map((e, i) => ({
          id: e.extId,
          question: e.question,
          confidence: Math.round(m.scores[i]! * 100) / 100,
        })),
        resident: {
          text: thAdmin.faq.suggestPreview,
          quickReplies: m.entries.map((e) => e.question),
        },
      });
    return c.json({ kind: 'none', resident: { text: thAdmin.faq.nonePreview } });
  });
  return app;
}
