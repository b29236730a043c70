import { and, eq, sql } from 'drizzle-orm';
import { contacts, type Workspace } from '@/lib/db/schema';
import { DEFAULT_ACTIVITY_SIGNALS } from '@/lib/db/schema/sequences/constants';
import { executeRows } from '@/lib/db/sql';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { daysAgoSql, definedLastActivitySql, inactivityTierSql } from '@/lib/metrics/inactivity-sql';
import { listDecay, percent, type Rate } from '@/lib/metrics/rates';
import type { InactivityTierId } from '@/lib/metrics/reactivation';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

export interface ListHealth {
  subscribed: number;
  tiers: { tier: InactivityTierId; count: number; share: Rate }[];
  /** Subscribers who crossed the workspace's inactivity threshold in the last 12 months. */
  becameInactive12m: number;
  decay12m: Rate;
  /** Per month (oldest first): how many crossed the threshold that month. */
  monthly: { month: string; becameInactive: number }[];
}

/**
 * List health for the dashboard: shares by inactivity tier and 12-month decay (PRODUCT.md §1, §7),
 * under the workspace's inactivity definition (its signals; the default set when not given).
 */
export async function getListHealth(
  ctx: WorkspaceCtx,
  workspace: Pick<Workspace, 'benchmarks'> & Partial<Pick<Workspace, 'inactivitySignals'>>,
): Promise<ListHealth> {
  const last = definedLastActivitySql(workspace.inactivitySignals ?? DEFAULT_ACTIVITY_SIGNALS);
  const days = workspace.benchmarks.inactivityDays;
  const crossedAt = sql`(${last} + make_interval(days => ${days}::int))`;
  const scope = and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.status, 'subscribed'));
  const [row] = await ctx.db
    .select({
      subscribed: sql<number>`count(*)::int`,
      becameInactive: sql<number>`(count(*) filter (where ${crossedAt} > ${daysAgoSql(365)} and ${crossedAt} <= now()))::int`,
      ...Object.fromEntries(INACTIVITY_TIER_IDS.map((id) => [id, sql<number>`(count(*) filter (where ${inactivityTierSql(last, id)}))::int`])),
    })
    .from(contacts)
    .where(scope);
  // One pass over the contacts, grouped by month, joined onto the last 12 months.
  const monthly = await executeRows<{ month: string; n: number }>(
    ctx.db,
    sql`with crossed as (
          select date_trunc('month', ${crossedAt}) as m, count(*)::int as n
            from ${contacts}
           where ${contacts.workspaceId} = ${ctx.workspaceId} and ${contacts.status} = 'subscribed'
             and ${crossedAt} >= date_trunc('month', now()) - interval '11 months' and ${crossedAt} <= now()
           group by 1)
        select to_char(months.m, 'YYYY-MM') as month, coalesce(crossed.n, 0) as n
          from generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') as months(m)
          left join crossed on crossed.m = months.m
         order by months.m`,
  );

  const r = row as unknown as Record<string, number>;
  return {
    subscribed: r.subscribed,
    tiers: INACTIVITY_TIER_IDS.map((tier) => ({ tier, count: r[tier], share: percent(r[tier], r.subscribed) })),
    becameInactive12m: r.becameInactive,
    decay12m: listDecay(r.becameInactive, r.subscribed),
    monthly: monthly.map((m) => ({ month: m.month, becameInactive: Number(m.n) })),
  };
}
