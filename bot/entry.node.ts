import { EnvError, isSimulatorMode, parseEnv } from './env';
import { startServer } from './node-server';

/** `npm start`: parse the environment, start everything, print where to go. */
try {
  const env = parseEnv(process.env);
  const server = await startServer(env);
  const lines = [
    `FangSiang is running (${server.deps.dbKind === 'pglite' ? `PGlite in ${env.DATA_DIR}` : 'PostgreSQL'})`,
    `  webhook:        ${server.url}/webhook/${env.DEFAULT_ORG_SLUG}  (and ${server.url}/webhook)`,
    isSimulatorMode(env)
      ? `  LINE simulator: ${server.url}/dev/line   (no LINE credentials set: simulator mode)`
      : `  LINE:           ${env.LINE_API_BASE_URL}`,
    `  staff console:  ${server.url}/liff/console.html?org=${env.DEFAULT_ORG_SLUG}  (staff: npm run cli -- staff invite)`,
    `  public page:    ${server.url}/public/${env.DEFAULT_ORG_SLUG}  (reports, statistics, service standards)`,
    `  corruption:     ${server.url}/public/${env.DEFAULT_ORG_SLUG}/corruption  (the separate complaint channel)`,
    `  survey:         ${server.url}/liff/survey.html?org=${env.DEFAULT_ORG_SLUG}`,
    `  health:         ${server.url}/healthz`,
  ];
  console.log(lines.join('\n'));
  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down`);
    server.stop().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (e) {
  if (e instanceof EnvError) console.error(e.message);
  else console.error(e);
  process.exit(1);
}
