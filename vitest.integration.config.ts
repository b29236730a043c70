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
    // Far above CONDITION_TIMEOUT_MS (tests/integration/support/sending.ts): tests wait on
    // conditions, and these limits only catch a test that hangs. On 2 cores at load 30 the
    // 100,000-row import alone took 11 minutes; a busy machine must make the suite slow, not red.
    testTimeout: 900_000,
    hookTimeout: 300_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
