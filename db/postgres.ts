import { drizzle } from 'drizzle-orm/postgres-js';
import { connectPostgres, type PostgresOptions } from './postgres-client';
import * as schema from './schema';
import type { Database } from './types';

export type { PostgresOptions };

/** A postgres.js pool behind drizzle, with migrations (Node: `DATABASE_URL`, `npm run db:migrate`). */
export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const { db, sql } = connectPostgres(url, options);
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
