import postgres from 'postgres';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import type { Database } from '../../db/types';
import { parseEnv } from '../../bot/env';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or, when
 * DATABASE_URL is set, a new database on that PostgreSQL server, dropped on close.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = parseEnv(process.env).DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    await db.migrate();
    return db;
  }
  const name = `fs_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = openPostgres(u.toString(), { max: 5 });
  await db.migrate();
  return {
    ...db,
    async close() {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
