import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: kill -9, a cut database, a failing LINE Platform, a moved clock. */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
