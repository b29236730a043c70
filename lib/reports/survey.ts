import { sql } from 'drizzle-orm';
import type { ResponseStatus, Survey, SurveyGroup } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import {
  DUTCH_PRAISE_MIN,
  meanScore,
  nps,
  responseRate,
  scoreRange,
  shareAtLeast,
  surveyChange,
  surveyMarginOfError,
  surveyScore,
  type NpsChange,
  type NpsCounts,
  type Rate,
  type ScoreHistogram,
} from '@/lib/metrics';
import { getWorkspace } from '@/lib/workspaces/get';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getSurveyInWorkspace } from '@/lib/surveys/get';
import { periodRange, type TrendPeriod } from './survey-periods';

/**
 * A survey's report: SQL counts here, every figure from lib/metrics. Confirmed answers count
 * everywhere; provisional mail scores (link scanners click every score) are counted apart;
 * flagged ones are left out and only counted.
 */
export interface GroupFigures {
  counts: NpsCounts;
  total: number;
  /** NPS (−100…+100) or CSAT (%) per the survey's kind; null with no answers. */
  score: number | null;
  /** 95 % margin of `score` in points. */
  margin: number | null;
  shares: Record<SurveyGroup, Rate>;
}

export interface TrendPoint extends GroupFigures {
  /** First day of the week (Monday) or month on the workspace's clock, 'YYYY-MM-DD'. */
  start: string;
}

export interface PeriodComparison {
  earlier: TrendPoint;
  later: TrendPoint;
  /** null when either period has no answers. */
  change: NpsChange | null;
}

export interface SurveyReport {
  survey: Pick<Survey, 'id' | 'name' | 'kind' | 'status' | 'closesAt' | 'publicToken' | 'createdAt'>;
  timeZone: string;
  statusCounts: Record<ResponseStatus, number>;
  headline: GroupFigures;
  /** Confirmed answers per score; index = score (CSAT index 0 unused). */
  histogram: ScoreHistogram;
  /** The Dutch-scoring note: mean score and share of 7–10 (NPS only, else null). */
  dutch: { mean: number | null; praiseShare: Rate; praiseMin: number } | null;
  /** Sent surveys only (campaigns whose surveyId is this survey); null when never sent by mail. */
  response: { campaigns: number; delivered: number; answered: number; rate: Rate } | null;
  /** At most TREND_MAX_POINTS of the latest periods; `truncated` when older ones were left off. */
  trend: { period: TrendPeriod; points: TrendPoint[]; truncated: boolean };
  /** The two latest periods of the trend, or null with fewer than two. */
  comparison: PeriodComparison | null;
}

/** The chart stays readable: two years of weeks, five of months. */
export const TREND_MAX_POINTS: Record<TrendPeriod, number> = { week: 104, month: 60 };

const num = (v: unknown) => Number(v ?? 0);
const ZERO: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
const KEY: Record<SurveyGroup, keyof NpsCounts> = { promoter: 'promoters', passive: 'passives', detractor: 'detractors' };

/** Score, margin and shares of a set of group counts, all from lib/metrics. */
export function groupFigures(kind: Survey['kind'], counts: NpsCounts): GroupFigures {
  const shares = nps(counts);
  return {
    counts,
    total: shares.total,
    score: surveyScore(kind, counts),
    margin: surveyMarginOfError(kind, counts),
    shares: { promoter: shares.promoterShare, passive: shares.passiveShare, detractor: shares.detractorShare },
  };
}

/** Adds a (group, count) row to counts. */
export function addGroup(counts: NpsCounts, group: unknown, n: unknown): NpsCounts {
  const key = KEY[group as SurveyGroup];
  return key ? { ...counts, [key]: counts[key] + num(n) } : counts;
}

export async function getSurveyReport(ctx: WorkspaceCtx, surveyId: string, { period = 'week' }: { period?: TrendPeriod } = {}): Promise<SurveyReport> {
  assertRole(ctx, 'viewer');
  const survey = await getSurveyInWorkspace(ctx, surveyId);
  const workspace = await getWorkspace(ctx);
  const tz = workspace.timezone;
  const scope = sql`survey_id = ${survey.id}::uuid and workspace_id = ${ctx.workspaceId}::uuid`;
  const surveyCampaigns = sql`select id from campaigns where survey_id = ${survey.id}::uuid and workspace_id = ${ctx.workspaceId}::uuid`;
  const [byScore, byPeriod, [mail]] = await Promise.all([
    executeRows<{ status: string; score: number; category: string; n: number }>(
      ctx.db,
      sql`select status, score, category, count(*)::int as n from survey_responses where ${scope} group by status, score, category`,
    ),
    executeRows<{ start: string; category: string; n: number }>(
      ctx.db,
      sql`select to_char(date_trunc(${period}::text, created_at at time zone ${tz}::text), 'YYYY-MM-DD') as start, category, count(*)::int as n
          from survey_responses where ${scope} and status = 'confirmed' group by 1, 2`,
    ),
    executeRows<{ campaigns: number; delivered: number; answered: number }>(
      ctx.db,
      sql`select
            (select count(*)::int from campaigns where id in (${surveyCampaigns})) as campaigns,
            (select count(*)::int from campaign_sends where campaign_id in (${surveyCampaigns}) and workspace_id = ${ctx.workspaceId}::uuid and status = 'sent') as delivered,
            (select count(*)::int from survey_responses where ${scope} and status = 'confirmed' and campaign_id in (${surveyCampaigns})) as answered`,
    ),
  ]);

  const statusCounts: Record<ResponseStatus, number> = { confirmed: 0, provisional: 0, flagged: 0 };
  const histogram: ScoreHistogram = new Array<number>(scoreRange(survey.kind).max + 1).fill(0);
  let counts = ZERO;
  for (const r of byScore) {
    statusCounts[r.status as ResponseStatus] += num(r.n);
    if (r.status !== 'confirmed') continue;
    histogram[num(r.score)] += num(r.n);
    counts = addGroup(counts, r.category, r.n);
  }

  const perStart = new Map<string, NpsCounts>();
  for (const r of byPeriod) perStart.set(r.start, addGroup(perStart.get(r.start) ?? ZERO, r.category, r.n));
  const starts = [...perStart.keys()].sort();
  const all = starts.length ? periodRange(starts[0], starts[starts.length - 1], period) : [];
  const points: TrendPoint[] = all.slice(-TREND_MAX_POINTS[period]).map((start) => ({ start, ...groupFigures(survey.kind, perStart.get(start) ?? ZERO) }));
  const [earlier, later] = points.slice(-2);
  const comparison = later ? { earlier, later, change: surveyChange(survey.kind, earlier.counts, later.counts) } : null;

  return {
    survey: {
      id: survey.id,
      name: survey.name,
      kind: survey.kind,
      status: survey.status,
      closesAt: survey.closesAt,
      publicToken: survey.publicToken,
      createdAt: survey.createdAt,
    },
    timeZone: tz,
    statusCounts,
    headline: groupFigures(survey.kind, counts),
    histogram,
    dutch: survey.kind === 'nps' ? { mean: meanScore(histogram), praiseShare: shareAtLeast(histogram, DUTCH_PRAISE_MIN), praiseMin: DUTCH_PRAISE_MIN } : null,
    response:
      num(mail.campaigns) > 0
        ? { campaigns: num(mail.campaigns), delivered: num(mail.delivered), answered: num(mail.answered), rate: responseRate(num(mail.answered), num(mail.delivered)) }
        : null,
    trend: { period, points, truncated: all.length > points.length },
    comparison,
  };
}
