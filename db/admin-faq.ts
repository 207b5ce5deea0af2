import { and, asc, eq } from 'drizzle-orm';
import { tokensFor } from '../shared/faq/match';
import { faqEntries } from './schema';
import type { Queryable as Db } from './types';
import type { FaqEntryInput } from '../shared/admin/schemas';

/** FAQ entries one at a time, for the admin console (bulk import: db/faq.ts importFaq). */
export async function listFaq(db: Db, orgId: string) {
  return db
    .select({
      id: faqEntries.extId,
      question: faqEntries.question,
      variants: faqEntries.variants,
      answer: faqEntries.answer,
      links: faqEntries.links,
      quickReplies: faqEntries.quickReplies,
      updatedAt: faqEntries.updatedAt,
    })
    .from(faqEntries)
    .where(eq(faqEntries.orgId, orgId))
    .orderBy(asc(faqEntries.extId));
}

/** Inserts or replaces the entry with this id; returns the previous one (for the audit log). */
export async function saveFaqEntry(db: Db, orgId: string, e: FaqEntryInput, now: Date) {
  const [old] = await db
    .select()
    .from(faqEntries)
    .where(and(eq(faqEntries.orgId, orgId), eq(faqEntries.extId, e.id)));
  const values = {
    question: e.question,
    variants: e.variants,
    answer: e.answer,
    links: e.links,
    quickReplies: e.quickReplies,
    tokens: tokensFor(e.question, e.variants),
    updatedAt: now,
  };
  if (old) await db.update(faqEntries).set(values).where(eq(faqEntries.id, old.id));
  else await db.insert(faqEntries).values({ orgId, extId: e.id, ...values });
  return old ? { question: old.question, answer: old.answer } : null;
}

export async function deleteFaqEntry(db: Db, orgId: string, extId: string): Promise<boolean> {
  const rows = await db
    .delete(faqEntries)
    .where(and(eq(faqEntries.orgId, orgId), eq(faqEntries.extId, extId)))
    .returning({ id: faqEntries.id });
  return rows.length > 0;
}
