import type { Logger } from './logger';

/**
 * postgres.js 3.4.9 (the latest) can write to a connection it has already closed: a small
 * write is deferred with setImmediate, the server ends the connection (a restart, a failover,
 * `pg_terminate_backend`), `closed()` sets the socket to null, then the deferred write throws
 * `TypeError: Cannot read properties of null (reading 'write')` from a timer callback: an
 * uncaught exception that ends the whole process (porsager/postgres#1154, #1208; unreleased
 * fixes #1168, #1209). The query that wrote has already been rejected with CONNECTION_CLOSED
 * and the pool replaces the connection, so that one exception is logged and survived; any
 * other uncaught exception still ends the process as Node would (decision 044).
 * Node only, and only with DATABASE_URL.
 */
export function isClosedSocketWrite(e: unknown): boolean {
  return (
    e instanceof TypeError &&
    /null \(reading 'write'\)|evaluating 'socket\.write'/.test(e.message) &&
    /nextWrite/.test(e.stack ?? '') &&
    /postgres[\\/]src[\\/]connection\.js/.test(e.stack ?? '')
  );
}

let installed = false;

export function guardPostgresClosedSocketWrites(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (e, origin) => {
    if (isClosedSocketWrite(e)) {
      logger.warn('database connection closed under a pending write; the pool reconnects', {
        error: String(e),
      });
      return;
    }
    // As Node does without a handler: print and exit 1.
    process.stderr.write(`${origin}: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  });
}
