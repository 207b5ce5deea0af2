import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { DeliveredMessage, RecordedRequest } from '../../bot/dev/fake-line-platform';
import worker from '../../bot/entry.worker';
import { connectPostgres } from '../../db/postgres-client';
import type { Db } from '../../db/types';
import { importHmacKey, signBody } from '../../shared/crypto';
import type {} from './provided-context';

/**
 * A database client for the test's own checks, through the same Hyperdrive binding as
 * the Worker. A client per test: in workerd a socket belongs to the request that opened it.
 */
export function testDb(): Db {
  return connectPostgres(env.HYPERDRIVE.connectionString, { max: 1, prepare: false }).db;
}

/** Calls the Worker's fetch handler and waits for everything it handed to waitUntil. */
export async function callWorker(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** POSTs a webhook body signed with the default organisation's channel secret (a Worker secret). */
export async function postWebhook(
  body: string,
  opts: { path?: string; signature?: string } = {},
): Promise<Response> {
  const signature =
    opts.signature ?? (await signBody(await importHmacKey(env.LINE_CHANNEL_SECRET), body));
  return callWorker(
    new Request(`https://fangsiang.test${opts.path ?? '/webhook'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      body,
    }),
  );
}

/** The fake LINE Platform runs in Node (global-setup.ts); tests reach it over loopback HTTP. */
export const fakeLine = {
  async replyToken(userId: string): Promise<string> {
    const res = await fetch(`${inject('lineUrl')}/__control/reply-token`, {
      method: 'POST',
      body: JSON.stringify({ userId }),
      headers: { 'content-type': 'application/json' },
    });
    return ((await res.json()) as { replyToken: string }).replyToken;
  },
  async delivered(to: string): Promise<DeliveredMessage[]> {
    const res = await fetch(`${inject('lineUrl')}/__control/delivered`);
    return ((await res.json()) as DeliveredMessage[]).filter((m) => m.to === to);
  },
  async requests(pathSuffix: string): Promise<RecordedRequest[]> {
    const res = await fetch(`${inject('lineUrl')}/__control/requests`);
    return ((await res.json()) as RecordedRequest[]).filter((r) => r.path.endsWith(pathSuffix));
  },
};

export const newUserId = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
