// bench/sequence.mjs — a win-back sequence at 100,000 contacts: enrol them (activation's snapshot),
// queue step 1 for all of them (the engine's set-based due pass), deliver step 1 into a local SMTP
// listener (the real delivery loop), EXPLAIN the due-work query (must be an index scan on
// sequence_enrolments_due_idx), and a naive per-enrolment loop over a sample as the baseline.
// A fresh Postgres database, created and dropped. Run through tsx: node --import tsx bench/sequence.mjs
//   BENCH_SEQ_N (100000) contacts   BENCH_SEQ_NAIVE (2000) baseline sample   BENCH_SEQ_BATCH (5000) pass batch
//   BENCH_SEQ_WORKERS (2) delivery loops at once   BENCH_SEND_POOL (10) SMTP connections each
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { fmt, freshDatabase } from './lib/db.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_SEQ_N || 100_000);
const NAIVE = Math.min(N, Number(process.env.BENCH_SEQ_NAIVE || 2_000));
const BATCH = Number(process.env.BENCH_SEQ_BATCH || 5_000);
const POOL = Number(process.env.BENCH_SEND_POOL || 10);
const WORKERS = Number(process.env.BENCH_SEQ_WORKERS || 2);
const DAY = 86_400_000;
const DUE_INDEX = 'sequence_enrolments_due_idx';

/**
 * The sequence engine, in one place (lib/sequences: lifecycle.ts and engine.ts). Everything else
 * in this file is set-up and measurement; if the engine's API moves, only this changes.
 */
async function sequenceEngine() {
  const { activateSequence } = await import('../lib/sequences/lifecycle.ts');
  const { runSequencePass } = await import('../lib/sequences/engine.ts');
  return {
    /** Draft → active; entry `once` enrols the audience snapshot in the same transaction. */
    activate: async (ctx, sequenceId) => (await activateSequence({ ctx, input: { sequenceId, baseUrl: 'https://pulse.example' } })).enrolled,
    /** One due pass at `now`, batch by batch until nothing is due. */
    pass: (db, now) => runSequencePass(db, { now, batchSize: BATCH }),
  };
}

/** The SMTP listener of bench/send.mjs (a separate process that accepts, counts and discards). */
function startSink() {
  const child = spawn(process.execPath, [path.join(here, 'send.mjs'), '--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (msg, key) =>
    new Promise((resolve) => {
      const on = (m) => {
        if (m && key in m) {
          child.off('message', on);
          resolve(m[key]);
        }
      };
      child.on('message', on);
      if (msg) child.send(msg);
    });
  return ask(null, 'port').then((port) => ({ port, accepted: () => ask('count', 'accepted'), stop: () => child.send('stop') }));
}

const seconds = (t0) => (performance.now() - t0) / 1000;

async function main() {
  process.env.AUTH_SECRET ||= 'pulse-bench-secret-not-for-production-0123456789';
  process.env.PULSE_BASE_URL ||= 'https://pulse.example';
  process.env.PULSE_SMTP_ALLOW_PRIVATE ||= 'true';
  const schema = await import('../lib/db/schema/index.ts');
  const { signUp } = await import('../lib/auth/sign-up.ts');
  const { createSequence } = await import('../lib/sequences/create.ts');
  const { deliverCampaign } = await import('../lib/campaigns/deliver.ts');
  const { claimBatchSize } = await import('../lib/campaigns/send-config.ts');
  const { TransportCache } = await import('../lib/campaigns/transport.ts');
  const { Throttle } = await import('../lib/jobs/pacing.ts');
  const engine = await sequenceEngine();

  const smtp = await startSink();
  const database = await freshDatabase('sequence');
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const client = postgres(database.url, { max: 6, onnotice: () => {} });
  // The product's Db (as lib/db/client builds it), with a logger that keeps the engine's statements.
  const seen = [];
  let capture = false;
  const logger = { logQuery: (query, params) => capture && seen.push({ query, params }) };
  const db = drizzle(client, { schema, casing: 'snake_case', logger });
  const cleanup = async () => {
    smtp.stop();
    await client.end({ timeout: 5 });
    await sql.end();
    await database.drop();
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));

  try {
    console.log(`\n== sequence: ${fmt(N)} inactive contacts → enrol → step 1 queued → delivered over SMTP (${WORKERS} × pool ${POOL}) ==`);
    const { user } = await signUp(db, { name: 'Bench Owner', email: 'owner@bench.test', password: 'bench-password-0123456789', workspaceName: 'Bench Roasters' });
    const [{ workspace_id: workspaceId }] = await sql`select workspace_id from memberships where user_id = ${user.id}`;
    const ctx = { db, requestId: 'bench-sequence', userId: user.id, workspaceId, role: 'owner' };
    await sql`insert into sending_settings (workspace_id, from_name, from_email, smtp_host, smtp_port, smtp_secure)
              values (${workspaceId}, 'Roasters', 'news@roasters.example', '127.0.0.1', ${smtp.port}, false)`;

    // 100,000 contacts last active ~3 months ago (tier 2: 61–120 days), in batches of 20,000.
    let t = performance.now();
    for (let from = 1; from <= N; from += 20_000) {
      const to = Math.min(N, from + 19_999);
      await sql`insert into contacts (workspace_id, email, first_name, joined_at, last_open_at, last_click_at)
                select ${workspaceId}, 'c' || g || '@bench.test', 'Name' || g, now() - interval '400 days',
                       now() - make_interval(days => 70 + g % 40), now() - make_interval(days => 80 + g % 40)
                from generate_series(${from}::int, ${to}::int) g`;
    }
    await sql`analyze contacts`;
    console.log(`  seed: ${fmt(N)} contacts in ${fmt(seconds(t), 1)} s`);

    const sequence = await createSequence({ ctx, input: { name: 'Win-back bench', siteUrl: 'https://shop.example/back', audience: { type: 'tier', tiers: ['tier2'] } } });
    const [step1] = await sql`select campaign_id from sequence_steps where sequence_id = ${sequence.id} and position = 1`;
    const [step2] = await sql`select campaign_id from sequence_steps where sequence_id = ${sequence.id} and position = 2`;

    // 1. Enrolment: activation enrols the audience snapshot (one INSERT … SELECT, control drawn at random).
    t = performance.now();
    const enrolled = await engine.activate(ctx, sequence.id);
    const enrolS = seconds(t);
    const [groups] = await sql`select count(*) filter (where "group" = 'treatment')::int as treatment, count(*) filter (where "group" = 'control')::int as control,
                                      max(next_due_at) filter (where "group" = 'treatment') as due from sequence_enrolments where sequence_id = ${sequence.id}`;
    if (enrolled !== N || groups.treatment + groups.control !== N) throw new Error(`enrolled ${enrolled} (${groups.treatment} + ${groups.control}) of ${N}`);
    console.log(`  enrol: ${fmt(N)} in ${fmt(enrolS, 2)} s (${fmt(N / enrolS)} enrolments/s) · ${fmt(groups.treatment)} treatment, ${fmt(groups.control)} control`);
    await sql`analyze sequence_enrolments`;

    // 2. The set-based pass at step 1's send slot: every treatment enrolment gets its step-1 send row.
    const passNow = new Date(new Date(groups.due).getTime() + 60_000);
    capture = true;
    t = performance.now();
    const passResult = await engine.pass(db, passNow);
    const passS = seconds(t);
    capture = false;
    const engineStatements = seen.splice(0);
    const [queued] = await sql`select count(*)::int as n from campaign_sends where campaign_id = ${step1.campaign_id} and enrolment_id is not null`;
    if (queued.n !== groups.treatment) throw new Error(`step 1 queued for ${queued.n} of ${groups.treatment} treatment enrolments (pass: ${JSON.stringify(passResult)})`);
    console.log(`  queue step 1 (set-based pass, batches of ${fmt(BATCH)}): ${fmt(queued.n)} in ${fmt(passS, 2)} s (${fmt(queued.n / passS)} enrolments/s)`);
    await sql`analyze sequence_enrolments`;
    await sql`analyze campaign_sends`;

    // 3. The due-work query, as the engine ran it: EXPLAIN at the moment after the pass (nothing
    //    due) and with its clock three weeks on (every treatment enrolment due for step 2).
    const due = engineStatements.filter((s) => /sequence_enrolments/.test(s.query) && /next_due_at"?\s*<=/.test(s.query));
    if (due.length === 0) {
      console.error(engineStatements.map((s) => s.query).join('\n---\n'));
      throw new Error('no statement of the pass selects due enrolments (next_due_at <= …): the engine API moved, update the adapter');
    }
    const dueQuery = due[0];
    const later = new Date(passNow.getTime() + 21 * DAY);
    const shift = (params) => params.map((p) => (p instanceof Date ? (p.getTime() === passNow.getTime() ? later : p) : typeof p === 'string' && p === passNow.toISOString() ? later.toISOString() : p));
    console.log(`\n  due-work query (the pass's own statement):\n${indent(dueQuery.query, 4)}`);
    for (const [label, params] of [['now (nothing due)', dueQuery.params], ['3 weeks on (all treatment due)', shift(dueQuery.params)]]) {
      // Without ANALYZE: the plan only, nothing runs (the statement may lock and write).
      const plan = (await sql.unsafe(`explain ${dueQuery.query}`, params)).map((r) => r['QUERY PLAN']);
      console.log(`\n  EXPLAIN, ${label}:\n${indent(plan.join('\n'), 4)}`);
      const scan = dueScan(plan);
      // A backlog where one batch is a large share of the table may rightly be a seq scan + sort; at scale it is not.
      const asserted = label.startsWith('now') || BATCH * 10 <= groups.treatment;
      if (!asserted) {
        console.log(`  (not asserted: one batch of ${fmt(BATCH)} is over 10 % of ${fmt(groups.treatment)} due rows)`);
        continue;
      }
      if (!scan.some((line) => new RegExp(`Index Scan using ${DUE_INDEX}`).test(line)) || scan.some((line) => /Seq Scan on sequence_enrolments/.test(line))) {
        throw new Error(`the due-work query does not use ${DUE_INDEX} (${label}): see the plan above`);
      }
      const elsewhere = plan.filter((line) => /Seq Scan on sequence_enrolments/.test(line) && !scan.includes(line));
      if (elsewhere.length) console.log(`  ! note: ${elsewhere.length} sequential scan(s) of sequence_enrolments outside the due scan (the batch's writes), see above`);
    }
    console.log(`\n  ✓ the due-work query is an index scan on ${DUE_INDEX}`);

    // 4. Delivery of step 1 through the real loop into the listener: WORKERS loops at once, as
    //    worker processes would run them (own id, own SMTP pool, SKIP LOCKED claims).
    const before = await smtp.accepted();
    const totals = { sent: 0, failed: 0, unknown: 0, cancelled: 0 };
    const deliverer = async (w) => {
      const transports = new TransportCache(POOL);
      const throttle = new Throttle(0);
      try {
        for (;;) {
          const r = await deliverCampaign(db, { campaignId: step1.campaign_id, workerId: `bench-${w}`, transports, throttle, concurrency: POOL, batchSize: claimBatchSize({ rate: 0, concurrency: POOL }), timeBudgetMs: 60_000 });
          for (const k of Object.keys(totals)) totals[k] += r[k];
          if (r.unreachable) throw new Error('the SMTP listener was unreachable');
          if (r.sent + r.failed + r.unknown + r.cancelled === 0) return;
        }
      } finally {
        transports.close();
      }
    };
    t = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => deliverer(w + 1)));
    const deliverS = seconds(t);
    const accepted = (await smtp.accepted()) - before;
    if (totals.sent !== groups.treatment || accepted !== groups.treatment) {
      throw new Error(`delivered ${totals.sent}/${groups.treatment}, listener got ${accepted}, failed ${totals.failed}, unknown ${totals.unknown}, cancelled ${totals.cancelled}`);
    }
    const [controlMail] = await sql`select count(*)::int as n from campaign_sends s join sequence_enrolments e on e.id = s.enrolment_id where e."group" = 'control'`;
    if (controlMail.n !== 0) throw new Error(`${controlMail.n} send rows for control enrolments`);
    console.log(`  deliver step 1 (${WORKERS} delivery loops × ${POOL} connections): ${fmt(totals.sent)} mails in ${fmt(deliverS, 1)} s (${fmt(totals.sent / deliverS)} mails/s), listener got ${fmt(accepted)}, control got none`);

    // 5. Baseline: the naive loop, one enrolment at a time (select the due one, insert its send
    //    row, move it on: one transaction and three round trips each), over a sample, for step 2.
    const naiveNow = later;
    t = performance.now();
    for (let i = 0; i < NAIVE; i++) {
      await sql.begin(async (tx) => {
        const [e] = await tx`select id, contact_id from sequence_enrolments
                             where status = 'active' and "group" = 'treatment' and step = 1 and next_due_at <= ${naiveNow}
                             order by next_due_at limit 1 for update skip locked`;
        if (!e) throw new Error('naive loop: nothing due');
        await tx`insert into campaign_sends (workspace_id, campaign_id, contact_id, email, enrolment_id)
                 select ${workspaceId}, ${step2.campaign_id}, c.id, c.email, ${e.id} from contacts c where c.id = ${e.contact_id}`;
        await tx`update sequence_enrolments set step = 2, last_step_at = ${naiveNow}, next_due_at = ${new Date(naiveNow.getTime() + 7 * DAY)} where id = ${e.id}`;
      });
    }
    const naiveS = seconds(t);
    const naivePerS = NAIVE / naiveS;
    const setPerS = queued.n / passS;
    console.log(`  baseline, naive per-enrolment loop: ${fmt(NAIVE)} in ${fmt(naiveS, 2)} s (${fmt(naivePerS)} enrolments/s) → ${fmt(queued.n)} would take ${fmt(queued.n / naivePerS, 1)} s`);

    const row = (label, secs, rate, unit, extra = '') => console.log(`  ${label.padEnd(42)} ${fmt(secs, 2).padStart(9)} s ${fmt(rate).padStart(10)} ${unit}${extra}`);
    console.log('');
    console.log(`  ${'measure'.padEnd(42)} ${'time'.padStart(11)} ${'rate'.padStart(10)}`);
    row(`enrol ${fmt(N)} (activation snapshot)`, enrolS, N / enrolS, '/s');
    row(`queue step 1 for ${fmt(queued.n)}, set-based pass`, passS, setPerS, '/s');
    row('queue, naive per-enrolment loop (extrapol.)', queued.n / naivePerS, naivePerS, '/s', `  → set-based is ${fmt(setPerS / naivePerS, 1)}× faster`);
    row(`deliver step 1 over SMTP`, deliverS, totals.sent / deliverS, 'mails/s');
    row('enrol + queue + deliver', enrolS + passS + deliverS, N / (enrolS + passS + deliverS), 'contacts/s');
    console.log(`
  Scaling out: every worker runs the pass; it takes due enrolments in batches of ${fmt(BATCH)} (one statement, one
  transaction each) with FOR UPDATE SKIP LOCKED over ${DUE_INDEX}, so K workers take disjoint batches without
  waiting and no step goes out twice: ≈ K × ${fmt(setPerS)} enrolments/s until Postgres's write rate (one send row and
  one enrolment update each) is the ceiling. Delivery adds up the same way (SKIP LOCKED claims per step mail, as the
  ${WORKERS} loops above did; see bench/send.mjs): the SMTP relay's quota is usually the real limit.`);
  } finally {
    await cleanup();
  }
}

/** The part of a text plan that finds the due rows: the `CTE due` subtree when the pass has one, else the whole plan. */
function dueScan(plan) {
  const at = plan.findIndex((line) => /^\s*CTE due\b/.test(line));
  if (at < 0) return plan;
  const depth = plan[at].search(/\S/);
  const end = plan.findIndex((line, i) => i > at && line.search(/\S/) <= depth);
  return plan.slice(at, end < 0 ? plan.length : end);
}

const indent = (text, n) => text.split('\n').map((l) => ' '.repeat(n) + l).join('\n');

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
