import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from './postgres';
import * as schema from './schema';
import type { Database, Db } from './types';

/**
 * Embedded PostgreSQL (docs/decisions/001-pglite-embedded-default.md).
 * With a dataDir the database lives in `<dataDir>/pglite`; without one it is in memory.
 * Close it: an unclosed directory-backed PGlite keeps Node from exiting.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  let dir: string | undefined;
  if (dataDir) {
    dir = join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create(dir);
  const raw = drizzle(client, { schema });
  let closed = false;
  return {
    db: raw,
    kind: 'pglite',
    async migrate() {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(raw, { migrationsFolder: migrationsFolder() });
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
