import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getListHealth } from '@/lib/contacts/health';
import { listLists } from '@/lib/contacts/lists';
import { openDb, type Db, type DbHandle } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';
import { campaigns, users } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { DEMO_LOGIN, seedDemo } from '@/lib/demo';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { inactivityTierSql } from '@/lib/metrics/inactivity-sql';
import { getCampaignReport, getWorkspaceEmailTrend } from '@/lib/reports/campaign';
import { getSurveyReport } from '@/lib/reports/survey';
import { getDashboardNps } from '@/lib/reports/survey-dashboard';
import { countSegment, listSegments } from '@/lib/segments/manage';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { getDriftingSegments } from '@/lib/sequences/segments';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { openTestDb } from './support/db';
import { ctxFor } from './support/factories';

/**
 * What a new user sees in the demo workspace `npm start` seeds: a year of campaigns on the
 * dashboard, list health in every tier, a decided A/B test, lists and segments. Two fresh
 * databases are seeded: the same story twice (deterministic), and a second run is a no-op.
 */
// Generous: a seed takes ~15 s alone, several times that on a machine shared by many builds.
const SEED_TIMEOUT = 600_000;
let first: DbHandle;
let second: DbHandle | undefined;
let ctx: WorkspaceCtx;
let seedMs = 0;

async function demoCtx(db: Db): Promise<WorkspaceCtx> {
  const [row] = await executeRows<{ user_id: string; workspace_id: string }>(
    db,
    sql`select u.id as user_id, m.workspace_id from users u join memberships m on m.user_id = u.id where u.email = ${DEMO_LOGIN.email}`,
  );
  return ctxFor(db, row.user_id, row.workspace_id);
}

/**
 * Counts that do not depend on random draws: the A/B split hashes contact ids, so its per-variant
 * events vary; the win-back sequence's control group is drawn by the engine (random()), so what its
 * enrolled contacts got and did varies — they count by number, not by status or mail.
 */
// Ordered by name and count: two survey waves may share a name (both dated today).
async function fingerprint(db: Db) {
  const w = (await demoCtx(db)).workspaceId;
  return executeRows<{ what: string; n: number }>(
    db,
    sql`select 'contacts:' || status as what, count(*)::int as n from contacts k where workspace_id = ${w}::uuid
          and not exists (select 1 from sequence_enrolments x where x.contact_id = k.id) group by status
        union all select 'enrolled', count(*)::int from sequence_enrolments where workspace_id = ${w}::uuid
        union all select 'campaign:' || name || ':' || status, (select count(*)::int from campaign_sends s where s.campaign_id = c.id)
          from campaigns c where workspace_id = ${w}::uuid and sequence_id is null
        union all select 'events:' || e.type || ':' || e.machine, count(*)::int from events e join campaigns c on c.id = e.campaign_id
          where c.workspace_id = ${w}::uuid and c.ab_test is null and c.sequence_id is null group by e.type, e.machine
        union all select 'lists:' || l.name, count(m.contact_id)::int from lists l left join list_members m on m.list_id = l.id
          where l.workspace_id = ${w}::uuid group by l.name
        union all select 'segments', count(*)::int from segments where workspace_id = ${w}::uuid
        union all select 'lifetime value: buyers', count(*)::int from contacts where workspace_id = ${w}::uuid and lifetime_value_cents > 0
        union all select 'lifetime value: total cents', coalesce(sum(lifetime_value_cents), 0)::int from contacts where workspace_id = ${w}::uuid
        union all select 'conversions:' || g.key || ':' || x.source || ':' || (x.campaign_id is not null), count(*)::int
          from conversions x join conversion_goals g on g.id = x.goal_id where x.workspace_id = ${w}::uuid group by g.key, x.source, x.campaign_id is not null
        union all select 'site visits:' || source, count(*)::int from site_visits where workspace_id = ${w}::uuid group by source
        order by 1, 2`,
  );
}

beforeAll(async () => {
  first = await openTestDb();
  const t0 = performance.now();
  expect(await seedDemo(first.db)).toBe(true);
  seedMs = performance.now() - t0;
  ctx = await demoCtx(first.db);
}, SEED_TIMEOUT);

afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe('the demo workspace', () => {
  it('seeds in seconds', () => {
    console.info(`[demo-seed] seeded in ${(seedMs / 1000).toFixed(1)} s`);
    expect(seedMs).toBeGreaterThan(0);
  });

  it('shows a year of campaigns on the dashboard trend, at realistic rates', async () => {
    const trend = await getWorkspaceEmailTrend(ctx, { limit: 12 });
    expect(trend.length).toBeGreaterThanOrEqual(10);
    const all = await getWorkspaceEmailTrend(ctx, { limit: 52 });
    const days = (all.at(-1)!.sentAt!.getTime() - all[0].sentAt!.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(300);
    const delivered = all.reduce((n, p) => n + p.delivered, 0);
    const clickers = all.reduce((n, p) => n + p.uniqueClicks.human, 0);
    const openers = all.reduce((n, p) => n + p.uniqueOpens.human, 0);
    expect(clickers / delivered).toBeGreaterThan(0.02);
    expect(clickers / delivered).toBeLessThan(0.045);
    expect(openers / delivered).toBeGreaterThan(0.2);
    expect(openers / delivered).toBeLessThan(0.35);
    // Machine traffic is there, and left out of the human figures.
    expect(all.some((p) => p.uniqueOpens.total > p.uniqueOpens.human)).toBe(true);
    expect(all.some((p) => p.uniqueClicks.total > p.uniqueClicks.human)).toBe(true);
  });

  it('has unsubscribes and bounces in the reports, and hourly data for the chart', async () => {
    const sent = await first.db.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.status, 'sent')));
    const reports = await Promise.all(sent.map((c) => getCampaignReport(ctx, c.id)));
    expect(reports.reduce((n, r) => n + r.counts.unsubscribes, 0)).toBeGreaterThan(0);
    expect(reports.reduce((n, r) => n + r.counts.bounces, 0)).toBeGreaterThan(0);
    expect(reports.every((r) => r.hourly.length > 1)).toBe(true);
    // Survey mails carry score buttons, not links of their own.
    const withSurvey = new Set((await first.db.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.workspaceId, ctx.workspaceId), isNotNull(campaigns.surveyId)))).map((c) => c.id));
    expect(withSurvey.size).toBe(2);
    expect(reports.filter((r) => !withSurvey.has(r.campaign.id)).every((r) => r.links.length > 0)).toBe(true);
  });

  it('puts contacts in every inactivity tier, and active ones too', async () => {
    const health = await getListHealth(ctx, await getWorkspace(ctx));
    for (const t of health.tiers) expect(t.count, t.tier).toBeGreaterThan(0);
    const inTiers = health.tiers.reduce((n, t) => n + t.count, 0);
    expect(health.subscribed - inTiers).toBeGreaterThan(0);
  });

  it('gives its buyers a skewed lifetime value, so the drifting-away panel has high, mid and low value tiers', async () => {
    const s = await getDriftingSegments(ctx, await getWorkspace(ctx));
    const tiers = Object.fromEntries(s.values.map((v) => [v.id, v.count]));
    for (const id of ['high', 'mid', 'low']) expect(tiers[id], id).toBeGreaterThan(0);
    expect(tiers.high + tiers.mid + tiers.low).toBe(s.subscribed);
    // Skewed: the top fifth of buyers holds well over a fifth of the money.
    const [r] = await executeRows<{ buyers: number; top: number; total: number }>(
      first.db,
      sql`with b as (select lifetime_value_cents v, ntile(5) over (order by lifetime_value_cents desc) q
          from contacts where workspace_id = ${ctx.workspaceId}::uuid and lifetime_value_cents > 0)
        select count(*)::int buyers, coalesce(sum(v) filter (where q = 1), 0)::float8 top, coalesce(sum(v), 0)::float8 total from b`,
    );
    expect(r.buyers).toBeGreaterThan(s.subscribed * 0.3);
    expect(r.top / r.total).toBeGreaterThan(0.4);
  });

  it('spreads the last engagement the events record over every tier (what the roll-up hands to contacts)', async () => {
    // lastEngagementSql over the contact's latest human open or click in the events, else its join date.
    const last = sql`greatest(x.last_at, c.joined_at)`;
    const [counts] = await executeRows<Record<string, number>>(
      first.db,
      sql`select count(*) filter (where ${last} > now() - interval '30 days' and x.last_at is not null)::int as active_engaged,
            ${sql.join(
              INACTIVITY_TIER_IDS.map((id) => sql`count(*) filter (where ${inactivityTierSql(last, id)})::int as ${sql.identifier(id)}`),
              sql`, `,
            )},
            count(*) filter (where x.last_at is not null and ${inactivityTierSql(last, 'tier3')})::int as lapsed_after_engaging
          from contacts c
          left join (select contact_id, max(created_at) as last_at from events
                     where workspace_id = ${ctx.workspaceId}::uuid and type in ('open', 'click') and not machine group by contact_id) x
            on x.contact_id = c.id
          where c.workspace_id = ${ctx.workspaceId}::uuid and c.status = 'subscribed'`,
    );
    for (const [what, n] of Object.entries(counts)) expect(n, what).toBeGreaterThan(0);
  });

  it('has a finished A/B test with a clear winner', async () => {
    const [ab] = await first.db.select().from(campaigns).where(and(eq(campaigns.workspaceId, ctx.workspaceId), sql`${campaigns.abTest} is not null`));
    expect(ab.status).toBe('sent');
    expect(ab.winnerKey).toBe('B');
    const report = await getCampaignReport(ctx, ab.id);
    expect(report.abVerdict?.verdict).toEqual({ kind: 'winner', id: 'B' });
    expect(report.variants.map((v) => v.key)).toEqual(['A', 'B']);
  });

  it('has lists and segments with people in them', async () => {
    const lists = await listLists(ctx);
    expect(lists.find((l) => l.name === 'VIP')?.members).toBeGreaterThan(50);
    const segments = await listSegments(ctx);
    expect(segments.map((s) => s.name)).toEqual(expect.arrayContaining(['B2B customers', 'Engaged last 30 days']));
    const b2b = segments.find((s) => s.name === 'B2B customers')!;
    expect(await countSegment(ctx, segmentRulesSchema.parse(b2b.rules))).toBeGreaterThan(200);
    const [draft] = await first.db.select().from(campaigns).where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.status, 'draft')));
    expect(draft.name).toBe('Next newsletter (draft)');
  });

  it('asks how customers feel: an NPS survey sent in two waves and on its link, a CSAT survey, segments that follow the answers', async () => {
    const rows = await executeRows<{ id: string; name: string; kind: string }>(ctx.db, sql`select id, name, kind from surveys where workspace_id = ${ctx.workspaceId}::uuid order by name`);
    expect(rows.map((r) => r.name)).toEqual(['Delivery satisfaction', 'Quarterly NPS']);
    const npsReport = await getSurveyReport(ctx, rows.find((r) => r.kind === 'nps')!.id, { period: 'month' });
    expect(npsReport.headline.total).toBeGreaterThan(300);
    expect(npsReport.headline.score).not.toBeNull();
    expect(npsReport.response?.campaigns).toBe(2);
    expect(npsReport.response?.rate).toBeGreaterThan(10);
    expect(npsReport.response?.rate).toBeLessThan(40);
    // Link scanners were flagged, a few people never confirmed on the page.
    expect(npsReport.statusCounts.flagged).toBeGreaterThan(0);
    expect(npsReport.statusCounts.provisional).toBeGreaterThan(0);
    expect(npsReport.trend.points.length).toBeGreaterThanOrEqual(6);
    const csatReport = await getSurveyReport(ctx, rows.find((r) => r.kind === 'csat')!.id);
    expect(csatReport.headline.score).toBeGreaterThan(50);
    const dashboard = await getDashboardNps(ctx);
    expect(dashboard.total).toBeGreaterThan(50);
    // Contacts' NPS group comes only from their confirmed answers.
    const promoters = await countSegment(ctx, segmentRulesSchema.parse({ match: 'all', rules: [{ kind: 'surveyCategory', survey: 'nps', categories: ['promoter'] }] }));
    const detractors = await countSegment(ctx, segmentRulesSchema.parse({ match: 'all', rules: [{ kind: 'surveyCategory', survey: 'nps', categories: ['detractor'] }] }));
    expect(promoters).toBeGreaterThan(50);
    expect(detractors).toBeGreaterThan(10);
  });

  it('runs a win-back sequence on tier 2 with enrolments in every state, treatment ahead of control', async () => {
    const [sequence] = await executeRows<{ id: string; status: string; entry_mode: string; audience: unknown; activated_at: Date | string }>(
      ctx.db,
      sql`select id, status, entry_mode, audience, activated_at from sequences where workspace_id = ${ctx.workspaceId}::uuid`,
    );
    expect(sequence.status).toBe('active');
    expect(sequence.audience).toEqual({ type: 'tier', tiers: ['tier2'] });
    expect(Date.now() - new Date(sequence.activated_at).getTime()).toBeGreaterThan(40 * 86_400_000);
    const rows = await executeRows<{ group: string; status: string; n: number }>(
      ctx.db,
      sql`select "group", status, count(*)::int as n from sequence_enrolments where sequence_id = ${sequence.id}::uuid group by 1, 2`,
    );
    const count = (group: string, status?: string) => rows.filter((r) => r.group === group && (!status || r.status === status)).reduce((n, r) => n + r.n, 0);
    for (const status of ['active', 'reactivated', 'sunset', 'left']) expect(count('treatment', status), status).toBeGreaterThan(0);
    expect(count('control')).toBeGreaterThan(10);
    expect(count('control', 'active')).toBeGreaterThan(0);
    expect(count('treatment', 'reactivated') / count('treatment')).toBeGreaterThan(count('control', 'reactivated') / count('control'));
    // Every step mail went out (through the delivery state machine), control got none.
    const [mail] = await executeRows<{ steps: number; control: number; unsent: number }>(
      ctx.db,
      sql`select count(distinct s.campaign_id)::int as steps, count(*) filter (where e."group" = 'control')::int as control,
            count(*) filter (where s.status <> 'sent')::int as unsent
          from campaign_sends s join sequence_enrolments e on e.id = s.enrolment_id where e.sequence_id = ${sequence.id}::uuid`,
    );
    expect(mail).toEqual({ steps: 5, control: 0, unsent: 0 });
    // Reactivation came from real events through the roll-up: tagged contacts, some relapsed within the nurture window.
    const [tagged] = await executeRows<{ n: number; relapsed: number }>(
      ctx.db,
      sql`select count(*) filter (where 'reactivated' = any(c.tags))::int as n, count(*) filter (where e.relapsed_at is not null)::int as relapsed
          from sequence_enrolments e join contacts c on c.id = e.contact_id where e.sequence_id = ${sequence.id}::uuid and e.status = 'reactivated'`,
    );
    expect(tagged.n).toBe(count('treatment', 'reactivated') + count('control', 'reactivated'));
    expect(tagged.relapsed).toBeGreaterThan(0);
  });

  it('records six weeks of shop conversions: credited to mail clicks, from AI, search and social, with visits as the denominator', async () => {
    const [r] = await executeRows<{ goals: number; purchases: number; credited: number; revenue: number; sources: string[]; visits: number; mailVisits: number; orders: number }>(
      first.db,
      sql`select (select count(*)::int from conversion_goals where workspace_id = ${ctx.workspaceId}::uuid) goals,
                 count(*) filter (where g.key = 'purchase')::int purchases,
                 count(*) filter (where g.key = 'purchase' and x.campaign_id is not null)::int credited,
                 coalesce(sum(x.value_cents) filter (where g.key = 'purchase'), 0)::float8 revenue,
                 array_agg(distinct x.source) sources,
                 count(distinct x.order_id)::int orders,
                 (select count(*)::int from site_visits where workspace_id = ${ctx.workspaceId}::uuid) visits,
                 (select count(*)::int from site_visits where workspace_id = ${ctx.workspaceId}::uuid and campaign_id is not null) "mailVisits"
          from conversions x join conversion_goals g on g.id = x.goal_id where x.workspace_id = ${ctx.workspaceId}::uuid`,
    );
    expect(r.goals).toBe(3);
    expect(r.credited).toBeGreaterThan(0);
    expect(r.purchases - r.credited).toBeGreaterThan(0);
    expect(r.sources).toEqual(expect.arrayContaining(['email', 'ai', 'search', 'social', 'direct']));
    // Every order id counts once (the replays were refused), and visits outnumber conversions.
    expect(r.orders).toBe(r.purchases);
    expect(r.visits).toBeGreaterThan(r.purchases * 10);
    expect(r.mailVisits).toBeGreaterThan(0);
    // The roll-up folded the credited purchases into the campaigns' revenue.
    const [stats] = await executeRows<{ revenue: number }>(
      first.db,
      sql`select coalesce(sum(revenue_cents), 0)::float8 revenue from campaign_stats where workspace_id = ${ctx.workspaceId}::uuid`,
    );
    expect(stats.revenue).toBeGreaterThan(0);
    const goalAudit = await executeRows<{ n: number }>(first.db, sql`select count(*)::int n from audit_log where workspace_id = ${ctx.workspaceId}::uuid and action = 'conversion.goal.created'`);
    expect(goalAudit[0].n).toBe(3);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await fingerprint(first.db);
    expect(await seedDemo(first.db)).toBe(false);
    expect(await fingerprint(first.db)).toEqual(before);
    expect(await first.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGIN.email))).toHaveLength(1);
  });

  it(
    'is deterministic: a fresh database (always PGlite) gets the same story',
    async () => {
      second = openDb({ kind: 'pglite' });
      await migrateDb(second);
      expect(await seedDemo(second.db)).toBe(true);
      expect(await fingerprint(second.db)).toEqual(await fingerprint(first.db));
    },
    SEED_TIMEOUT,
  );
});
