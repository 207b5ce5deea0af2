import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { mkdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// wrangler.toml serves liff-app/dist as static assets; the LIFF build may not exist yet.
mkdirSync('liff-app/dist', { recursive: true });

/**
 * The workerd suite (`npm run test:workerd`): tests in tests/workerd run inside the
 * Workers runtime with wrangler.toml's bindings, against a real PostgreSQL database
 * reached through the Hyperdrive binding and the fake LINE Platform, both started by
 * tests/workerd/global-setup.ts.
 */
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        hyperdrives: { HYPERDRIVE: inject('databaseUrl') },
        bindings: {
          ...inject('workerSecrets'),
          DEFAULT_ORG_SLUG: 'workerd-demo',
          LINE_API_BASE_URL: inject('lineUrl'),
          LINE_DATA_API_BASE_URL: inject('lineUrl'),
          LOG_LEVEL: 'warn',
        },
      },
    })),
  ],
  test: {
    include: ['tests/workerd/**/*.test.ts'],
    globalSetup: ['tests/workerd/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
