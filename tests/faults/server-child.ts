/**
 * The server as `npm start` runs it, in a child process the fault suite can `kill -9`.
 * Everything comes from the environment; prints `ready <port>` once it listens.
 */
import { parseEnv } from '../../bot/env';
import { createLogger } from '../../bot/logger';
import { startServer } from '../../bot/node-server';

const env = parseEnv(process.env);
const server = await startServer(env, {
  host: '127.0.0.1',
  logger: createLogger(env.LOG_LEVEL),
  liffDir: process.env.FAULT_LIFF_DIR ?? '/nonexistent',
  // The demo organisation (its staff receive the alerts), as before a real start stopped seeding it.
  seedDemo: true,
});
process.stdout.write(`ready ${server.port}\n`);
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
