import { eq, sql } from 'drizzle-orm';
import { messageTexts, type MessageTexts, type TemplateKey } from '../shared/messages/templates';
import type { StoredOrgSettings } from '../shared/org-settings';
import { bumpConfigVersion } from './orgs';
import { orgs } from './schema';
import type { Db, Queryable } from './types';

/**
 * The organisation's message texts (defaults merged with its own wording), read from the
 * database where a message is made: a greeting, a receipt, a notice to a resident. One small
 * read by primary key, no cache, so every process and Worker isolate uses a change at once
 * (docs/decisions/048-message-templates.md).
 */
export async function orgMessageTexts(db: Queryable, orgId: string): Promise<MessageTexts> {
  return messageTexts(await ownMessageTemplates(db, orgId));
}

/** The organisation's own wording, by key (only the keys it has changed). */
export async function ownMessageTemplates(
  db: Queryable,
  orgId: string,
): Promise<Partial<Record<TemplateKey, string>>> {
  const [row] = await db
    .select({ own: sql<unknown>`${orgs.settings} -> 'messageTemplates'` })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  const own = row?.own;
  return own && typeof own === 'object' ? (own as Partial<Record<TemplateKey, string>>) : {};
}

/**
 * Sets (text) or resets (null) one message, keeping every other setting, and bumps the
 * organisation's config_version in the same transaction. Returns the organisation's own text
 * as it was (null: it used the default), or undefined when the organisation does not exist.
 */
export async function saveMessageTemplate(
  db: Db,
  orgId: string,
  key: TemplateKey,
  text: string | null,
): Promise<{ before: string | null } | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ settings: orgs.settings })
      .from(orgs)
      .where(eq(orgs.id, orgId))
      .for('update');
    if (!row) return undefined;
    const stored = { ...(row.settings as Record<string, unknown>) };
    const own = { ...((stored.messageTemplates ?? {}) as Record<string, string>) };
    const before = typeof own[key] === 'string' ? own[key] : null;
    if (text === null) delete own[key];
    else own[key] = text;
    await tx
      .update(orgs)
      .set({ settings: { ...stored, messageTemplates: own } as StoredOrgSettings })
      .where(eq(orgs.id, orgId));
    await bumpConfigVersion(tx, orgId);
    return { before };
  });
}
