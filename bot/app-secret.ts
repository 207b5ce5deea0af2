import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomHex } from '../shared/crypto';
import type { Logger } from './logger';

/** APP_SECRET, when not given, is generated once into DATA_DIR and kept there (mode 600). */
export function loadOrCreateAppSecret(dataDir: string, logger: Logger): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters`);
    return secret;
  }
  const secret = randomHex(32);
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  logger.warn('APP_SECRET not set: generated one into DATA_DIR; back it up with the database', {
    file,
  });
  return secret;
}
