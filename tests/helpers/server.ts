import { parseEnv, type Env } from '../../bot/env';

/**
 * The environment of `npm start` in simulator mode on a fresh DATA_DIR and a free port.
 * DATABASE_URL is kept, so the same test runs on PGlite or PostgreSQL.
 */
export function simulatorEnv(dataDir: string, extra: Record<string, string> = {}): Env {
  return parseEnv({
    // No demo answers unless a test asks for them: tests count the answers they file.
    DEMO_SURVEY_ANSWERS: '0',
    ...process.env,
    ...extra,
    PORT: '0',
    DATA_DIR: dataDir,
    LINE_CHANNEL_SECRET: undefined,
    LINE_CHANNEL_ACCESS_TOKEN: undefined,
    APP_SECRET: undefined,
  });
}
