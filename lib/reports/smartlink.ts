import { sql } from 'drizzle-orm';
import type { SmartlinkItem } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { dayRange, periodDelta, smartlinkFigures, smartlinkItemCtr, type Delta, type Rate, type SmartlinkFigures, type SmartlinkPeriodDays } from '@/lib/metrics';
import { allSmartlinkItems, getSmartlinkPage } from '@/lib/smartlinks/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

/**
 * The SmartLink analytics: this period (the last N days) against the previous N days, per kind
 * and per item, and a daily trend per item on the workspace's calendar. Reads smartlink_hits by
 * (page_id, created_at) — the page index — always with the workspace id. Machine hits (bots,
 * link previews, prefetches, HEAD) are left out unless `includeMachine`.
 */
export interface SmartlinkItemRow {
  id: number;
  kind: SmartlinkItem['kind'];
  label: string;
  archived: boolean;
  clicks: number;
  previousClicks: number;
  ctr: Rate;
  previousCtr: Rate;
}

export interface SmartlinkReport {
  days: SmartlinkPeriodDays;
  includeMachine: boolean;
  current: SmartlinkFigures;
  previous: SmartlinkFigures;
  deltas: { visits: Delta; uniqueVisitors: Delta; clicks: Delta; ctr: Delta };
  /** Machine hits left out (or included) in the current period. */
  machineHits: number;
  items: SmartlinkItemRow[];
  /** One row per day: date, visits, and clicks per item id (`i<id>`). */
  trend: Array<Record<string, string | number>>;
}

type CountRow = { period: string; type: string; kind: string | null; item_id: number | string | null; n: number | string; uniq: number | string };

export async function smartlinkReport(ctx: WorkspaceCtx, pageId: string, days: SmartlinkPeriodDays, includeMachine: boolean, timeZone: string, now = new Date()): Promise<SmartlinkReport> {
  const { page } = await getSmartlinkPage(ctx, pageId);
  const items = await allSmartlinkItems(ctx, page.id);
  const end = now;
  const mid = new Date(now.getTime() - days * 86_400_000);
  const start = new Date(now.getTime() - 2 * days * 86_400_000);
  const machine = includeMachine ? sql`true` : sql`not h.machine`;

  const counts = await executeRows<CountRow>(
    ctx.db,
    sql`select case when h.created_at >= ${mid.toISOString()}::timestamptz then 'cur' else 'prev' end as period,
               h.type, i.kind, h.item_id, count(*)::int as n, count(distinct h.visitor)::int as uniq
        from smartlink_hits h left join smartlink_items i on i.id = h.item_id and i.workspace_id = h.workspace_id
        where h.page_id = ${page.id} and h.workspace_id = ${ctx.workspaceId}
          and h.created_at >= ${start.toISOString()}::timestamptz and h.created_at < ${end.toISOString()}::timestamptz and ${machine}
        group by 1, 2, 3, 4`,
  );
  const [machineRow] = await executeRows<{ n: number | string }>(
    ctx.db,
    sql`select count(*)::int as n from smartlink_hits h
        where h.page_id = ${page.id} and h.workspace_id = ${ctx.workspaceId} and h.machine
          and h.created_at >= ${mid.toISOString()}::timestamptz and h.created_at < ${end.toISOString()}::timestamptz`,
  );
  const trendRows = await executeRows<{ day: string; type: string; item_id: number | string | null; n: number | string }>(
    ctx.db,
    sql`select to_char((h.created_at at time zone ${timeZone})::date, 'YYYY-MM-DD') as day, h.type, h.item_id, count(*)::int as n
        from smartlink_hits h
        where h.page_id = ${page.id} and h.workspace_id = ${ctx.workspaceId}
          and h.created_at >= ${mid.toISOString()}::timestamptz and h.created_at < ${end.toISOString()}::timestamptz and ${machine}
        group by 1, 2, 3 order by 1`,
  );

  const figures = (period: 'cur' | 'prev'): SmartlinkFigures => {
    const rows = counts.filter((r) => r.period === period);
    const sum = (pred: (r: CountRow) => boolean) => rows.filter(pred).reduce((a, r) => a + Number(r.n), 0);
    const visitRow = rows.find((r) => r.type === 'visit');
    return smartlinkFigures({
      visits: sum((r) => r.type === 'visit'),
      uniqueVisitors: visitRow ? Number(visitRow.uniq) : 0,
      buttonClicks: sum((r) => r.type === 'click' && r.kind === 'button'),
      imageClicks: sum((r) => r.type === 'click' && r.kind === 'image'),
      videoClicks: sum((r) => r.type === 'click' && r.kind === 'video'),
    });
  };
  const current = figures('cur');
  const previous = figures('prev');
  const clicksOf = (period: string, id: number) => counts.filter((r) => r.period === period && r.type === 'click' && Number(r.item_id) === id).reduce((a, r) => a + Number(r.n), 0);
  const itemRows: SmartlinkItemRow[] = items
    .map((i) => {
      const clicks = clicksOf('cur', i.id);
      const previousClicks = clicksOf('prev', i.id);
      return { id: i.id, kind: i.kind, label: i.label, archived: i.archivedAt !== null, clicks, previousClicks, ctr: smartlinkItemCtr(clicks, current.visits), previousCtr: smartlinkItemCtr(previousClicks, previous.visits) };
    })
    // Archived items stay while they have clicks in either period (their history), else they are left out.
    .filter((r) => !r.archived || r.clicks > 0 || r.previousClicks > 0);

  const localDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const byDay = new Map<string, Record<string, string | number>>();
  for (const day of dayRange(localDay(mid), localDay(end))) {
    byDay.set(day, { day, visits: 0, ...Object.fromEntries(itemRows.map((i) => [`i${i.id}`, 0])) });
  }
  for (const r of trendRows) {
    const row = byDay.get(r.day);
    if (!row) continue;
    const key = r.type === 'visit' ? 'visits' : `i${Number(r.item_id)}`;
    if (key in row) row[key] = Number(row[key]) + Number(r.n);
  }

  return {
    days,
    includeMachine,
    current,
    previous,
    deltas: {
      visits: periodDelta(current.visits, previous.visits),
      uniqueVisitors: periodDelta(current.uniqueVisitors, previous.uniqueVisitors),
      clicks: periodDelta(current.clicks, previous.clicks),
      ctr: periodDelta(current.ctr, previous.ctr),
    },
    machineHits: Number(machineRow?.n ?? 0),
    items: itemRows,
    trend: [...byDay.values()],
  };
}
