// bench/click.mjs — the click redirect under load: Pulse's real tracking path against a bare
// node:http + `postgres` baseline doing the same work, on a fresh database (created and dropped).
//   BENCH_SECONDS (10) seconds per measurement   BENCH_ROUNDS (2) turns per server   BENCH_LAUNCHER=1 skip Next.js
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { fmt, freshDatabase, root } from './lib/db.mjs';
import { signToken } from './lib/token.mjs';

process.env.AUTH_SECRET ||= 'pulse-bench-secret-not-for-production-0123456789';
const SENDS = 10_000;
const LINKS = 5;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

async function seed(sql) {
  const [ws] = await sql`insert into workspaces (slug, name, benchmarks) values (${`bench-${Date.now()}`}, 'Bench', '{}'::jsonb) returning id`;
  const [c] = await sql`
    insert into campaigns (workspace_id, name, status, started_at, finished_at)
    values (${ws.id}, 'Click bench', 'sent', now() - interval '2 hours', now() - interval '1 hour') returning id`;
  const links = await sql`
    insert into campaign_links (workspace_id, campaign_id, url)
    select ${ws.id}, ${c.id}, 'https://shop.example/product/' || g || '?utm_source=pulse' from generate_series(1, ${LINKS}) g returning id, url`;
  await sql`insert into contacts (workspace_id, email) select ${ws.id}, 'c' || g || '@bench.test' from generate_series(1, ${SENDS}) g`;
  const sends = await sql`
    insert into campaign_sends (workspace_id, campaign_id, contact_id, email, status, sent_at)
    select workspace_id, ${c.id}, id, email, 'sent', now() - interval '1 hour' from contacts where workspace_id = ${ws.id} returning id`;
  await sql`vacuum analyze`;
  return { links: links.map((l) => ({ id: Number(l.id), url: l.url })), sends: sends.map((s) => Number(s.id)) };
}

/** One click path per send (a random link each), shuffled so neighbours hit different rows. */
function clickPaths({ sends, links }) {
  const paths = sends.map((id, i) => `/t/c/${signToken('click', [id, links[i % links.length].id])}`);
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [paths[i], paths[j]] = [paths[j], paths[i]];
  }
  return paths;
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

/** Spawns a server and resolves once it prints its ready line. */
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

function load(url, paths, seconds) {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'user-agent': UA },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              req.path = paths[next++ % paths.length];
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function measure(label, url, paths, sql, expected) {
  const probe = await fetch(`${url}${paths[0]}`, { redirect: 'manual', headers: { 'user-agent': UA } });
  // Both servers append the signed click id (pulse_cid) to the campaign's own URL.
  const location = probe.headers.get('location') ? new URL(probe.headers.get('location')) : null;
  const clickId = location?.searchParams.get('pulse_cid');
  location?.searchParams.delete('pulse_cid');
  if (probe.status !== 302 || !clickId || !expected.has(location.href)) {
    throw new Error(`${label}: probe answered ${probe.status} ${probe.headers.get('location')}, expected a 302 to a campaign URL`);
  }
  process.stdout.write(`  ${label}: warm-up ${WARMUP_SECONDS}s… `);
  await load(url, paths, WARMUP_SECONDS);
  await new Promise((r) => setTimeout(r, 500));
  const [{ last }] = await sql`select coalesce(max(id), 0)::bigint as last from events`;
  process.stdout.write(`measuring ${SECONDS}s… `);
  const r = await load(url, paths, SECONDS);
  await new Promise((r2) => setTimeout(r2, 1000));
  const [{ n }] = await sql`select count(*)::int as n from events where type = 'click' and id > ${last}`;
  const answered = r['2xx'] + r['3xx'];
  console.log('done');
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    answered,
    redirects: r['3xx'],
    other: r.non2xx - r['3xx'] + r.errors + r.timeouts,
    events: n,
    // Every 302 must have its event (the insert comes first): events < 302s would be lost clicks.
    lost: Math.max(0, r['3xx'] - n),
    // Requests in flight when autocannon stopped: the server may finish them uncounted, so
    // 302s ≤ events ≤ requests sent; more events than requests would be double counting.
    inFlight: r.requests.sent - r['2xx'] - r.non2xx,
    doubled: Math.max(0, n - r.requests.sent),
  };
}

async function main() {
  console.log(`\n== click path: ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS}s per server, ${fmt(SENDS)} sends × ${LINKS} links, unique tokens ==`);
  const db = await freshDatabase('click');
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const cleanup = [() => sql.end({ timeout: 2 }), db.drop];
  process.once('SIGINT', async () => {
    for (const c of cleanup) await c().catch(() => {});
    process.exit(130);
  });
  try {
    const seeded = await seed(sql);
    const paths = clickPaths(seeded);
    const expected = new Set(seeded.links.map((l) => new URL(l.url).href));
    const env = { DATABASE_URL: db.url, AUTH_SECRET: process.env.AUTH_SECRET, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1' };

    // Both servers stay up (an idle one costs nothing) and are measured in turns, so a noisy
    // neighbour on this 2-core machine hits both sides alike.
    const basePort = await freePort();
    const base = await startServer('baseline', [path.join(root, 'bench', 'baseline-server.mjs'), String(basePort)], env, 20_000);
    cleanup.unshift(base.stop);
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port), NODE_ENV: 'production' };
    const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
    let pulse = null;
    let pulseLabel = 'pulse: scripts/server.ts (Next.js loaded, /t/ bypass)';
    if (hasBuild && !process.env.BENCH_LAUNCHER) {
      console.log('  starting the real server (scripts/server.ts with the .next build)…');
      pulse = await startServer('pulse', ['--import', 'tsx', path.join(root, 'scripts', 'server.ts')], serverEnv, 120_000).catch((e) => {
        console.log(`  (the real server did not start: ${e.message}; using the tracking-only launcher)`);
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
      results.push(await measure(`baseline: bare node:http + postgres #${round}`, `http://127.0.0.1:${basePort}`, paths, sql, expected));
      results.push(await measure(`${pulseLabel} #${round}`, `http://127.0.0.1:${port}`, paths, sql, expected));
    }

    console.log('');
    console.log('  server                                                   req/s   p50 ms   p99 ms   3xx      click events  lost  other');
    for (const r of results) {
      console.log(
        `  ${r.label.padEnd(55)} ${fmt(r.rps).padStart(7)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)}   ${fmt(r.redirects).padEnd(8)} ${fmt(r.events).padEnd(13)} ${String(r.lost).padEnd(5)} ${r.other}`,
      );
    }
    const mean = (side, key) => {
      const rs = results.filter((_, i) => i % 2 === side);
      return rs.reduce((a, r) => a + r[key], 0) / rs.length;
    };
    const ratio = mean(1, 'rps') / mean(0, 'rps');
    console.log(`\n  mean req/s: baseline ${fmt(mean(0, 'rps'))}, pulse ${fmt(mean(1, 'rps'))}; mean p99 ${fmt(mean(0, 'p99'), 1)} vs ${fmt(mean(1, 'p99'), 1)} ms`);
    console.log(`  ratio pulse / baseline: ${ratio.toFixed(2)}× req/s (target ≥ 0.5×, aim 1.0×)`);
    const lost = results.reduce((s, r) => s + r.lost, 0);
    const doubled = results.reduce((s, r) => s + r.doubled, 0);
    console.log(
      `  lost clicks: ${lost}, double-counted: ${doubled} (302s ≤ click events ≤ requests sent; in flight at each stop: ${results.map((r) => r.events - r.redirects).join(' / ')} of ≤ ${results.map((r) => r.inFlight).join(' / ')})`,
    );
    console.log(`  ceiling: every click is one INSERT; ~13k pooled single-row inserts/s on this Postgres, so ~13k clicks/s per database.`);
    console.log('  scaling out: the handler is stateless (signed tokens, no sessions, no in-process counters), so N instances');
    console.log('  behind a load balancer add up until the database insert rate is the ceiling; past that, buffer clicks and');
    console.log('  insert in batches (~180k rows/s here) or shard events by workspace. The roll-up is a separate worker.');
    if (lost > 0 || doubled > 0) process.exitCode = 1;
  } finally {
    for (const c of cleanup) await c().catch((e) => console.error('cleanup failed:', e.message));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
