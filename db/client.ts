import type { Database } from './types';

/**
 * The client factory for Node: DATABASE_URL set → postgres.js; unset → PGlite in DATA_DIR.
 * The drivers are imported lazily so that a process only loads the one it uses.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  /** Who opens an embedded directory ("server", "cli"), named in the lock file. */
  role?: string;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(opts.databaseUrl);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(opts.dataDir, { role: opts.role });
}
