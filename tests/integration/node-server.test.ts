import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/logger';
import { simulatorEnv } from '../helpers/server';
import { startServer } from '../../bot/node-server';
import { count } from 'drizzle-orm';
import { runCli } from '../../bot/cli';
import { parseEnv } from '../../bot/env';
import { orgs, serviceCategories, staff } from '../../db/schema';
import { randomHex } from '../../shared/crypto';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What `npm start` does, on a fresh DATA_DIR (PGlite) or DATABASE_URL, in simulator mode. */
describe('the Node server in simulator mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = simulatorEnv(dataDir);

  it('starts, answers through the simulator, stops, and starts again on the same data', async () => {
    const server = await startServer(env, { logger: silentLogger, host: '127.0.0.1' });
    try {
      expect(server.simulator).not.toBeNull();
      const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      expect(await health.json()).toEqual({
        ok: true,
        db: env.DATABASE_URL ? 'postgres' : 'pglite',
      });

      const page = await fetch(`http://127.0.0.1:${server.port}/dev/line`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('เทศบาลตำบลฟังเสียง');

      const userId = newUser();
      const sent = await fetch(`http://127.0.0.1:${server.port}/dev/line/api/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId, kind: 'text', text: th.conv.menuWords[0] }),
      });
      expect(await sent.json()).toMatchObject({ ok: true, webhookStatus: 200 });
      const messages = await waitFor(async () => {
        const r = await fetch(
          `http://127.0.0.1:${server.port}/dev/line/api/messages?userId=${userId}&after=0`,
        );
        const { messages } = (await r.json()) as { messages: { message: { text: string } }[] };
        return messages.length ? messages : undefined;
      });
      expect(messages[0]!.message.text).toBe(th.chooseMenu);

      // A newcomer who opens the bare address lands in the simulator.
      const home = await fetch(`http://127.0.0.1:${server.port}/`, { redirect: 'manual' });
      expect(home.status).toBe(302);
      expect(home.headers.get('location')).toBe('/dev/line');

      // A forged webhook is refused even in simulator mode.
      const forged = await fetch(`http://127.0.0.1:${server.port}/webhook`, {
        method: 'POST',
        body: '{}',
        headers: { 'X-Line-Signature': 'AAAA' },
      });
      expect(forged.status).toBe(401);
    } finally {
      await server.stop();
    }
    if (!env.DATABASE_URL) {
      const secret = readFileSync(join(dataDir, 'app-secret'), 'utf8').trim();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
    }

    // Restart on the same data: migrations and seed are idempotent, the secret is reused.
    const again = await startServer(env, { logger: silentLogger, host: '127.0.0.1' });
    try {
      const health = await fetch(`http://127.0.0.1:${again.port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});

/**
 * A real deployment (LINE credentials set): the start creates the default organisation from the
 * template and nothing else: no demo organisation, no demo staff, no simulator. `npm run seed`
 * adds the demo organisation on purpose.
 */
describe.skipIf(Boolean(process.env.DATABASE_URL))('the Node server with LINE credentials', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-real-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with the default organisation from the template and no demo; npm run seed adds it', async () => {
    const line = await startFakeLinePlatform();
    const env = parseEnv({
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LINE_CHANNEL_SECRET: randomHex(16),
      LINE_CHANNEL_ACCESS_TOKEN: `real-${randomHex(8)}`,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      APP_SECRET: randomHex(32),
      DEFAULT_ORG_SLUG: 'thachang',
    });
    const server = await startServer(env, { logger: silentLogger, host: '127.0.0.1', jobs: false });
    try {
      expect(server.simulator).toBeNull();
      expect((await fetch(`http://127.0.0.1:${server.port}/dev/line`)).status).toBe(404);
      const db = server.deps.db;
      const slugs = (await db.select({ slug: orgs.slug }).from(orgs)).map((o) => o.slug);
      expect(slugs).toEqual(['thachang']);
      expect(await db.select({ n: count() }).from(staff)).toEqual([{ n: 0 }]);
      const [categories] = await db.select({ n: count() }).from(serviceCategories);
      expect(categories!.n).toBeGreaterThan(5);
    } finally {
      await server.stop();
      await line.close();
    }

    const out: string[] = [];
    const code = await runCli(['seed'], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      env,
    });
    expect({ code, out }).toEqual({ code: 0, out: ['the demo organisation "demo" was created'] });
  });
});
