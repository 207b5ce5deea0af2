import { count, eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { formatCsvErrors, parseFaqCsv } from '../shared/faq/csv';
import { importFaq, type FaqImportCounts } from './faq';
import { faqEntries } from './schema';
import type { Db } from './types';

/**
 * Imports the demo FAQ (db/seed/faq-demo.csv) for an organisation that has no FAQ entries
 * yet; does nothing otherwise, so an organisation's own edits are never overwritten.
 * Node only (reads the file).
 */
export async function seedDemoFaq(
  db: Db,
  orgId: string,
): Promise<{ seeded: boolean; counts?: FaqImportCounts }> {
  const [row] = await db.select({ n: count() }).from(faqEntries).where(eq(faqEntries.orgId, orgId));
  if ((row?.n ?? 0) > 0) return { seeded: false };
  const text = await readFile(new URL('./seed/faq-demo.csv', import.meta.url), 'utf8');
  const parsed = parseFaqCsv(text);
  if (!parsed.ok) throw new Error(`db/seed/faq-demo.csv:\n${formatCsvErrors(parsed.errors)}`);
  return { seeded: true, counts: await importFaq(db, orgId, parsed.rows) };
}
