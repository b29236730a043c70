// bench/conversion.mjs — POST /api/v1/conversions under load on loopback: Pulse's real bare
// handler (API key auth with its Postgres rate limit, JSON + zod, recordConversion) against a plain
// node:http server calling the same authenticateApiKey + recordConversion (bench/conversion.baseline.ts),
// on a fresh database (created and dropped). Every request carries a unique order id; afterwards the
// rows are counted: every 201 must have its row (zero lost), and replays of order ids add none.
//   BENCH_SECONDS (10) seconds per measurement   BENCH_ROUNDS (2) turns per server   BENCH_LAUNCHER=1 skip Next.js
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { fmt, freshDatabase, root } from './lib/db.mjs';

process.env.AUTH_SECRET ||= 'pulse-bench-secret-not-for-production-0123456789';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const REPLAYS = 500;

/** One workspace with a `purchase` goal and a write key (its sha-256 stored, as createApiKey does). */
async function seed(sql) {
  const [ws] = await sql`insert into workspaces (slug, name, benchmarks) values (${`bench-${Date.now()}`}, 'Conversion bench', '{}'::jsonb) returning id`;
  await sql`insert into conversion_goals (workspace_id, key, name, kind) values (${ws.id}, 'purchase', 'Purchase', 'macro')`;
  const key = 'pk_' + randomBytes(30).toString('base64url');
  await sql`insert into api_keys (workspace_id, name, scope, prefix, key_hash)
            values (${ws.id}, 'bench', 'write', ${key.slice(0, 11)}, ${createHash('sha256').update(key).digest('hex')})`;
  return { workspaceId: ws.id, key };
}

function orders(prefix) {
  let n = 0;
  const kept = [];
  const next = () => {
    const body = JSON.stringify({ goal: 'purchase', orderId: `${prefix}-${(n++).toString(36)}`, value: 10 + (n % 90) + 0.95, currency: 'EUR' });
    if (kept.length < REPLAYS) kept.push(body);
    return body;
  };
  return { next, kept, count: () => n };
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startServer(label, args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    let ready = false;
    child.stdout.on('data', (d) => {
      if (!ready && /ready on/.test(String(d))) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, stop: () => stopChild(child) });
      }
    });
    child.stderr.on('data', (d) => process.stderr.write(`  [${label}] ${d}`));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${label} exited with ${code} before it was ready`));
    });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function load(url, key, source, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              req.path = '/api/v1/conversions';
              req.body = source.next();
              req.headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

const countRows = async (sql, prefix) =>
  (await sql`select count(*)::int as n, count(distinct order_id)::int as orders from conversions where order_id like ${prefix + '-%'}`)[0];

async function measure(label, url, key, sql) {
  const probe = await fetch(`${url}/api/v1/conversions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ goal: 'purchase', orderId: `probe-${label}`, value: 1 }) });
  if (probe.status !== 201) throw new Error(`${label}: a conversion answered ${probe.status}, expected 201`);
  process.stdout.write(`  ${label}: warm-up ${WARMUP_SECONDS}s… `);
  await load(url, key, orders(`warm${randomBytes(4).toString('hex')}`), WARMUP_SECONDS);
  await new Promise((r) => setTimeout(r, 500));
  process.stdout.write(`measuring ${SECONDS}s… `);
  const prefix = `run${randomBytes(4).toString('hex')}`;
  const source = orders(prefix);
  const r = await load(url, key, source, SECONDS);
  let rows = await countRows(sql, prefix);
  for (let i = 0; i < 40; i++) {
    await new Promise((r2) => setTimeout(r2, 250));
    const again = await countRows(sql, prefix);
    if (again.n === rows.n && i > 1) break;
    rows = again;
  }
  // Replays of order ids already in: 200 duplicate, no new row. (A body autocannon made for a request
  // it cut off at the end may never have reached the server: its replay is the first, 201.)
  const before = await countRows(sql, prefix);
  let replayed = 0;
  let fresh = 0;
  for (let i = 0; i < source.kept.length; i += 50) {
    const statuses = await Promise.all(
      source.kept.slice(i, i + 50).map((body) =>
        fetch(`${url}/api/v1/conversions`, { method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } }).then((res) => res.status),
      ),
    );
    replayed += statuses.filter((s) => s === 200).length;
    fresh += statuses.filter((s) => s === 201).length;
  }
  const after = await countRows(sql, prefix);
  console.log('done');
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    sent: r.requests.sent,
    ok: r['2xx'],
    other: r.non2xx + r.errors + r.timeouts,
    rows: rows.n,
    // Every 2xx (201) must have its row (the transaction commits before the answer): fewer rows would be lost conversions.
    lost: Math.max(0, r['2xx'] - rows.n),
    // More rows than order ids, more than requests made, or a replay of a stored order id that added one.
    doubled: Math.max(0, after.n - source.count()) + (after.n - after.orders) + Math.max(0, after.n - before.n - fresh),
    replays: `${replayed}/${source.kept.length - fresh}`,
  };
}

async function main() {
  console.log(`\n== conversion API: ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS}s per server, one write key, each request a new order id ==`);
  const db = await freshDatabase('conversion');
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const cleanup = [() => sql.end({ timeout: 2 }), db.drop];
  process.once('SIGINT', async () => {
    for (const c of cleanup) await c().catch(() => {});
    process.exit(130);
  });
  try {
    const { key } = await seed(sql);
    // The per-key limit (600/min) would refuse most of the load: raised for the bench only.
    const env = { DATABASE_URL: db.url, AUTH_SECRET: process.env.AUTH_SECRET, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1', PULSE_API_RATE_LIMIT: '1000000000', PULSE_WORKER: 'off', NODE_ENV: 'production' };
    const basePort = await freePort();
    const base = await startServer('baseline', ['--import', 'tsx', path.join(root, 'bench', 'conversion.baseline.ts'), String(basePort)], env, 60_000);
    cleanup.unshift(base.stop);
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port) };
    const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
    let pulse = null;
    let pulseLabel = 'pulse: scripts/server.ts (Next.js loaded, bare /api/v1/conversions)';
    if (hasBuild && !process.env.BENCH_LAUNCHER) {
      console.log('  starting the real server (scripts/server.ts with the .next build)…');
      pulse = await startServer('pulse', ['--import', 'tsx', path.join(root, 'scripts', 'server.ts')], serverEnv, 120_000).catch((e) => {
        console.log(`  (the real server did not start: ${e.message}; using the bare-paths launcher)`);
        return null;
      });
    }
    if (!pulse) {
      pulseLabel = 'pulse: bench/bare-server.ts (same router, no Next)';
      pulse = await startServer('pulse', ['--import', 'tsx', path.join(root, 'bench', 'bare-server.ts')], serverEnv, 60_000);
    }
    cleanup.unshift(pulse.stop);

    const results = [];
    for (let round = 1; round <= ROUNDS; round++) {
      results.push(await measure(`baseline: node:http + same functions #${round}`, `http://127.0.0.1:${basePort}`, key, sql));
      results.push(await measure(`${pulseLabel} #${round}`, `http://127.0.0.1:${port}`, key, sql));
    }

    console.log('');
    console.log('  server                                                             req/s   p50 ms   p99 ms   2xx      rows      lost  dup  replays→200  other');
    for (const r of results) {
      console.log(
        `  ${r.label.padEnd(65)} ${fmt(r.rps).padStart(7)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)}   ${fmt(r.ok).padEnd(8)} ${fmt(r.rows).padEnd(9)} ${String(r.lost).padEnd(5)} ${String(r.doubled).padEnd(4)} ${r.replays.padEnd(12)} ${r.other}`,
      );
    }
    const mean = (side, k) => {
      const rs = results.filter((_, i) => i % 2 === side);
      return rs.reduce((a, r) => a + r[k], 0) / rs.length;
    };
    const ratio = mean(1, 'rps') / mean(0, 'rps');
    console.log(`\n  mean req/s: baseline ${fmt(mean(0, 'rps'))}, pulse ${fmt(mean(1, 'rps'))}; mean p99 ${fmt(mean(0, 'p99'), 1)} vs ${fmt(mean(1, 'p99'), 1)} ms (${(mean(1, 'p99') / mean(0, 'p99')).toFixed(2)}×)`);
    console.log(`  ratio pulse / baseline: ${ratio.toFixed(2)}× req/s (target ≥ 0.5×)`);
    const lost = results.reduce((s, r) => s + r.lost, 0);
    const doubled = results.reduce((s, r) => s + r.doubled, 0);
    console.log(`  lost conversions: ${lost}, duplicated: ${doubled} (2xx ≤ rows ≤ requests sent; one row per order id; ${REPLAYS} replays per run answer 200 and add none)`);
    console.log(
      '  scaling out: the handler is stateless (API key and its rate-limit bucket in Postgres, no sessions or in-process counters), so N instances behind a load balancer add up until Postgres is the ceiling: one auth statement + one short transaction per conversion (goal, attribution, insert, roll-up event, webhook outbox).',
    );
    if (lost > 0 || doubled > 0) process.exitCode = 1;
  } finally {
    for (const c of cleanup) await c().catch((e) => console.error('cleanup failed:', e.message));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
