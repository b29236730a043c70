import { sql } from 'drizzle-orm';
import { abDecision } from '@/lib/campaigns/ab-winner';
import { getCampaignInWorkspace } from '@/lib/campaigns/guards';
import type { Campaign } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import {
  bounceRate,
  compareVariants,
  complaintRate,
  ctor,
  ctr,
  ctrVerdict,
  openRate,
  rangeVerdict,
  unsubscribeRate,
  type CtrVerdict,
  type Rate,
  type RangeVerdict,
} from '@/lib/metrics';
import { getWorkspace } from '@/lib/workspaces/get';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import {
  readHourly,
  readLinks,
  readSendGroups,
  readTotals,
  sendGroupSql,
  sumGroups,
  toSendGroup,
  type AudienceCounts,
  type HourCounts,
  type LinkCounts,
  type SendGroupRow,
  type TotalCounts,
  type UniqueCounts,
} from './campaign-counts';
import { readInferredOpens, readTimeline, type Timeline } from './campaign-detail';
import { readCampaignConversions, type CampaignConversions } from './conversions';

export interface ReportOptions {
  /** Count privacy-proxy opens and scanner clicks in the rates (default false: humans only). */
  includeMachine?: boolean;
}

export interface EngagementRates {
  openRate: Rate;
  ctr: Rate;
  ctor: Rate;
}

export interface CampaignReport {
  campaign: Pick<
    Campaign,
    'id' | 'name' | 'category' | 'audienceKind' | 'status' | 'startedAt' | 'finishedAt' | 'abTest' | 'winnerKey' | 'subject' | 'audience' | 'scheduledAt'
  >;
  includeMachine: boolean;
  counts: AudienceCounts & TotalCounts;
  rates: EngagementRates & { unsubscribeRate: Rate; bounceRate: Rate; complaintRate: Rate };
  benchmark: { range: { low: number; high: number }; verdict: RangeVerdict | null; reading: CtrVerdict | null };
  /** A/B test-phase groups in the test's variant order (empty for a plain campaign), from abDecision. */
  variants: (AudienceCounts & { key: string; rates: EngagementRates })[];
  /** abDecision's comparison (humans only, whatever includeMachine says: the figures the winner is picked on). */
  abVerdict: ReturnType<typeof compareVariants> | null;
  /** Everyone outside the test phase (held, released to the winner, or cancelled); counted in `counts`, never in a variant. */
  abRest: (AudienceCounts & { winnerKey: string | null; rates: EngagementRates }) | null;
  links: LinkCounts[];
  hourly: HourCounts[];
  /** Openers known from a click only (in uniqueOpens, not in the pixel's opens total). */
  inferredOpens: UniqueCounts;
  /** The chart's series in a bucket that fits the span of the data. */
  timeline: Timeline;
  /** Attributed conversions: the funnel's last step, revenue per currency, email conversion rate vs §2. */
  conversion: CampaignConversions;
}

const pick = (u: UniqueCounts, includeMachine: boolean) => (includeMachine ? u.total : u.human);

/** Open rate, CTR and CTOR of one audience, humans only unless machines are included. */
export function engagementRates(c: AudienceCounts, includeMachine: boolean): EngagementRates {
  const openers = pick(c.uniqueOpens, includeMachine);
  const clickers = pick(c.uniqueClicks, includeMachine);
  return { openRate: openRate(openers, c.delivered), ctr: ctr(clickers, c.delivered), ctor: ctor(clickers, openers) };
}

/** A campaign's report; any member (viewer included) may read it. Another tenant's id is NOT_FOUND. */
export async function getCampaignReport(ctx: WorkspaceCtx, campaignId: string, { includeMachine = false }: ReportOptions = {}): Promise<CampaignReport> {
  assertRole(ctx, 'viewer');
  const campaign = await getCampaignInWorkspace(ctx.db, ctx, campaignId);
  const [workspace, groups, totals, links, hourly, inferredOpens, decision] = await Promise.all([
    getWorkspace(ctx),
    readSendGroups(ctx.db, campaign.id),
    readTotals(ctx.db, campaign.id),
    readLinks(ctx.db, campaign.id),
    readHourly(ctx.db, campaign.id),
    readInferredOpens(ctx.db, campaign.id),
    abDecision(ctx.db, campaign),
  ]);
  const timeline = await readTimeline(ctx.db, campaign.id, hourly, workspace.timezone);

  const audience = sumGroups(groups);
  const rates = engagementRates(audience, includeMachine);
  const conversion = await readCampaignConversions(
    ctx.db,
    ctx.workspaceId,
    campaign.id,
    { delivered: audience.delivered, clickers: pick(audience.uniqueClicks, includeMachine) },
    workspace.benchmarks.conversion.email,
  );
  // A/B figures come from abDecision only (the numbers the winner was picked on); before anyone is
  // in the test phase there is nothing to compare.
  const tested = decision && decision.variants.some((v) => v.recipients > 0) ? decision : null;
  const variants = (tested?.variants ?? []).map((v) => ({
    key: v.key,
    recipients: v.recipients,
    delivered: v.delivered,
    failed: v.failed,
    uniqueOpens: v.uniqueOpens,
    uniqueClicks: v.uniqueClicks,
    rates: engagementRates(v, includeMachine),
  }));
  const abVerdict = tested
    ? {
        variants: tested.variants.map(({ id, rate, interval, probabilityToBeatControl, pValueVsControl }) => ({ id, rate, interval, probabilityToBeatControl, pValueVsControl })),
        verdict: tested.verdict,
      }
    : null;
  const abRest = tested ? { winnerKey: campaign.winnerKey, ...tested.rest, rates: engagementRates(tested.rest, includeMachine) } : null;
  const range = workspace.benchmarks.ctrByCategory[campaign.category];

  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      category: campaign.category,
      audienceKind: campaign.audienceKind,
      status: campaign.status,
      startedAt: campaign.startedAt,
      finishedAt: campaign.finishedAt,
      abTest: campaign.abTest,
      winnerKey: campaign.winnerKey,
      subject: campaign.subject,
      audience: campaign.audience,
      scheduledAt: campaign.scheduledAt,
    },
    includeMachine,
    counts: { ...audience, ...totals },
    rates: {
      ...rates,
      unsubscribeRate: unsubscribeRate(totals.unsubscribes, audience.delivered),
      bounceRate: bounceRate(totals.bounces, audience.delivered),
      complaintRate: complaintRate(totals.complaints, audience.delivered),
    },
    benchmark: { range, verdict: rangeVerdict(rates.ctr, range), reading: ctrVerdict(rates.ctr, workspace.benchmarks.ctrReading) },
    variants,
    abVerdict,
    abRest,
    links,
    hourly,
    inferredOpens,
    timeline,
    conversion,
  };
}

export interface TrendPoint extends AudienceCounts {
  campaignId: string;
  name: string;
  sentAt: Date | null;
  ctr: Rate;
  ctor: Rate;
}

export const TREND_MAX_CAMPAIGNS = 52;

/** CTR and CTOR of the workspace's most recent sent campaigns, oldest first (a dashboard chart). */
export async function getWorkspaceEmailTrend(
  ctx: WorkspaceCtx,
  { limit = 12, includeMachine = false }: { limit?: number } & ReportOptions = {},
): Promise<TrendPoint[]> {
  assertRole(ctx, 'viewer');
  const take = Math.min(Math.max(Math.trunc(Number.isFinite(limit) ? limit : 12), 1), TREND_MAX_CAMPAIGNS);
  // Broadcasts only: a sequence step goes out per contact over weeks and has its own results page.
  const recent = sql`select id from campaigns where workspace_id = ${ctx.workspaceId}::uuid and status = 'sent' and sequence_id is null
    order by coalesce(finished_at, started_at, created_at) desc limit ${take}`;
  const [campaignRows, groupRows] = await Promise.all([
    executeRows<{ id: string; name: string; sent_at: Date | string | null }>(
      ctx.db,
      sql`select id, name, coalesce(finished_at, started_at) as sent_at from campaigns where id in (${recent})
          order by coalesce(finished_at, started_at, created_at) asc`,
    ),
    executeRows<SendGroupRow>(ctx.db, sendGroupSql(recent)),
  ]);
  return campaignRows.map((c) => {
    const counts = sumGroups(groupRows.filter((g) => g.campaign_id === c.id).map(toSendGroup));
    const rates = engagementRates(counts, includeMachine);
    return {
      campaignId: c.id,
      name: c.name,
      sentAt: c.sent_at === null ? null : new Date(c.sent_at),
      ...counts,
      ctr: rates.ctr,
      ctor: rates.ctor,
    };
  });
}
