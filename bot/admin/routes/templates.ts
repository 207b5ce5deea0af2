import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { auditAdmin } from '../../../db/admin-staff';
import { ownMessageTemplates, saveMessageTemplate } from '../../../db/message-templates';
import { messageTemplateSchema } from '../../../shared/admin/schemas';
import {
  isTemplateKey,
  messageTexts,
  sampleValues,
  TEMPLATE_KEYS,
  maxCharsOf,
  TEMPLATE_SPECS,
  type TemplateKey,
} from '../../../shared/messages/templates';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import { parseBody, type AdminContext, type AdminEnv } from './context';

/** Every template: its default, the organisation's text, its placeholders and the preview's values. */
async function list(deps: AppDeps, org: { id: string; name: string }) {
  const own = await ownMessageTemplates(deps.db, org.id);
  const texts = messageTexts(own);
  return {
    templates: TEMPLATE_KEYS.map((key) => ({
      key,
      label: thAdmin.templates.labels[key],
      placeholders: TEMPLATE_SPECS[key].placeholders,
      required: TEMPLATE_SPECS[key].required,
      maxChars: maxCharsOf(key),
      default: TEMPLATE_SPECS[key].default,
      text: texts[key],
      custom: texts[key] !== TEMPLATE_SPECS[key].default,
    })),
    samples: sampleValues(org.name),
  };
}

function keyOf(c: AdminContext): TemplateKey {
  const key = c.req.param('key') ?? '';
  if (!isTemplateKey(key)) throw new HTTPException(404, { message: thAdmin.templates.unknownKey });
  return key;
}

/**
 * The messages the bot sends, in the organisation's words: PUT sets one, DELETE resets it to the
 * catalogue's default. Each change is audited and applies to the next message made, in every
 * process (the texts are read where the message is made, db/message-templates.ts).
 */
export function templateRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => c.json(await list(deps, c.get('channel').org)));

  const change = async (c: AdminContext, key: TemplateKey, text: string | null) => {
    const org = c.get('channel').org;
    const saved = await saveMessageTemplate(deps.db, org.id, key, text);
    if (!saved) throw new HTTPException(404, { message: thAdmin.api.notFound });
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: text === null ? 'admin.template.reset' : 'admin.template.update',
      detail: { key, before: saved.before, after: text },
      at: deps.clock(),
    });
    deps.orgs.invalidate();
    return c.json(await list(deps, org));
  };
  app.put('/:key', async (c) => {
    const key = keyOf(c);
    const { text } = await parseBody(c, messageTemplateSchema(key));
    return change(c, key, text);
  });
  app.delete('/:key', (c) => change(c, keyOf(c), null));
  return app;
}
