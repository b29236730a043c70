// bench/report.mjs — campaign report speed on roll-ups vs a naive COUNT(DISTINCT) over raw events,
// at 1M and 10M events (Postgres only; a fresh database, created and dropped).
// Run through tsx (it calls the real lib/): node --import tsx bench/report.mjs
//   BENCH_STAGES (1000000,10000000)  cumulative event counts    BENCH_RUNS (50)  report runs per stage
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDb } from '../lib/db/client.ts';
import { defaultBenchmarks } from '../lib/metrics/benchmarks.ts';
import { getCampaignReport } from '../lib/reports/campaign.ts';
import { rollupEvents } from '../lib/tracking/rollup.ts';
import { fmt, freshDatabase, percentile } from './lib/db.mjs';

const CONTACTS = 100_000;
const CAMPAIGNS = 10;
const LINKS = 5;
const CHUNK = 1_000_000;
const STAGES = (process.env.BENCH_STAGES || '1000000,10000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS || 50);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (msg) => console.log(`  [${elapsed().padStart(4)}] ${msg}`);

async function seed(sql) {
  const [ws] = await sql`insert into workspaces (slug, name, benchmarks) values (${`bench-${randomUUID().slice(0, 8)}`}, 'Report bench', ${sql.json(defaultBenchmarks('ecommerce'))}) returning id`;
  await sql`insert into contacts (workspace_id, email) select ${ws.id}, 'c' || g || '@bench.test' from generate_series(1, ${CONTACTS}) g`;
  const ab = { variable: 'subject', variants: [{ key: 'A', value: 'One' }, { key: 'B', value: 'Two' }], testPct: 100, metric: 'click', sendWinnerToRest: false };
  const campaigns = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const [row] = await sql`
      insert into campaigns (workspace_id, name, status, ab_test, started_at, finished_at)
      values (${ws.id}, ${`Campaign ${c + 1}`}, 'sent', ${c === 0 ? sql.json(ab) : null}, now() - ${10 - c} * interval '1 day', now() - ${10 - c} * interval '1 day')
      returning id, started_at`;
    const links = await sql`
      insert into campaign_links (workspace_id, campaign_id, url)
      select ${ws.id}, ${row.id}, 'https://shop.example/c' || ${c} || '/p' || g from generate_series(1, ${LINKS}) g returning id`;
    const [range] = await sql`
      insert into campaign_sends (workspace_id, campaign_id, contact_id, email, variant_key, status, sent_at)
      select ${ws.id}, ${row.id}, k.id, k.email, case when ${c === 0} then case when k.n % 2 = 0 then 'A' else 'B' end end, 'sent', ${row.started_at}
      from (select id, email, row_number() over (order by id) as n from contacts where workspace_id = ${ws.id}) k
      returning id`.then((rows) => [{ min: Math.min(...rows.map((r) => Number(r.id))), max: Math.max(...rows.map((r) => Number(r.id))) }]);
    if (range.max - range.min + 1 !== CONTACTS) throw new Error('send ids are not contiguous');
    campaigns.push({ id: row.id, sendBase: range.min, links: links.map((l) => Number(l.id)) });
  }
  return { workspaceId: ws.id, campaigns };
}

/**
 * `count` events in one INSERT … SELECT generate_series: a random campaign, 75 % opens (on the first
 * 40 % of its sends), 22 % clicks (first 8 %), 1 % each unsubscribe, bounce, complaint; 30 % machine;
 * spread over 72 hours after sending.
 */
async function insertEvents(sql, seeded, count) {
  const bases = `'{${seeded.campaigns.map((c) => c.sendBase).join(',')}}'::bigint[]`;
  const links = `'{${seeded.campaigns.flatMap((c) => c.links).join(',')}}'::bigint[]`;
  await sql.unsafe(`
    insert into events (workspace_id, campaign_id, send_id, contact_id, link_id, type, machine, created_at)
    select s.workspace_id, s.campaign_id, s.id, s.contact_id,
      case when x.type = 'click' then (${links})[x.c * ${LINKS} + x.li + 1] end, x.type, x.machine, s.sent_at + x.offset_s * interval '1 second'
    from (
      select c, machine, li, offset_s, type,
        (${bases})[c + 1] + floor(random() * ${CONTACTS} * case type when 'open' then 0.4 when 'click' then 0.08 else 1 end)::bigint as send_id
      from (
        select c, machine, li, offset_s,
          case when t < 0.75 then 'open' when t < 0.97 then 'click' when t < 0.98 then 'unsubscribe' when t < 0.99 then 'bounce' else 'complaint' end as type
        from (
          select floor(random() * ${CAMPAIGNS})::int as c, random() as t, random() < 0.3 as machine,
            floor(random() * ${LINKS})::int as li, floor(random() * 259200)::int as offset_s
          from generate_series(1, ${count})
        ) r
      ) y
    ) x join campaign_sends s on s.id = x.send_id`);
}

/** The same figures straight from raw events, the way a report without roll-ups would get them. */
function naiveReport(sql, campaignId) {
  return Promise.all([
    sql`select count(*) filter (where status = 'sent')::int as delivered from campaign_sends where campaign_id = ${campaignId}`,
    sql`select
          count(*) filter (where type = 'open')::int as opens, count(*) filter (where type = 'open' and not machine)::int as human_opens,
          count(*) filter (where type = 'click')::int as clicks, count(*) filter (where type = 'click' and not machine)::int as human_clicks,
          count(*) filter (where type = 'unsubscribe')::int as unsubscribes, count(*) filter (where type = 'bounce')::int as bounces,
          count(*) filter (where type = 'complaint')::int as complaints,
          count(distinct send_id) filter (where type in ('open', 'click'))::int as openers,
          count(distinct send_id) filter (where type in ('open', 'click') and not machine)::int as human_openers,
          count(distinct send_id) filter (where type = 'click')::int as clickers,
          count(distinct send_id) filter (where type = 'click' and not machine)::int as human_clickers
        from events where campaign_id = ${campaignId}`,
    sql`select s.variant_key, count(distinct e.send_id) filter (where e.type = 'click' and not e.machine)::int as human_clickers
        from events e join campaign_sends s on s.id = e.send_id where e.campaign_id = ${campaignId} group by 1`,
    sql`select link_id, count(distinct send_id)::int as clickers, count(*)::int as clicks
        from events where campaign_id = ${campaignId} and type = 'click' group by 1 order by 1`,
    sql`select date_trunc('hour', created_at, 'UTC') as hour, count(*) filter (where type = 'open')::int as opens,
          count(*) filter (where type = 'click')::int as clicks
        from events where campaign_id = ${campaignId} and type in ('open', 'click') group by 1 order by 1`,
  ]);
}

async function time(fn, runs, warmups) {
  for (let i = 0; i < warmups; i++) await fn();
  const ms = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), runs, last };
}

function checkSame(report, naive) {
  const [, [t], , links, hours] = naive;
  const want = {
    openers: [report.counts.uniqueOpens.total, t.openers],
    humanOpeners: [report.counts.uniqueOpens.human, t.human_openers],
    clickers: [report.counts.uniqueClicks.total, t.clickers],
    humanClickers: [report.counts.uniqueClicks.human, t.human_clickers],
    opens: [report.counts.opens.total, t.opens],
    clicks: [report.counts.clicks.total, t.clicks],
    linkClickers: [report.links.map((l) => l.uniqueClicks.total).join(','), links.map((l) => l.clickers).join(',')],
    hourlyOpens: [report.hourly.reduce((s, h) => s + h.opens, 0), hours.reduce((s, h) => s + h.opens, 0)],
  };
  const diff = Object.entries(want).filter(([, [a, b]]) => a !== b);
  if (diff.length) throw new Error(`roll-up and raw events disagree: ${JSON.stringify(diff)}`);
}

async function main() {
  console.log(`\n== campaign report: roll-ups vs raw events, ${STAGES.map((s) => fmt(s)).join(' → ')} events ==`);
  const db = await freshDatabase('report');
  const handle = openDb({ kind: 'postgres', url: db.url, max: 10 });
  const sql = postgres(db.url, { max: 10, onnotice: () => {} });
  const rows = [];
  try {
    log(`seeding ${fmt(CONTACTS)} contacts, ${CAMPAIGNS} campaigns × ${fmt(CONTACTS)} sends…`);
    const seeded = await seed(sql);
    const ctx = { db: handle.db, requestId: 'bench', userId: randomUUID(), workspaceId: seeded.workspaceId, role: 'viewer' };
    const target = seeded.campaigns[0].id;
    let total = 0;
    for (const stage of STAGES) {
      while (total < stage) {
        const n = Math.min(CHUNK, stage - total);
        await insertEvents(sql, seeded, n);
        total += n;
        log(`events: ${fmt(total)}`);
      }
      const t0 = performance.now();
      let consumed = 0;
      for (;;) {
        const n = await rollupEvents(handle.db, { batchSize: 50_000, maxBatches: 20 });
        consumed += n;
        if (n === 0) break;
        log(`roll-up: ${fmt(consumed)} events`);
      }
      const rollupSeconds = (performance.now() - t0) / 1000;
      await sql`vacuum analyze`;
      log(`roll-up of ${fmt(consumed)} events took ${rollupSeconds.toFixed(1)}s (${fmt(consumed / rollupSeconds)} events/s); timing…`);
      const report = await time(() => getCampaignReport(ctx, target), RUNS, 3);
      const naiveRuns = stage >= 5_000_000 ? 10 : 20;
      const naive = await time(() => naiveReport(sql, target), naiveRuns, 1);
      checkSame(report.last, naive.last);
      const [{ n: campaignEvents }] = await sql`select count(*)::int as n from events where campaign_id = ${target}`;
      rows.push({ stage, campaignEvents, report, naive, rollupSeconds });
      log(`${fmt(stage)}: report p95 ${report.p95.toFixed(1)} ms, naive p95 ${naive.p95.toFixed(1)} ms (figures agree)`);
    }
    console.log('\n  events    in campaign  report p50/p95 ms (runs)    naive p50/p95 ms (runs)     naive ÷ report (p95)');
    for (const r of rows) {
      console.log(
        `  ${fmt(r.stage).padEnd(10)}${fmt(r.campaignEvents).padEnd(13)}${`${r.report.p50.toFixed(1)} / ${r.report.p95.toFixed(1)} (${r.report.runs})`.padEnd(28)}${`${r.naive.p50.toFixed(1)} / ${r.naive.p95.toFixed(1)} (${r.naive.runs})`.padEnd(28)}${(r.naive.p95 / r.report.p95).toFixed(1)}×`,
      );
    }
    const last = rows.at(-1);
    console.log(`\n  target: report p95 < 100 ms at 10M events → ${last.report.p95 < 100 ? 'met' : 'NOT met'} (${last.report.p95.toFixed(1)} ms at ${fmt(last.stage)})`);
    console.log(`  the report reads ${fmt(CONTACTS)} campaign_sends rows + roll-ups whatever the event count; the naive query reads every event of the campaign.`);
    console.log('  scaling out: reports are read-only and can go to a read replica; the roll-up is one worker at a time per');
    console.log('  database (cursor lock) and processes ~the rate shown above; shard events by workspace to go beyond it.');
    console.log(`  total ${elapsed()}`);
  } finally {
    await sql.end({ timeout: 2 });
    await handle.close();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
