import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bot/app';
import { createHarness, type Harness } from '../helpers/harness';

/** Someone who opens the server's bare address gets somewhere, never a 404. */
describe('GET /', () => {
  let h: Harness | undefined;
  afterAll(() => h?.close());

  it('leads to the LINE simulator in simulator mode, else to the default organisation’s public page', async () => {
    h = await createHarness();
    const simulated = await h.app.request('/');
    expect(simulated.status).toBe(302);
    expect(simulated.headers.get('location')).toBe('/dev/line');

    const real = createApp({
      ...h.deps,
      env: { ...h.deps.env, LINE_CHANNEL_SECRET: 's'.repeat(32) },
    });
    const home = await real.request('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe(`/public/${h.slug}`);
    expect((await real.request(home.headers.get('location')!)).status).toBe(200);
  });
});
