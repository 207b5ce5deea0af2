import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { nodeSignatureVerifier } from '../../bot/line/node-signature';

/**
 * The ceiling for `npm run bench:webhook`: a bare Hono server on @hono/node-server that
 * only reads the raw body, checks X-Line-Signature with the same check as the bot on Node,
 * and answers 200 `{}`. No database, no parsing, no queue.
 * Env: PORT (required), LINE_CHANNEL_SECRET (required), HOST (default 127.0.0.1).
 */
const secret = process.env.LINE_CHANNEL_SECRET;
const port = Number(process.env.PORT);
if (!secret || !Number.isInteger(port) || port <= 0) {
  console.error('bare-server: PORT and LINE_CHANNEL_SECRET are required');
  process.exit(1);
}
const verify = nodeSignatureVerifier(secret);

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true, db: 'none' }));
const handle = async (c: import('hono').Context) => {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  if (!verify(raw, c.req.header('x-line-signature'))) {
    return c.json(
      { error: { code: 'unauthorized', message: 'missing or invalid X-Line-Signature' } },
      401,
    );
  }
  return c.json({});
};
app.post('/webhook', handle);
app.post('/webhook/:org', handle);

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' });
const shutdown = () => server.close(() => process.exit(0));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
