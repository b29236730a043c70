#!/usr/bin/env node
// `npm test`: type-check, lint, unit tests, the integration suite on PGlite and on a fresh
// database on a real Postgres server, then Playwright in Debian's Chromium against the
// production build. Every database it creates is dropped afterwards.
//   --only=unit|int|e2e|static   run one stage (several may be given, comma-separated)
//   -- <files…>                  pass on to vitest / Playwright (e.g. one spec while developing)
//   PULSE_SKIP_BUILD=1           reuse the existing .next build for the e2e stage
//   TEST_DATABASE_URL            the Postgres server to use (default postgres://postgres@127.0.0.1:5432/postgres)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const want = (stage) => only.length === 0 || only.includes(stage);
const dashDash = process.argv.indexOf('--');
const passOn = dashDash === -1 ? [] : process.argv.slice(dashDash + 1);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = [];
const counts = { passed: 0, failed: 0 };
const cleanups = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ label, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

function addVitestCounts(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    counts.passed += j.numPassedTests;
    counts.failed += j.numFailedTests;
  } catch {
    counts.failed += 1;
  }
}

function addPlaywrightCounts(file) {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats;
    counts.passed += s.expected + s.flaky;
    counts.failed += s.unexpected;
  } catch {
    counts.failed += 1;
  }
}

function findPgBin(name) {
  const fromPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (fromPath) return fromPath;
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  for (const v of fs.readdirSync(base).sort().reverse()) {
    const p = path.join(base, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

async function canConnect(url) {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** A throwaway cluster from the local initdb/pg_ctl, for machines without a running server. */
function startThrowawayCluster() {
  const initdb = findPgBin('initdb');
  const pgctl = findPgBin('pg_ctl');
  if (!initdb || !pgctl) {
    console.error(
      'No Postgres server answered at TEST_DATABASE_URL (default 127.0.0.1:5432), and initdb/pg_ctl were not found.\n' +
        'Install PostgreSQL (e.g. `apt-get install -y postgresql`) or set TEST_DATABASE_URL to a server you own.',
    );
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-pg-'));
  const port = 55_000 + Math.floor(Math.random() * 5000);
  // initdb refuses to run as root: use the postgres system user when we are root.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) spawnSync('chown', ['postgres', dir]);
  const sh = (args) => spawnSync(asUser[0] ?? args[0], asUser.length ? [...asUser.slice(1), ...args] : args.slice(1), { stdio: 'inherit' });
  console.log(`[test] starting a throwaway Postgres cluster in ${dir} on port ${port}`);
  if (sh([initdb, '-D', `${dir}/data`, '-U', 'postgres', '--auth=trust']).status !== 0) process.exit(1);
  if (sh([pgctl, '-D', `${dir}/data`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', 'start']).status !== 0) process.exit(1);
  cleanups.push(() => {
    sh([pgctl, '-D', `${dir}/data`, '-m', 'fast', 'stop']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

async function createDatabase(serverUrl, name) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database "${name}"`);
  await sql.end();
  cleanups.push(async () => {
    const s = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await s.unsafe(`drop database if exists "${name}" with (force)`);
    await s.end();
  });
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const CHROMIUM = '/usr/bin/chromium';
const INSTALL_CHROMIUM = 'apt-get update && apt-get install -y chromium';

/**
 * Playwright runs in Debian's Chromium (playwright.config.ts). When it is missing, installs it as
 * root or with passwordless sudo; otherwise says how, and the e2e stage is reported as skipped.
 */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (hasApt && (root || sudo)) {
    const cmd = root ? ['sh', ['-c', INSTALL_CHROMIUM]] : ['sudo', ['-n', 'sh', '-c', INSTALL_CHROMIUM]];
    run(`install Debian Chromium (${root ? '' : 'sudo '}${INSTALL_CHROMIUM})`, cmd[0], cmd[1], { DEBIAN_FRONTEND: 'noninteractive' });
    if (fs.existsSync(CHROMIUM)) return true;
  }
  console.error(
    `\n[test] Debian Chromium is missing at ${CHROMIUM}, and this script cannot install it ` +
      `(${!hasApt ? 'no apt-get on this machine' : 'needs root or passwordless sudo'}).\n` +
      `[test] Install it, then run \`npm test\` again:\n    sudo sh -c '${INSTALL_CHROMIUM}'\n` +
      '[test] The end-to-end stage is SKIPPED; the other stages ran.\n',
  );
  return false;
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  process.env.AUTH_SECRET ??= 'test-secret-not-for-production-0123456789';
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });

  if (want('static')) {
    run('type-check (tsc)', bin('tsc'), ['--noEmit']);
    run('lint (eslint, Next.js rules)', bin('eslint'), ['--max-warnings=0', '.']);
  }
  if (want('unit')) {
    run('unit tests', bin('vitest'), ['run', '--config', 'vitest.unit.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json', ...passOn]);
    addVitestCounts(path.join(root, 'test-results/unit.json'));
  }

  let serverUrl = null;
  if (want('int') || want('e2e')) {
    serverUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    if (!(await canConnect(serverUrl))) serverUrl = startThrowawayCluster();
  }
  const stamp = `${Date.now().toString(36)}_${process.pid}`;

  if (want('int')) {
    run('integration tests on PGlite', bin('vitest'), ['run', '--config', 'vitest.integration.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/int-pglite.json', ...passOn], {
      PULSE_TEST_DRIVER: 'pglite',
    });
    addVitestCounts(path.join(root, 'test-results/int-pglite.json'));
    const url = await createDatabase(serverUrl, `pulse_test_${stamp}_int`);
    run('integration tests on Postgres', bin('vitest'), ['run', '--config', 'vitest.integration.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/int-postgres.json', ...passOn], {
      PULSE_TEST_DRIVER: 'postgres',
      TEST_DATABASE_URL: url,
    });
    addVitestCounts(path.join(root, 'test-results/int-postgres.json'));
  }

  if (want('e2e')) {
    if (!ensureChromium()) {
      results.push({ label: 'end-to-end tests (Playwright, Chromium)', ok: false, skipped: true, seconds: '0.0' });
      return;
    }
    const skipBuild = process.env.PULSE_SKIP_BUILD === '1' && fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
    if (skipBuild || run('production build (next build)', bin('next'), ['build'])) {
      const url = await createDatabase(serverUrl, `pulse_test_${stamp}_e2e`);
      const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-e2e-pglite-'));
      cleanups.push(() => fs.rmSync(pgliteDir, { recursive: true, force: true }));
      run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test', ...passOn], { E2E_DATABASE_URL: url, E2E_PGLITE_DIR: pgliteDir });
      addPlaywrightCounts(path.join(root, 'test-results/e2e.json'));
    }
  }
}

let exitCode = 0;
try {
  await main();
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (e) {
      console.error('[test] cleanup failed:', e.message);
    }
  }
}
console.log('\n━━ summary ━━');
for (const r of results) console.log(r.skipped ? `SKIP  ${r.label} (Chromium missing: counts as a failure)` : `${r.ok ? 'ok  ' : 'FAIL'}  ${r.label} (${r.seconds}s)`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
if (results.some((r) => !r.ok) || counts.failed > 0) exitCode = 1;
process.exit(exitCode);
