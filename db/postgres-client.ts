import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from './types';

export interface PostgresOptions {
  /** Pool size. On Workers use a client per request with max 1..5 (Hyperdrive pools for you). */
  max?: number;
  /**
   * Run parameterised statements as named prepared statements (default true).
   * drizzle asks postgres.js for unnamed ones, which cost a second round trip per
   * statement (Parse/Describe, then Bind/Execute); on the webhook's hot path that
   * doubled the database time. Each connection caches one statement per distinct
   * SQL text, and the pool recycles connections, so the cache stays bounded.
   */
  prepare?: boolean;
}

export type Sql = ReturnType<typeof postgres>;

/** The same client, but every parameterised query (also inside `begin`) is prepared. */
function preparing(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], opts?: Record<string, unknown>) =>
          target.unsafe(query, params as never, params?.length ? { ...opts, prepare: true } : opts);
      }
      if (prop === 'begin') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: Sql) =>
            fn(preparing(tx)),
          );
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A postgres.js client behind drizzle, with nothing Node-only in reach: the Workers
 * entry imports this module, never `db/postgres.ts` (whose `migrate()` reads the
 * migrations folder from disk) nor PGlite.
 */
export function connectPostgres(url: string, options: PostgresOptions = {}): { db: Db; sql: Sql } {
  const sql = postgres(...postgresArgs(url, { max: options.max ?? 10, fetch_types: false }));
  const db: Db = drizzle(options.prepare === false ? sql : preparing(sql));
  return { db, sql };
}

/**
 * postgres.js arguments for a DATABASE_URL, with libpq's `?host=`: a host that is a directory
 * (`?host=/var/run/postgresql`) means the server's Unix socket there. On the same machine it costs far
 * less CPU per statement than loopback TCP (decision 050). postgres.js itself would send
 * `host` to the server as a setting, so it is taken off the URL here.
 */
export function postgresArgs(
  url: string,
  options: postgres.Options<Record<string, postgres.PostgresType>> = {},
): [string, postgres.Options<Record<string, postgres.PostgresType>>] {
  const u = new URL(url);
  const host = u.searchParams.get('host');
  const base = { onnotice: () => {}, ...options };
  if (!host) return [url, base];
  u.searchParams.delete('host');
  // As libpq: a host parameter names the server, a directory its socket.
  if (!host.startsWith('/')) {
    u.hostname = host;
    return [u.toString(), base];
  }
  return [u.toString(), { ...base, path: `${host}/.s.PGSQL.${u.port || 5432}` }];
}
