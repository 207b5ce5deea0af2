import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
/**
 * A drizzle database over either driver (PGlite or postgres.js). Without the relational
 * schema: nothing uses `db.query`, and with it drizzle built a query helper per table for
 * every transaction (~10 % of the webhook's CPU per event).
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle: use it like a Db inside `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either a database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed SQL migrations in db/migrations (Node only: it reads the folder). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
