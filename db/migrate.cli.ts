import { EnvError, parseEnv } from '../bot/env';
import { openDatabase } from './client';

/** `npm run db:migrate`: apply db/migrations to DATABASE_URL (or the PGlite in DATA_DIR). */
try {
  const env = parseEnv(process.env);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await database.migrate();
    console.log(`migrated (${database.kind})`);
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(e instanceof EnvError ? e.message : e);
  process.exit(1);
}
