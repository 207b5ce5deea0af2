import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,bot,db,tests}/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/workerd/**', 'tests/faults/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
