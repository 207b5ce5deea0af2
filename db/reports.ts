import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { reports } from './schema';
import type { Queryable } from './types';

/**
 * Stored reports (the twice-yearly satisfaction report, decision 025): numbered versions per
 * organisation, kind and round; a published version keeps its frozen figures and never changes.
 */
export type ReportRow = typeof reports.$inferSelect;

/** Every version of a round's report of this kind, oldest first. */
export async function reportVersionRows(
  db: Queryable,
  orgId: string,
  kind: string,
  roundLabel: string,
): Promise<ReportRow[]> {
  return db
    .select()
    .from(reports)
    .where(
      and(eq(reports.orgId, orgId), eq(reports.kind, kind), eq(reports.roundLabel, roundLabel)),
    )
    .orderBy(reports.version);
}

/** Adds a version of a report. */
export async function insertReportVersion(
  db: Queryable,
  row: Omit<typeof reports.$inferInsert, 'id' | 'createdAt'>,
): Promise<void> {
  await db.insert(reports).values(row);
}

/** Changes a (draft) version: its recommendations, or its frozen figures when published. */
export async function updateReportVersion(
  db: Queryable,
  id: string,
  changes: Partial<Pick<ReportRow, 'recommendations' | 'figures' | 'publishedAt'>>,
): Promise<void> {
  await db.update(reports).set(changes).where(eq(reports.id, id));
}

/** The organisation's published versions of every kind, newest round and version first. */
export async function publishedReportRows(db: Queryable, orgId: string): Promise<ReportRow[]> {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.orgId, orgId), isNotNull(reports.publishedAt)))
    .orderBy(desc(reports.roundLabel), desc(reports.version));
}
