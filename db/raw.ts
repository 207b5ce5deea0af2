import type { SQL } from 'drizzle-orm';
import type { Queryable } from './types';

/**
 * The webhook's hot statements (db/inbox.ts, db/outbox.ts, db/conversations.ts) are written
 * as `sql` templates: drizzle's query builder spent 100–290 µs building each of them, the
 * template about 7 µs (decision 046). Their rows come back as the driver gives them, the same
 * on PGlite and postgres.js behind drizzle: timestamps as text, jsonb parsed, integers as
 * numbers; columns are named with `as "camelCase"` in the SQL. These helpers read them.
 */
export async function rawRows(q: Queryable, query: SQL): Promise<Record<string, unknown>[]> {
  const r: unknown = await q.execute(query);
  if (Array.isArray(r)) return r;
  if (r && typeof r === 'object' && 'rows' in r && Array.isArray(r.rows)) return r.rows;
  throw new Error('unexpected result shape from the database driver');
}

/** A timestamp column as a Date (drizzle's drivers give timestamptz as text). */
export const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const asDateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : asDate(v);
/** A jsonb column (parsed by both drivers; text is parsed here in case one does not). */
export const asJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
