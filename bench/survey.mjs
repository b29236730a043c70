// bench/survey.mjs — the public survey answer under load: Pulse's real /s/ path (limits, cookie,
// one-time form id, recordAnswer with categorising) against a bare node:http + `postgres` baseline
// doing the same insert, on a fresh database (created and dropped). Then the page's weight and TTFB.
//   BENCH_SECONDS (10) seconds per measurement   BENCH_ROUNDS (2) turns per server   BENCH_LAUNCHER=1 skip Next.js
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { fmt, freshDatabase, percentile, root } from './lib/db.mjs';

process.env.AUTH_SECRET ||= 'pulse-bench-secret-not-for-production-0123456789';
const RESPONDENTS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const REPLAYS = 1000;
const PAGE_SAMPLES = 200;
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const COMMENTS = ['', '', 'Great service, fast delivery', 'Too expensive', 'Mooi product, snelle levering'];

async function seed(sql, count) {
  const [ws] = await sql`insert into workspaces (slug, name, benchmarks) values (${`bench-${Date.now()}`}, 'Survey bench', '{}'::jsonb) returning id`;
  const tokens = [];
  for (let i = 0; i < count; i++) {
    const token = randomBytes(16).toString('base64url');
    await sql`insert into surveys (workspace_id, name, status, public_token) values (${ws.id}, ${`Bench ${i}`}, 'open', ${token})`;
    tokens.push(token);
  }
  return tokens;
}

/** Each request is a new respondent: its own browser cookie and one-time form id. */
function respondents() {
  const run = randomBytes(8).toString('base64url').slice(0, 11);
  let n = 0;
  const kept = [];
  const next = () => {
    const id = (n++).toString(36).padStart(10, '0');
    const r = {
      cookie: `pulse_sv=b${run}${id}`,
      // Respondents come from their own addresses, as behind the production proxy (PULSE_TRUST_PROXY).
      ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      body: new URLSearchParams({ submissionId: `s${run}${id}`, score: String(n % 11), comment: COMMENTS[n % COMMENTS.length] }).toString(),
    };
    if (kept.length < REPLAYS) kept.push(r);
    return r;
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

function load(url, token, source, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: RESPONDENTS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const r = source.next();
              req.path = `/s/${token}`;
              req.body = r.body;
              req.headers = { 'user-agent': UA, 'content-type': 'application/x-www-form-urlencoded', cookie: r.cookie, 'x-forwarded-for': r.ip };
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

const countRows = async (sql, token) =>
  (
    await sql`select count(*)::int as n, count(distinct r.submission_id)::int as subs, count(distinct r.browser_key)::int as browsers
              from survey_responses r join surveys s on s.id = r.survey_id where s.public_token = ${token}`
  )[0];

async function measure(label, url, tokens, sql) {
  const [warmToken, token] = tokens;
  const probe = await fetch(`${url}/s/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'user-agent': UA, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'score=oops',
  });
  if (probe.status !== 400) throw new Error(`${label}: a bad score answered ${probe.status}, expected 400`);
  process.stdout.write(`  ${label}: warm-up ${WARMUP_SECONDS}s… `);
  await load(url, warmToken, respondents(), WARMUP_SECONDS);
  await new Promise((r) => setTimeout(r, 500));
  process.stdout.write(`measuring ${SECONDS}s… `);
  const source = respondents();
  const r = await load(url, token, source, SECONDS);
  // Answers still in flight when the load stopped finish on the server: count once the rows settle.
  let rows = await countRows(sql, token);
  for (let i = 0; i < 40; i++) {
    await new Promise((r2) => setTimeout(r2, 250));
    const again = await countRows(sql, token);
    if (again.n === rows.n && i > 1) break;
    rows = again;
  }
  // Replays of answers already in: the same cookie and form id again must add nothing.
  let replayed = 0;
  for (let i = 0; i < source.kept.length; i += 50) {
    const batch = source.kept.slice(i, i + 50);
    const statuses = await Promise.all(
      batch.map((x) =>
        fetch(`${url}/s/${token}`, { method: 'POST', redirect: 'manual', body: x.body, headers: { 'user-agent': UA, 'content-type': 'application/x-www-form-urlencoded', cookie: x.cookie, 'x-forwarded-for': x.ip } }).then(
          (res) => res.status,
        ),
      ),
    );
    replayed += statuses.filter((s) => s === 303).length;
  }
  const after = await countRows(sql, token);
  console.log('done');
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    sent: r.requests.sent,
    redirects: r['3xx'],
    other: r.non2xx - r['3xx'] + r.errors + r.timeouts,
    rows: rows.n,
    // Every 303 must have its row (the insert is awaited first): fewer rows would be lost answers.
    lost: Math.max(0, r['3xx'] - rows.n),
    // More rows than requests sent, a form id or a browser twice, or a replay that added one: duplicates.
    doubled: Math.max(0, rows.n - source.count()) + (rows.n - rows.subs) + (rows.n - rows.browsers) + (after.n - rows.n),
    replays: `${replayed}/${source.kept.length}`,
  };
}

/** The public page: bytes on the wire (headers + HTML with its inline CSS and JS) and time to first byte. */
function pageWeight(url, token) {
  return new Promise((resolve, reject) => {
    const ttfb = [];
    let bytes = 0;
    let headerBytes = 0;
    let externals = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const one = (i) => {
      const t0 = process.hrtime.bigint();
      const req = http.get(`${url}/s/${token}`, { agent, headers: { 'user-agent': UA, 'accept-language': 'nl-NL,nl;q=0.9' } }, (res) => {
        res.once('data', () => ttfb.push(Number(process.hrtime.bigint() - t0) / 1e6));
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`page answered ${res.statusCode}`));
          const body = Buffer.concat(chunks);
          bytes = body.length;
          headerBytes = res.rawHeaders.reduce((a, h) => a + Buffer.byteLength(h) + 2, 0) + 17;
          externals = (body.toString().match(/<(?:script|link|img)[^>]+(?:src|href)=/g) ?? []).length;
          if (i + 1 < PAGE_SAMPLES) one(i + 1);
          else {
            agent.destroy();
            ttfb.sort((a, b) => a - b);
            resolve({ bytes, headerBytes, externals, p50: percentile(ttfb, 50), p99: percentile(ttfb, 99) });
          }
        });
      });
      req.on('error', reject);
    };
    one(0);
  });
}

async function main() {
  console.log(`\n== survey answers: ${RESPONDENTS} concurrent respondents, ${ROUNDS} × ${SECONDS}s per server, each request a new cookie + form id ==`);
  const db = await freshDatabase('survey');
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const cleanup = [() => sql.end({ timeout: 2 }), db.drop];
  process.once('SIGINT', async () => {
    for (const c of cleanup) await c().catch(() => {});
    process.exit(130);
  });
  try {
    const tokens = await seed(sql, 4 * ROUNDS + 1);
    const env = { DATABASE_URL: db.url, AUTH_SECRET: process.env.AUTH_SECRET, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1' };
    const basePort = await freePort();
    const base = await startServer('baseline', [path.join(root, 'bench', 'survey.baseline.mjs'), String(basePort)], env, 20_000);
    cleanup.unshift(base.stop);
    const port = await freePort();
    // Behind a trusted proxy each respondent has its own address, so the per-address limit is taken
    // for real (one counter row per address) without throttling the load.
    const serverEnv = { ...env, PORT: String(port), NODE_ENV: 'production', PULSE_TRUST_PROXY: 'true', PULSE_WORKER: 'off' };
    const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
    let pulse = null;
    let pulseLabel = 'pulse: scripts/server.ts (Next.js loaded, /s/ bypass)';
    if (hasBuild && !process.env.BENCH_LAUNCHER) {
      console.log('  starting the real server (scripts/server.ts with the .next build)…');
      pulse = await startServer('pulse', ['--import', 'tsx', path.join(root, 'scripts', 'server.ts')], serverEnv, 120_000).catch((e) => {
        console.log(`  (the real server did not start: ${e.message}; using the survey-only launcher)`);
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
      results.push(await measure(`baseline: bare node:http + postgres #${round}`, `http://127.0.0.1:${basePort}`, [tokens[t++], tokens[t++]], sql));
      results.push(await measure(`${pulseLabel} #${round}`, `http://127.0.0.1:${port}`, [tokens[t++], tokens[t++]], sql));
    }
    const page = await pageWeight(`http://127.0.0.1:${port}`, tokens[t]);

    console.log('');
    console.log('  server                                                   req/s   p50 ms   p99 ms   303s     rows      lost  dup  replays→303  other');
    for (const r of results) {
      console.log(
        `  ${r.label.padEnd(55)} ${fmt(r.rps).padStart(7)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)}   ${fmt(r.redirects).padEnd(8)} ${fmt(r.rows).padEnd(9)} ${String(r.lost).padEnd(5)} ${String(r.doubled).padEnd(4)} ${r.replays.padEnd(12)} ${r.other}`,
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
    console.log(`  lost answers: ${lost}, duplicated: ${doubled} (303s ≤ rows ≤ requests sent; one row per form id and per browser; ${REPLAYS} replays per run add none)`);
    console.log(
      `  public page: ${fmt(page.bytes)} B HTML (inline CSS + JS, ${page.externals} external assets) + ${fmt(page.headerBytes)} B headers = ${fmt(page.bytes + page.headerBytes)} B transferred (goal < 50 kB); TTFB p50 ${fmt(page.p50, 2)} ms, p99 ${fmt(page.p99, 2)} ms over ${PAGE_SAMPLES} sequential loads`,
    );
  
    console.log(
      '  scaling out: the /s/ handler is stateless (tokens, a cookie, limits in Postgres), so N instances add up until Postgres is the ceiling: one read + one write statement (one commit) per answer, as the baseline; past that, partition survey_responses by survey.',
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
