// bench/smartlink.mjs — the public SmartLink page under load: Pulse's real /l/<slug> path (slug check,
// visitor cookie + keyed hash, bot/preview/prefetch, source and device classification, the page and
// the visit in one prepared statement, the HTML) against a bare node:http + `postgres` baseline doing
// the same statement and the same HTML, on a fresh database (created and dropped). Then every 200 is
// checked against the visit rows in the database: zero lost visits, or the bench fails.
//   BENCH_SECONDS (10) seconds per measurement   BENCH_ROUNDS (2) turns per server   BENCH_LAUNCHER=1 skip Next.js
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** One workspace; one published page with five items per measurement (so each run counts its own rows). */
async function seed(sql, count) {
  const [ws] = await sql`insert into workspaces (slug, name, benchmarks) values (${`bench-${Date.now()}`}, 'SmartLink bench', '{}'::jsonb) returning id`;
  const slugs = [];
  for (let i = 0; i < count; i++) {
    const slug = `bench-${i}-${randomBytes(3).toString('hex')}`;
    const [page] = await sql`insert into smartlink_pages (workspace_id, slug, title, bio, status, published_at, theme)
      values (${ws.id}, ${slug}, 'Roastery Noord', 'Small-batch coffee, roasted every Tuesday.', 'published', now(), ${sql.json({ preset: 'sunset', accent: null, buttonStyle: 'pill' })}) returning id`;
    const labels = ['Shop our beans', 'Join the newsletter', 'Spring harvest', 'Watch: how we roast', 'Visit the roastery'];
    for (const [p, label] of labels.entries()) {
      await sql`insert into smartlink_items (workspace_id, page_id, kind, label, url, image_url, position)
        values (${ws.id}, ${page.id}, ${p === 2 ? 'image' : p === 3 ? 'video' : 'button'}, ${label}, ${`https://roastery.example/${p}`}, ${p === 2 ? 'https://img.example/harvest.jpg' : null}, ${p})`;
    }
    slugs.push(slug);
  }
  return slugs;
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

/** Half the requests are first visits (no cookie: the fingerprint hash and a Set-Cookie), half returning browsers. */
function load(url, slug, seconds) {
  const run = randomBytes(6).toString('base64url');
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const i = n++;
              req.path = `/l/${slug}`;
              req.headers = { 'user-agent': UA, referer: 'https://www.instagram.com/', ...(i % 2 ? { cookie: `pulse_sl=${run}${i.toString(36).padStart(14, '0')}` } : {}) };
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

const countVisits = async (sql, slug) =>
  (await sql`select count(*)::int as n from smartlink_hits h join smartlink_pages p on p.id = h.page_id where p.slug = ${slug} and h.type = 'visit'`)[0].n;

async function measure(label, url, [warmSlug, slug], sql) {
  const probe = await fetch(`${url}/l/${slug}-missing`);
  if (probe.status !== 404) throw new Error(`${label}: an unknown slug answered ${probe.status}, expected 404`);
  await probe.arrayBuffer();
  process.stdout.write(`  ${label}: warm-up ${WARMUP_SECONDS}s… `);
  await load(url, warmSlug, WARMUP_SECONDS);
  await new Promise((r) => setTimeout(r, 500));
  process.stdout.write(`measuring ${SECONDS}s… `);
  const r = await load(url, slug, SECONDS);
  // Loads still in flight when the load stopped finish on the server: count once the rows settle.
  let rows = await countVisits(sql, slug);
  for (let i = 0; i < 40; i++) {
    await new Promise((r2) => setTimeout(r2, 250));
    const again = await countVisits(sql, slug);
    if (again === rows && i > 1) break;
    rows = again;
  }
  console.log('done');
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    sent: r.requests.sent,
    ok: r['2xx'],
    other: r.non2xx + r.errors + r.timeouts,
    rows,
    // The insert is awaited before the page is sent: every 200 must have its visit row.
    lost: Math.max(0, r['2xx'] - rows),
    // More rows than requests sent would be double counting.
    doubled: Math.max(0, rows - r.requests.sent),
  };
}

async function main() {
  console.log(`\n== SmartLink page: GET /l/<slug>, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS}s per server, every load a recorded visit ==`);
  const db = await freshDatabase('smartlink');
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const cleanup = [() => sql.end({ timeout: 2 }), db.drop];
  process.once('SIGINT', async () => {
    for (const c of cleanup) await c().catch(() => {});
    process.exit(130);
  });
  try {
    const slugs = await seed(sql, 4 * ROUNDS);
    const env = { DATABASE_URL: db.url, AUTH_SECRET: process.env.AUTH_SECRET, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1' };
    const basePort = await freePort();
    const base = await startServer('baseline', ['--import', 'tsx', path.join(root, 'bench', 'smartlink.baseline.mjs'), String(basePort)], env, 30_000);
    cleanup.unshift(base.stop);
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port), NODE_ENV: 'production', PULSE_WORKER: 'off' };
    const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
    let pulse = null;
    let pulseLabel = 'pulse: scripts/server.ts (Next.js loaded, /l/ bypass)';
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
    let t = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      results.push(await measure(`baseline: bare node:http + postgres #${round}`, `http://127.0.0.1:${basePort}`, [slugs[t++], slugs[t++]], sql));
      results.push(await measure(`${pulseLabel} #${round}`, `http://127.0.0.1:${port}`, [slugs[t++], slugs[t++]], sql));
    }

    console.log('');
    console.log('  server                                                   req/s   p50 ms   p99 ms   200s      visit rows  lost  dup  other');
    for (const r of results) {
      console.log(
        `  ${r.label.padEnd(55)} ${fmt(r.rps).padStart(7)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)}   ${fmt(r.ok).padEnd(9)} ${fmt(r.rows).padEnd(11)} ${String(r.lost).padEnd(5)} ${String(r.doubled).padEnd(4)} ${r.other}`,
      );
    }
    const mean = (side, key) => {
      const rs = results.filter((_, i) => i % 2 === side);
      return rs.reduce((a, r) => a + r[key], 0) / rs.length;
    };
    const ratio = mean(1, 'rps') / mean(0, 'rps');
    console.log(`\n  mean req/s: baseline ${fmt(mean(0, 'rps'))}, pulse ${fmt(mean(1, 'rps'))}; mean p99 ${fmt(mean(0, 'p99'), 1)} vs ${fmt(mean(1, 'p99'), 1)} ms (${(mean(1, 'p99') / mean(0, 'p99')).toFixed(2)}×)`);
    console.log(`  ratio pulse / baseline: ${ratio.toFixed(2)}× req/s (target ≥ 0.5×)`);
    const lost = results.reduce((s, r) => s + r.lost, 0);
    const doubled = results.reduce((s, r) => s + r.doubled, 0);
    const other = results.reduce((s, r) => s + r.other, 0);
    console.log(`  lost visits: ${lost}, duplicated: ${doubled}, non-200 answers: ${other} (every 200 has its visit row: 200s ≤ rows ≤ requests sent)`);
    console.log(
      '  scaling out: the /l/ handler is stateless (the page, its items and the visit in one statement; the visitor cookie is random and hashed, no session, no in-process state), so N instances behind any load balancer add up; the ceiling is Postgres\'s insert rate into smartlink_hits (one single-row insert per page load). Past that: batch the visit inserts, then partition smartlink_hits by time.',
    );
    if (lost > 0 || doubled > 0 || other > 0) process.exitCode = 1;
  } finally {
    for (const c of cleanup) await c().catch((e) => console.error('cleanup failed:', e.message));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
