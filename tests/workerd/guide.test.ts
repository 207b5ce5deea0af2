import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../bot/entry.worker';
import type {} from './provided-context';

/** The clerks' guide on Workers: pages bundled at build time (bot/admin/guide-pages.ts). */
describe("the clerks' guide in workerd", () => {
  it('serves the guide pages as HTML and the Markdown with ?raw=1', async () => {
    const get = (path: string) =>
      worker.fetch(new Request(`https://fangsiang.test${path}`), env, createExecutionContext());
    const page = await get('/guide/roles.md');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/<h1>/);
    const raw = await get('/guide/README.md?raw=1');
    expect(await raw.text()).toMatch(/^# /);
    expect((await get('/guide/nothing.md')).status).toBe(404);
  });
});
