import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import type { Database, Db } from './types';

export interface PostgresOptions {
  /** Pool size. On Workers use a client per request with max 1..5 (Hyperdrive pools for you). */
  max?: number;
}

/** A postgres.js pool behind drizzle. Used on Node with DATABASE_URL and on Workers via Hyperdrive. */
export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, fetch_types: false });
  const db = drizzle(sql, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      await migrate(drizzle(sql, { schema }), { migrationsFolder: migrationsFolder() });
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export function migrationsFolder(): string {
  return new URL('./migrations', import.meta.url).pathname;
}
