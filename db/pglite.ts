import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './lock';
import { migrationsFolder } from './postgres';
import type { Database, Db } from './types';

/**
 * Embedded PostgreSQL (docs/decisions/001-pglite-embedded-default.md).
 * With a dataDir the database lives in `<dataDir>/pglite`; without one it is in memory.
 * The directory is locked while open (db/lock.ts): a second opener gets DataDirLockedError.
 * Close it: an unclosed directory-backed PGlite keeps Node from exiting.
 */
export async function openPglite(
  dataDir?: string,
  opts: { role?: string } = {},
): Promise<Database> {
  let dir: string | undefined;
  let lock: DataDirLock | undefined;
  if (dataDir) {
    dir = join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    // Throws DataDirLockedError while another process (or this one) has it open.
    lock = acquireDataDirLock(dataDir, opts.role);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir);
  } catch (e) {
    lock?.release();
    throw e;
  }
  const raw = drizzle(client);
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
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
