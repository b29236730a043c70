import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { DEVICE_TYPES, TRAFFIC_SOURCES, type DeviceType, type GoalKind, type TrafficSource } from '@/lib/db/schema/conversions/constants';
import { executeRows } from '@/lib/db/sql';
import {
  conversionPeriods,
  conversionReading,
  emailConversion,
  relativeChange,
  siteBenchmarkKind,
  siteConversion,
  pointChange,
  type BenchmarkReading,
  type Period,
  type Rate,
} from '@/lib/metrics';
import { getWorkspace } from '@/lib/workspaces/get';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/**
 * The conversions page and dashboard card: counts from `conversions` (attribution resolved and kept
 * at record time by lib/conversions/record) and `site_visits` (the snippet's page views, the
 * denominator of conversion rate), every rate from lib/metrics. All queries are workspace-scoped.
 */

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const iso = (d: Date) => d.toISOString();

export interface Amount {
  currency: string;
  cents: number;
}

export interface PeriodTotals {
  conversions: number;
  /** Conversions with a value, summed per currency. */
  value: Amount[];
  /** Distinct visitors of the snippet's page views (a view without a visitor hash counts once). */
  visitors: number;
  rate: Rate;
  smallSample: boolean;
}

export interface GoalRow {
  goalId: string;
  key: string;
  name: string;
  kind: GoalKind;
  archived: boolean;
  conversions: number;
  value: Amount[];
  rate: Rate;
}

export interface CampaignRow {
  campaignId: string;
  name: string;
  conversions: number;
  /** Unique converting sends (or contacts, or single conversions when neither is known). */
  converters: number;
  delivered: number;
  clickers: number;
  ofDelivered: Rate;
  ofClickers: Rate;
  smallSample: boolean;
  revenue: Amount[];
}

export interface SegmentRow<K extends string> {
  key: K;
  conversions: number;
  visitors: number;
  rate: Rate;
  value: Amount[];
}

export interface SmartlinkRow {
  pageId: string;
  title: string;
  conversions: number;
  value: Amount[];
  items: { itemId: number | null; label: string; kind: string; conversions: number; value: Amount[] }[];
}

export interface TrendRow {
  day: string;
  conversions: number;
  visitors: number;
  rate: Rate;
}

export interface ConversionReport {
  days: number;
  current: Period;
  previous: Period;
  goalsDefined: number;
  /** Conversions ever recorded in the workspace (empty state when 0). */
  everRecorded: number;
  totals: PeriodTotals;
  previousTotals: PeriodTotals;
  change: { conversions: Rate; visitors: Rate; rate: number | null };
  siteBenchmark: BenchmarkReading;
  emailBenchmark: BenchmarkReading;
  byGoal: GoalRow[];
  byCampaign: CampaignRow[];
  bySource: SegmentRow<TrafficSource>[];
  byDevice: SegmentRow<DeviceType>[];
  smartlinks: SmartlinkRow[];
  trend: TrendRow[];
}

const inPeriod = (col: string, p: Period) => sql`${sql.raw(col)} >= ${iso(p.from)}::timestamptz and ${sql.raw(col)} < ${iso(p.to)}::timestamptz`;

function amounts(rows: Row[], key?: (r: Row) => string): Map<string, Amount[]> {
  const out = new Map<string, Amount[]>();
  for (const r of rows) {
    if (r.currency == null || r.cents == null) continue;
    const k = key ? key(r) : '';
    const list = out.get(k) ?? [];
    list.push({ currency: String(r.currency).trim(), cents: n(r.cents) });
    out.set(k, list);
  }
  return out;
}

async function periodTotals(db: Db, workspaceId: string, p: Period): Promise<PeriodTotals> {
  const [[c], value, [v]] = await Promise.all([
    executeRows<Row>(db, sql`select count(*)::int as n from conversions where workspace_id = ${workspaceId}::uuid and ${inPeriod('created_at', p)}`),
    executeRows<Row>(
      db,
      sql`select currency, sum(value_cents)::bigint as cents from conversions
          where workspace_id = ${workspaceId}::uuid and ${inPeriod('created_at', p)} and value_cents is not null
          group by currency order by currency`,
    ),
    executeRows<Row>(
      db,
      sql`select count(distinct coalesce(visitor, 'v' || id::text))::int as n from site_visits
          where workspace_id = ${workspaceId}::uuid and ${inPeriod('created_at', p)}`,
    ),
  ]);
  const conversions = n(c?.n);
  const visitors = n(v?.n);
  return { conversions, visitors, value: amounts(value).get('') ?? [], ...siteConversion(conversions, visitors) };
}

/** The workspace's conversion report over the last `days` days, compared with the period before. Viewers may read it. */
export async function getConversionReport(ctx: WorkspaceCtx, { days, now = new Date() }: { days: number; now?: Date }): Promise<ConversionReport> {
  assertRole(ctx, 'viewer');
  const { db, workspaceId } = ctx;
  const workspace = await getWorkspace(ctx);
  const { current, previous } = conversionPeriods(days, now);
  const ws = sql`${workspaceId}::uuid`;
  const cur = inPeriod('c.created_at', current);

  const [goalCount, ever, totals, previousTotals, goals, goalValues, campaigns, campaignValues, sources, sourceVisits, sourceValues, devices, deviceVisits, deviceValues, smart, smartValues, trend] =
    await Promise.all([
      executeRows<Row>(db, sql`select count(*)::int as n from conversion_goals where workspace_id = ${ws} and archived_at is null`),
      executeRows<Row>(db, sql`select exists(select 1 from conversions where workspace_id = ${ws}) as any`),
      periodTotals(db, workspaceId, current),
      periodTotals(db, workspaceId, previous),
      executeRows<Row>(
        db,
        sql`select g.id, g.key, g.name, g.kind, g.archived_at is not null as archived, count(c.id)::int as n
            from conversion_goals g left join conversions c on c.goal_id = g.id and c.workspace_id = ${ws} and ${cur}
            where g.workspace_id = ${ws}
            group by g.id having g.archived_at is null or count(c.id) > 0
            order by (g.kind = 'macro') desc, count(c.id) desc, g.name`,
      ),
      executeRows<Row>(
        db,
        sql`select c.goal_id, c.currency, sum(c.value_cents)::bigint as cents from conversions c
            where c.workspace_id = ${ws} and ${cur} and c.value_cents is not null group by 1, 2 order by 2`,
      ),
      executeRows<Row>(
        db,
        sql`select k.campaign_id, cp.name, k.n, k.converters,
              (select count(*) from campaign_sends s where s.campaign_id = k.campaign_id and s.status = 'sent')::int as delivered,
              (select count(first_human_click_at) from campaign_sends s where s.campaign_id = k.campaign_id)::int as clickers
            from (
              select c.campaign_id, count(*)::int as n,
                count(distinct coalesce('s' || c.send_id::text, 'p' || c.contact_id::text, 'c' || c.id::text))::int as converters
              from conversions c where c.workspace_id = ${ws} and ${cur} and c.campaign_id is not null group by 1
            ) k join campaigns cp on cp.id = k.campaign_id and cp.workspace_id = ${ws}
            order by k.converters desc, cp.name`,
      ),
      executeRows<Row>(
        db,
        sql`select c.campaign_id, c.currency, sum(c.value_cents)::bigint as cents from conversions c
            where c.workspace_id = ${ws} and ${cur} and c.campaign_id is not null and c.value_cents is not null group by 1, 2 order by 2`,
      ),
      executeRows<Row>(db, sql`select c.source as k, count(*)::int as n from conversions c where c.workspace_id = ${ws} and ${cur} group by 1`),
      executeRows<Row>(
        db,
        sql`select v.source as k, count(distinct coalesce(v.visitor, 'v' || v.id::text))::int as n from site_visits v
            where v.workspace_id = ${ws} and ${inPeriod('v.created_at', current)} group by 1`,
      ),
      executeRows<Row>(
        db,
        sql`select c.source as k, c.currency, sum(c.value_cents)::bigint as cents from conversions c
            where c.workspace_id = ${ws} and ${cur} and c.value_cents is not null group by 1, 2 order by 2`,
      ),
      executeRows<Row>(db, sql`select c.device as k, count(*)::int as n from conversions c where c.workspace_id = ${ws} and ${cur} group by 1`),
      executeRows<Row>(
        db,
        sql`select v.device as k, count(distinct coalesce(v.visitor, 'v' || v.id::text))::int as n from site_visits v
            where v.workspace_id = ${ws} and ${inPeriod('v.created_at', current)} group by 1`,
      ),
      executeRows<Row>(
        db,
        sql`select c.device as k, c.currency, sum(c.value_cents)::bigint as cents from conversions c
            where c.workspace_id = ${ws} and ${cur} and c.value_cents is not null group by 1, 2 order by 2`,
      ),
      executeRows<Row>(
        db,
        sql`select c.smartlink_page_id as page_id, p.title, c.smartlink_item_id as item_id, i.label, i.kind, count(*)::int as n
            from conversions c
            join smartlink_pages p on p.id = c.smartlink_page_id and p.workspace_id = ${ws}
            left join smartlink_items i on i.id = c.smartlink_item_id and i.page_id = p.id
            where c.workspace_id = ${ws} and ${cur} and c.smartlink_page_id is not null
            group by 1, 2, 3, 4, 5 order by p.title, 6 desc, i.label`,
      ),
      executeRows<Row>(
        db,
        sql`select c.smartlink_page_id as page_id, c.smartlink_item_id as item_id, c.currency, sum(c.value_cents)::bigint as cents from conversions c
            where c.workspace_id = ${ws} and ${cur} and c.smartlink_page_id is not null and c.value_cents is not null group by 1, 2, 3 order by 3`,
      ),
      readTrend(db, workspaceId, current, workspace.timezone),
    ]);

  const gv = amounts(goalValues, (r) => String(r.goal_id));
  const byGoal: GoalRow[] = goals.map((g) => ({
    goalId: String(g.id),
    key: String(g.key),
    name: String(g.name),
    kind: String(g.kind) as GoalKind,
    archived: Boolean(g.archived),
    conversions: n(g.n),
    value: gv.get(String(g.id)) ?? [],
    rate: siteConversion(n(g.n), totals.visitors).rate,
  }));

  const cv = amounts(campaignValues, (r) => String(r.campaign_id));
  const byCampaign: CampaignRow[] = campaigns.map((c) => {
    const rates = emailConversion(n(c.converters), n(c.delivered), n(c.clickers));
    return {
      campaignId: String(c.campaign_id),
      name: String(c.name),
      conversions: n(c.n),
      converters: n(c.converters),
      delivered: n(c.delivered),
      clickers: n(c.clickers),
      ...rates,
      revenue: cv.get(String(c.campaign_id)) ?? [],
    };
  });

  const segments = <K extends string>(keys: readonly K[], conv: Row[], visits: Row[], values: Row[]): SegmentRow<K>[] => {
    const count = (rows: Row[], k: string) => n(rows.find((r) => r.k === k)?.n);
    const vals = amounts(values, (r) => String(r.k));
    return keys.map((key) => {
      const conversions = count(conv, key);
      const visitors = count(visits, key);
      return { key, conversions, visitors, rate: siteConversion(conversions, visitors).rate, value: vals.get(key) ?? [] };
    });
  };

  const sv = amounts(smartValues, (r) => `${r.page_id}/${r.item_id ?? ''}`);
  const pages = new Map<string, SmartlinkRow>();
  for (const r of smart) {
    const pageId = String(r.page_id);
    const page = pages.get(pageId) ?? { pageId, title: String(r.title), conversions: 0, value: [], items: [] };
    page.conversions += n(r.n);
    const itemId = r.item_id == null ? null : n(r.item_id);
    page.items.push({ itemId, label: r.label == null ? '' : String(r.label), kind: r.kind == null ? '' : String(r.kind), conversions: n(r.n), value: sv.get(`${pageId}/${itemId ?? ''}`) ?? [] });
    pages.set(pageId, page);
  }
  for (const page of pages.values()) {
    const sum = new Map<string, number>();
    for (const item of page.items) for (const a of item.value) sum.set(a.currency, (sum.get(a.currency) ?? 0) + a.cents);
    page.value = [...sum].map(([currency, cents]) => ({ currency, cents }));
  }

  const emailConverters = byCampaign.reduce((s, c) => s + c.converters, 0);
  const emailDelivered = byCampaign.reduce((s, c) => s + c.delivered, 0);
  return {
    days,
    current,
    previous,
    goalsDefined: n(goalCount[0]?.n),
    everRecorded: ever[0]?.any ? 1 : 0,
    totals,
    previousTotals,
    change: {
      conversions: relativeChange(totals.conversions, previousTotals.conversions),
      visitors: relativeChange(totals.visitors, previousTotals.visitors),
      rate: pointChange(totals.rate, previousTotals.rate),
    },
    siteBenchmark: conversionReading(totals.rate, workspace.benchmarks, siteBenchmarkKind(workspace.industry)),
    emailBenchmark: conversionReading(emailConversion(emailConverters, emailDelivered, 0).ofDelivered, workspace.benchmarks, 'email'),
    byGoal,
    byCampaign,
    bySource: segments(TRAFFIC_SOURCES, sources, sourceVisits, sourceValues),
    byDevice: segments(DEVICE_TYPES, devices, deviceVisits, deviceValues),
    smartlinks: [...pages.values()],
    trend,
  };
}

/** Conversions, visitors and rate per calendar day (workspace time zone) over the period, every day present. */
async function readTrend(db: Db, workspaceId: string, p: Period, timezone: string): Promise<TrendRow[]> {
  const rows = await executeRows<Row>(
    db,
    sql`with days as (
          select d::date as day from generate_series((${iso(p.from)}::timestamptz at time zone ${timezone})::date,
            ((${iso(p.to)}::timestamptz - interval '1 millisecond') at time zone ${timezone})::date, interval '1 day') d
        ), c as (
          select (created_at at time zone ${timezone})::date as day, count(*)::int as n from conversions
          where workspace_id = ${workspaceId}::uuid and ${inPeriod('created_at', p)} group by 1
        ), v as (
          select (created_at at time zone ${timezone})::date as day, count(distinct coalesce(visitor, 'v' || id::text))::int as n from site_visits
          where workspace_id = ${workspaceId}::uuid and ${inPeriod('created_at', p)} group by 1
        )
        select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(c.n, 0) as conversions, coalesce(v.n, 0) as visitors
        from days left join c on c.day = days.day left join v on v.day = days.day order by days.day`,
  );
  return rows.map((r) => ({
    day: String(r.day),
    conversions: n(r.conversions),
    visitors: n(r.visitors),
    rate: siteConversion(n(r.conversions), n(r.visitors)).rate,
  }));
}

export interface DashboardConversions {
  days: number;
  goalsDefined: number;
  totals: PeriodTotals;
  previousTotals: PeriodTotals;
  change: { conversions: Rate; rate: number | null };
  topSource: { key: TrafficSource; conversions: number } | null;
}

/** The dashboard card: the last 30 days against the 30 before, and the source with the most conversions. */
export async function getDashboardConversions(ctx: WorkspaceCtx, { now = new Date(), days = 30 }: { now?: Date; days?: number } = {}): Promise<DashboardConversions> {
  assertRole(ctx, 'viewer');
  const { current, previous } = conversionPeriods(days, now);
  const ws = sql`${ctx.workspaceId}::uuid`;
  const [goals, totals, previousTotals, top] = await Promise.all([
    executeRows<Row>(ctx.db, sql`select count(*)::int as n from conversion_goals where workspace_id = ${ws} and archived_at is null`),
    periodTotals(ctx.db, ctx.workspaceId, current),
    periodTotals(ctx.db, ctx.workspaceId, previous),
    executeRows<Row>(
      ctx.db,
      sql`select source, count(*)::int as n from conversions where workspace_id = ${ws} and ${inPeriod('created_at', current)}
          group by 1 order by 2 desc, 1 limit 1`,
    ),
  ]);
  return {
    days,
    goalsDefined: n(goals[0]?.n),
    totals,
    previousTotals,
    change: { conversions: relativeChange(totals.conversions, previousTotals.conversions), rate: pointChange(totals.rate, previousTotals.rate) },
    topSource: top[0] ? { key: String(top[0].source) as TrafficSource, conversions: n(top[0].n) } : null,
  };
}

export interface CampaignConversions {
  /** Unique converting sends (or contacts) attributed to the campaign. */
  converters: number;
  conversions: number;
  revenue: Amount[];
  ofDelivered: Rate;
  ofClickers: Rate;
  smallSample: boolean;
  benchmark: { low: number; high: number };
}

/** A campaign's attributed conversions (all time) for its report's funnel; the caller has tied the campaign to the workspace. */
export async function readCampaignConversions(
  db: Db,
  workspaceId: string,
  campaignId: string,
  counts: { delivered: number; clickers: number },
  benchmark: { low: number; high: number },
): Promise<CampaignConversions> {
  const [[k], values] = await Promise.all([
    executeRows<Row>(
      db,
      sql`select count(*)::int as n, count(distinct coalesce('s' || send_id::text, 'p' || contact_id::text, 'c' || id::text))::int as converters
          from conversions where workspace_id = ${workspaceId}::uuid and campaign_id = ${campaignId}::uuid`,
    ),
    executeRows<Row>(
      db,
      sql`select currency, sum(value_cents)::bigint as cents from conversions
          where workspace_id = ${workspaceId}::uuid and campaign_id = ${campaignId}::uuid and value_cents is not null group by 1 order by 1`,
    ),
  ]);
  const converters = n(k?.converters);
  return {
    converters,
    conversions: n(k?.n),
    revenue: amounts(values).get('') ?? [],
    ...emailConversion(converters, counts.delivered, counts.clickers),
    benchmark,
  };
}
