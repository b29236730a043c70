import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests: real service verbs against a real database (PGlite by default,
 * Postgres with PULSE_TEST_DRIVER=postgres and TEST_DATABASE_URL). See tests/integration/support.
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: 'tests/integration/global-setup.ts',
    setupFiles: ['tests/integration/support/env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
