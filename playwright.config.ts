import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_PORTS } from './e2e/support/ports';

/**
 * Two real servers from the production build, both started with `npm start`'s script:
 *  - "postgres": DATABASE_URL = a fresh database on the real Postgres server, mail through a real
 *    SMTP listener (e2e/support/smtp-sink.mjs);
 *  - "pglite": the embedded demo mode in a throwaway data directory, mail in the outbox.
 */
const e2eDatabaseUrl = process.env.E2E_DATABASE_URL;
if (!e2eDatabaseUrl) throw new Error('E2E_DATABASE_URL is not set: run the suite through `npm test` (scripts/test.mjs).');
const host = new URL(e2eDatabaseUrl).hostname;
if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) {
  throw new Error(`Refusing to run e2e tests against a non-local database (${host}).`);
}

const pgliteDir = process.env.E2E_PGLITE_DIR ?? path.join(os.tmpdir(), `pulse-e2e-${process.pid}`);
const secret = process.env.AUTH_SECRET ?? 'e2e-secret-not-for-production-0123456789';
// PULSE_SMTP_ALLOW_PRIVATE: tests point workspace SMTP settings at listeners on 127.0.0.1.
const base = { NEXT_TELEMETRY_DISABLED: '1', AUTH_SECRET: secret, AUTH_TRUST_HOST: 'true', PULSE_SMTP_ALLOW_PRIVATE: 'true' };

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [
    { name: 'postgres', testIgnore: /demo\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${E2E_PORTS.postgresApp}` } },
    { name: 'pglite', testMatch: /demo\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${E2E_PORTS.pgliteApp}` } },
  ],
  webServer: [
    {
      command: 'node e2e/support/smtp-sink.mjs',
      port: E2E_PORTS.smtp,
      reuseExistingServer: false,
      env: { SMTP_SINK_PORT: String(E2E_PORTS.smtp) },
    },
    {
      command: 'node scripts/start.mjs',
      url: `http://127.0.0.1:${E2E_PORTS.postgresApp}/sign-in`,
      reuseExistingServer: false,
      timeout: 360_000,
      env: {
        ...base,
        PORT: String(E2E_PORTS.postgresApp),
        DATABASE_URL: e2eDatabaseUrl,
        SMTP_URL: `smtp://127.0.0.1:${E2E_PORTS.smtp}`,
        PULSE_DEMO: 'false',
        // Only here: the test-only clock route (app/api/test/clock) answers 404 everywhere else.
        PULSE_TEST_CLOCK: '1',
        // e2e/outgoing-webhooks.spec.ts points an outgoing webhook at a listener on 127.0.0.1.
        PULSE_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    },
    {
      command: 'node scripts/start.mjs',
      url: `http://127.0.0.1:${E2E_PORTS.pgliteApp}/sign-in`,
      reuseExistingServer: false,
      timeout: 360_000,
      env: { ...base, PORT: String(E2E_PORTS.pgliteApp), PULSE_DATA_DIR: pgliteDir, DATABASE_URL: '', SMTP_URL: '' },
    },
  ],
});
