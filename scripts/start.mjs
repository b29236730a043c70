#!/usr/bin/env node
// `npm start`: Pulse in production mode. Without DATABASE_URL it runs on embedded PGlite in .data/
// with a demo workspace; the first start (or a start after the sources changed) builds first.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const dataDir = path.resolve(process.env.PULSE_DATA_DIR || path.join(root, '.data'));
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

fs.mkdirSync(dataDir, { recursive: true });

// AUTH_SECRET: taken from the environment, else generated once and kept in .data/.
if (!process.env.AUTH_SECRET) {
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
process.env.AUTH_TRUST_HOST ??= 'true';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

// PGlite is a single-process database: refuse a second server on the same data directory.
if (!process.env.DATABASE_URL) {
  // The embedded demo runs on the user's own machine: a local SMTP server (e.g. Mailpit) is fine there.
  process.env.PULSE_SMTP_ALLOW_PRIVATE ??= 'true';
  const lock = path.join(dataDir, 'pulse.pid');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      alive = pid > 0 && pid !== process.pid && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) {
      console.error(`Pulse is already running on ${dataDir} (pid ${pid}). Stop it first, or set PULSE_DATA_DIR or DATABASE_URL.`);
      process.exit(1);
    }
  }
  fs.writeFileSync(lock, String(process.pid));
  process.on('exit', () => fs.rmSync(lock, { force: true }));
}

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['app', 'components', 'lib', 'drizzle', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package.json']) {
    visit(path.join(root, p));
  }
  return newest;
}

if (!dev) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const st = fs.statSync(buildId, { throwIfNoEntry: false });
  if (!st || st.mtimeMs < newestSourceMtime()) {
    console.log('[pulse] building the production bundle (first start or changed sources)…');
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

process.env.PORT ||= '3000';
if (!dev) process.env.NODE_ENV = 'production';
const args = ['--import', 'tsx', path.join(root, 'scripts', 'server.ts'), ...(dev ? ['--dev'] : [])];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
