/**
 * FAQ entries (สอบถาม) per organisation: import from a parsed CSV, load the ranking
 * index, and its version (the cache is bot/services.ts FaqIndexes).
 */
import { and, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { FaqCsvRow } from '../shared/faq/csv';
import { buildFaqIndex, tokensFor, type FaqEntryData, type FaqIndex } from '../shared/faq/match';
import { faqEntries, orgs } from './schema';
import type { Db, Queryable } from './types';

export interface FaqImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/** A row to import: the CSV's columns, validated (shared/faq/csv.ts). */
export type FaqImportRow = Pick<
  FaqCsvRow,
  'id' | 'question' | 'variants' | 'answer' | 'links' | 'quickReplies'
>;

/** Rows per INSERT: 8 parameters each stays far below PostgreSQL's 65,535. */
const CHUNK = 500;

/** JSON with object keys sorted: jsonb gives keys back in its own order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Imports FAQ rows for an organisation in one transaction: new ids are inserted, changed
 * ones updated (tokens recomputed, updated_at bumped), identical ones left alone so the
 * cache version only moves when something changed. With `replace`, the organisation's
 * entries whose id is not in `rows` are deleted.
 */
export async function importFaq(
  db: Db,
  orgId: string,
  rows: readonly FaqImportRow[],
  opts: { replace?: boolean } = {},
): Promise<FaqImportCounts> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.id)) throw new Error(`FAQ import: id "${r.id}" appears twice`);
    ids.add(r.id);
  }
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({
        extId: faqEntries.extId,
        question: faqEntries.question,
        variants: faqEntries.variants,
        answer: faqEntries.answer,
        links: faqEntries.links,
        quickReplies: faqEntries.quickReplies,
        tokens: faqEntries.tokens,
      })
      .from(faqEntries)
      .where(eq(faqEntries.orgId, orgId));
    const byId = new Map(existing.map((e) => [e.extId, e]));
    const counts: FaqImportCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    const writes: (typeof faqEntries.$inferInsert)[] = [];
    for (const r of rows) {
      const tokens = tokensFor(r.question, r.variants);
      const old = byId.get(r.id);
      const row = {
        orgId,
        extId: r.id,
        question: r.question,
        variants: r.variants,
        answer: r.answer,
        links: r.links,
        quickReplies: r.quickReplies,
        tokens,
      };
      if (!old) counts.inserted++;
      else if (
        old.question === r.question &&
        old.answer === r.answer &&
        sameJson(old.variants, r.variants) &&
        sameJson(old.links, r.links) &&
        sameJson(old.quickReplies, r.quickReplies) &&
        sameJson(old.tokens, tokens)
      ) {
        counts.unchanged++;
        continue;
      } else counts.updated++;
      writes.push(row);
    }
    for (let i = 0; i < writes.length; i += CHUNK) {
      await tx
        .insert(faqEntries)
        .values(writes.slice(i, i + CHUNK))
        .onConflictDoUpdate({
          target: [faqEntries.orgId, faqEntries.extId],
          set: {
            question: sql`excluded.question`,
            variants: sql`excluded.variants`,
            answer: sql`excluded.answer`,
            links: sql`excluded.links`,
            quickReplies: sql`excluded.quick_replies`,
            tokens: sql`excluded.tokens`,
            updatedAt: sql`now()`,
          },
        });
    }
    if (opts.replace) {
      const gone = existing.map((e) => e.extId).filter((id) => !ids.has(id));
      for (let i = 0; i < gone.length; i += CHUNK) {
        await tx
          .delete(faqEntries)
          .where(
            and(eq(faqEntries.orgId, orgId), inArray(faqEntries.extId, gone.slice(i, i + CHUNK))),
          );
      }
      counts.deleted = gone.length;
    }
    return counts;
  });
}

/** The organisation's FAQ entries as the matcher uses them (tokens from the stored column). */
export async function loadFaqEntries(db: Queryable, orgId: string): Promise<FaqEntryData[]> {
  return db
    .select({
      extId: faqEntries.extId,
      question: faqEntries.question,
      variants: faqEntries.variants,
      answer: faqEntries.answer,
      links: faqEntries.links,
      quickReplies: faqEntries.quickReplies,
      tokens: faqEntries.tokens,
    })
    .from(faqEntries)
    .where(eq(faqEntries.orgId, orgId))
    .orderBy(faqEntries.extId);
}

/** Loads the organisation's FAQ and builds its ranking index; nothing is re-segmented. */
export async function loadFaqIndex(db: Queryable, orgId: string): Promise<FaqIndex> {
  return buildFaqIndex(await loadFaqEntries(db, orgId));
}

/** A cheap fingerprint of an organisation's FAQ: changes with every import that changes it. */
export async function faqVersion(db: Queryable, orgId: string): Promise<string> {
  const [row] = await db
    .select({
      n: count(),
      at: max(faqEntries.updatedAt),
      // Bumped by every admin change (db/orgs.ts bumpConfigVersion), deletions included.
      v: sql<number>`(select ${orgs.configVersion} from ${orgs} where ${orgs.id} = ${orgId})`,
    })
    .from(faqEntries)
    .where(eq(faqEntries.orgId, orgId));
  const at = row?.at;
  return `${row?.v ?? 0}:${row?.n ?? 0}:${at instanceof Date ? at.toISOString() : String(at ?? '')}`;
}
