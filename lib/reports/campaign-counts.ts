import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaignStats, campaignStatsHourly } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';

/**
 * The counts behind a campaign report, read from the roll-ups (campaign_stats, _hourly,
 * campaign_link_clickers) and campaign_sends only, never from raw events. No rates here:
 * those come from lib/metrics. Callers have already tied the campaign to the workspace.
 *
 * Unique openers include unique clickers: a click proves the mail was opened even when the
 * pixel was blocked, and it keeps CTOR ≤ 100 %.
 */
export interface UniqueCounts {
  human: number;
  /** Reached only by machines (privacy proxies, scanners). */
  machine: number;
  total: number;
}

export interface AudienceCounts {
  recipients: number;
  /** Sends with status `sent` (accepted by the receiving server). */
  delivered: number;
  failed: number;
  uniqueOpens: UniqueCounts;
  uniqueClicks: UniqueCounts;
}

export interface SendGroupCounts extends AudienceCounts {
  variantKey: string | null;
  heldForWinner: boolean;
}

const n = (v: unknown) => Number(v ?? 0);
const unique = (total: unknown, human: unknown): UniqueCounts => ({ human: n(human), machine: n(total) - n(human), total: n(total) });

/** The audience counts of a group of campaign_sends rows (the SELECT list of a grouped scan). */
const AUDIENCE_COLUMNS = sql`
      count(*)::int as recipients,
      count(*) filter (where status = 'sent')::int as delivered,
      count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where first_open_at is not null or first_click_at is not null)::int as openers,
      count(*) filter (where first_human_open_at is not null or first_human_click_at is not null)::int as human_openers,
      count(first_click_at)::int as clickers,
      count(first_human_click_at)::int as human_clickers`;

/** One scan of the campaign's sends, grouped by A/B variant (null for a plain campaign). */
export function sendGroupSql(campaignIdsSql: ReturnType<typeof sql>) {
  return sql`
    select campaign_id, variant_key, held_for_winner, ${AUDIENCE_COLUMNS}
    from campaign_sends where campaign_id in (${campaignIdsSql})
    group by campaign_id, variant_key, held_for_winner`;
}

export type SendGroupRow = Record<'campaign_id' | 'variant_key' | 'held_for_winner' | 'recipients' | 'delivered' | 'failed' | 'openers' | 'human_openers' | 'clickers' | 'human_clickers', unknown>;

export function toSendGroup(r: SendGroupRow): SendGroupCounts {
  return {
    variantKey: r.variant_key === null ? null : String(r.variant_key),
    heldForWinner: Boolean(r.held_for_winner),
    recipients: n(r.recipients),
    delivered: n(r.delivered),
    failed: n(r.failed),
    uniqueOpens: unique(r.openers, r.human_openers),
    uniqueClicks: unique(r.clickers, r.human_clickers),
  };
}

/** Sums groups (all variants, test phase and rest) into the campaign's audience counts. */
export function sumGroups(groups: AudienceCounts[]): AudienceCounts {
  const add = (a: UniqueCounts, b: UniqueCounts): UniqueCounts => ({ human: a.human + b.human, machine: a.machine + b.machine, total: a.total + b.total });
  const zero = { human: 0, machine: 0, total: 0 };
  return groups.reduce<AudienceCounts>(
    (acc, g) => ({
      recipients: acc.recipients + g.recipients,
      delivered: acc.delivered + g.delivered,
      failed: acc.failed + g.failed,
      uniqueOpens: add(acc.uniqueOpens, g.uniqueOpens),
      uniqueClicks: add(acc.uniqueClicks, g.uniqueClicks),
    }),
    { recipients: 0, delivered: 0, failed: 0, uniqueOpens: zero, uniqueClicks: zero },
  );
}

export async function readSendGroups(db: Db, campaignId: string): Promise<SendGroupCounts[]> {
  return (await executeRows<SendGroupRow>(db, sendGroupSql(sql`${campaignId}::uuid`))).map(toSendGroup);
}

export interface AbPhaseCounts {
  /** Per variant key: the test-phase rows only (the A/B comparison's sample). */
  test: Map<string, AudienceCounts>;
  /** Rows outside the test phase: held for the winner, released to it, or cancelled. */
  rest: AudienceCounts;
  /** Test-phase rows not yet finished (pending, claimed, attempting). */
  inFlight: number;
  /** Rows still held for the winner. */
  held: number;
}

/**
 * An A/B campaign's sends split into test phase and rest. The phase is recomputed from the
 * contact's hash bucket (lib/campaigns/ab-split), so rows released to the winner later stay "rest".
 */
export async function readAbPhases(db: Db, campaignId: string, inTestPhase: SQL): Promise<AbPhaseCounts> {
  const rows = await executeRows<SendGroupRow & { test_phase: unknown; in_flight: unknown; held: unknown }>(
    db,
    sql`select variant_key, held_for_winner, (not held_for_winner and ${inTestPhase}) as test_phase, ${AUDIENCE_COLUMNS},
          count(*) filter (where status in ('pending', 'claimed', 'attempting') and not held_for_winner)::int as in_flight,
          count(*) filter (where held_for_winner and status = 'pending')::int as held
        from campaign_sends where campaign_id = ${campaignId}::uuid
        group by 1, 2, 3`,
  );
  const test = new Map<string, AudienceCounts>();
  const rest: AudienceCounts[] = [];
  let inFlight = 0;
  for (const r of rows) {
    const counts = toSendGroup(r);
    if (r.test_phase && counts.variantKey !== null) {
      test.set(counts.variantKey, sumGroups([test.get(counts.variantKey) ?? sumGroups([]), counts]));
      inFlight += n(r.in_flight);
    } else rest.push(counts);
  }
  return { test, rest: sumGroups(rest), inFlight, held: rows.reduce((h, r) => h + n(r.held), 0) };
}

export interface TotalCounts {
  opens: { total: number; human: number };
  clicks: { total: number; human: number };
  unsubscribes: number;
  bounces: number;
  complaints: number;
  conversions: number;
  revenueCents: number;
}

export async function readTotals(db: Db, campaignId: string): Promise<TotalCounts> {
  const [s] = await db.select().from(campaignStats).where(eq(campaignStats.campaignId, campaignId));
  return {
    opens: { total: s?.opens ?? 0, human: s?.humanOpens ?? 0 },
    clicks: { total: s?.clicks ?? 0, human: s?.humanClicks ?? 0 },
    unsubscribes: s?.unsubscribes ?? 0,
    bounces: s?.bounces ?? 0,
    complaints: s?.complaints ?? 0,
    conversions: s?.conversions ?? 0,
    revenueCents: s?.revenueCents ?? 0,
  };
}

export interface LinkCounts {
  linkId: number;
  url: string;
  uniqueClicks: UniqueCounts;
  clicks: { total: number; human: number };
}

export async function readLinks(db: Db, campaignId: string): Promise<LinkCounts[]> {
  const rows = await executeRows<Record<'id' | 'url' | 'clickers' | 'human_clickers' | 'clicks' | 'human_clicks', unknown>>(
    db,
    // Per link through its primary-key prefix (a lateral count), not a scan of every campaign's clickers.
    sql`select l.id, l.url, k.clickers, k.human_clickers, k.clicks, k.human_clicks
        from campaign_links l cross join lateral (
          select count(*)::int as clickers, count(*) filter (where human_clicks > 0)::int as human_clickers,
            coalesce(sum(clicks), 0)::int as clicks, coalesce(sum(human_clicks), 0)::int as human_clicks
          from campaign_link_clickers where link_id = l.id
        ) k
        where l.campaign_id = ${campaignId}::uuid order by l.id`,
  );
  return rows.map((r) => ({
    linkId: n(r.id),
    url: String(r.url),
    uniqueClicks: unique(r.clickers, r.human_clickers),
    clicks: { total: n(r.clicks), human: n(r.human_clicks) },
  }));
}

export interface HourCounts {
  hour: Date;
  opens: number;
  humanOpens: number;
  clicks: number;
  humanClicks: number;
}

export async function readHourly(db: Db, campaignId: string): Promise<HourCounts[]> {
  return db
    .select({
      hour: campaignStatsHourly.hour,
      opens: campaignStatsHourly.opens,
      humanOpens: campaignStatsHourly.humanOpens,
      clicks: campaignStatsHourly.clicks,
      humanClicks: campaignStatsHourly.humanClicks,
    })
    .from(campaignStatsHourly)
    .where(eq(campaignStatsHourly.campaignId, campaignId))
    .orderBy(asc(campaignStatsHourly.hour));
}
