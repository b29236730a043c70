import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { executeRows } from '@/lib/db/sql';
import { bucketSeries, HOUR, MINUTE, MINUTE_DATA_MAX_SPAN, type TimeBucket, type TimePoint } from '@/lib/metrics';
import type { HourCounts, UniqueCounts } from './campaign-counts';

const n = (v: unknown) => Number(v ?? 0);

/**
 * Openers known only from a click (the pixel never loaded: images off). They are in the unique
 * opens, not in the pixel's open total, which is why "7 unique opens, 5 opens" is no error.
 */
export async function readInferredOpens(db: Db, campaignId: string): Promise<UniqueCounts> {
  const [r] = await executeRows<{ total: unknown; human: unknown }>(
    db,
    sql`select count(*) filter (where first_open_at is null and first_click_at is not null)::int as total,
          count(*) filter (where first_human_open_at is null and first_human_click_at is not null)::int as human
        from campaign_sends where campaign_id = ${campaignId}::uuid`,
  );
  return { total: n(r?.total), human: n(r?.human), machine: n(r?.total) - n(r?.human) };
}

export interface Timeline {
  bucket: TimeBucket;
  /** `hourly`: every open and click from the roll-up; `firsts`: each recipient's first open/click. */
  source: 'hourly' | 'firsts';
  points: TimePoint[];
}

/**
 * The chart's series. The hourly roll-up is the source unless all activity fits in a few hours;
 * then each recipient's first open and click (campaign_sends, one scan) give minute detail.
 */
export async function readTimeline(db: Db, campaignId: string, hourly: HourCounts[], timeZone: string): Promise<Timeline> {
  const span = hourly.length ? hourly[hourly.length - 1].hour.getTime() - hourly[0].hour.getTime() : Infinity;
  if (span + HOUR > MINUTE_DATA_MAX_SPAN) {
    const points = hourly.map((h) => ({ at: h.hour, opens: h.opens, humanOpens: h.humanOpens, clicks: h.clicks, humanClicks: h.humanClicks }));
    return { source: 'hourly', ...bucketSeries(points, timeZone, HOUR) };
  }
  const rows = await executeRows<Record<'minute' | 'opens' | 'human_opens' | 'clicks' | 'human_clicks', unknown>>(
    db,
    sql`select date_trunc('minute', v.at) as minute,
          count(*) filter (where v.k = 'o')::int as opens, count(*) filter (where v.k = 'ho')::int as human_opens,
          count(*) filter (where v.k = 'c')::int as clicks, count(*) filter (where v.k = 'hc')::int as human_clicks
        from campaign_sends s
        cross join lateral (values ('o', s.first_open_at), ('ho', s.first_human_open_at), ('c', s.first_click_at), ('hc', s.first_human_click_at)) v(k, at)
        where s.campaign_id = ${campaignId}::uuid and v.at is not null
        group by 1 order by 1`,
  );
  const points = rows.map((r) => ({
    at: new Date(r.minute as string | Date),
    opens: n(r.opens),
    humanOpens: n(r.human_opens),
    clicks: n(r.clicks),
    humanClicks: n(r.human_clicks),
  }));
  return { source: 'firsts', ...bucketSeries(points, timeZone, MINUTE) };
}
