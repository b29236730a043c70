import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { npsCategorySql } from '@/lib/campaigns/audience';
import { getSegmentInWorkspace } from '@/lib/contacts/guards';
import type { Db } from '@/lib/db/client';
import { contacts, type Workspace } from '@/lib/db/schema';
import type { BehaviourSegment, SequenceAudience, ValueTier } from '@/lib/db/schema/sequences/constants';
import { daysAgoSql, definedLastActivitySql, inactivityTierSql } from '@/lib/metrics/inactivity-sql';
import { VALUE_TIER_QUANTILES } from '@/lib/metrics/sequences';
import { compileSegmentRules } from '@/lib/segments/compile';
import { segmentRulesSchema } from '@/lib/segments/rules';

/** What the inactivity definition of a workspace needs: days (benchmarks) and counted signals. */
export type InactivityWorkspace = Pick<Workspace, 'id' | 'benchmarks' | 'inactivitySignals'>;

/** Openers who stopped clicking · past buyers who stopped buying · never engaged after sign-up. */
export function behaviourSql(segment: BehaviourSegment, days: number): SQL {
  const since = daysAgoSql(days);
  switch (segment) {
    case 'stoppedClicking':
      return sql`(${contacts.lastClickAt} <= ${since} and ${contacts.lastOpenAt} > ${since})`;
    case 'stoppedBuying':
      return sql`(${contacts.lastPurchaseAt} <= ${since})`;
    case 'neverEngaged':
      return sql`(${contacts.lastOpenAt} is null and ${contacts.lastClickAt} is null and ${contacts.lastPurchaseAt} is null
        and ${contacts.lastActivityAt} is null and ${contacts.joinedAt} <= ${since})`;
  }
}

/** Lifetime-value thresholds of the workspace's purchasers (VALUE_TIER_QUANTILES), as SQL scalars. */
function valueThresholdSql(workspaceId: string, quantile: number): SQL {
  return sql`(select coalesce(percentile_disc(${quantile}::float8) within group (order by v.lifetime_value_cents), 1)
    from ${contacts} v where v.workspace_id = ${workspaceId} and v.status = 'subscribed' and v.lifetime_value_cents > 0)`;
}

export function valueTierSql(workspaceId: string, tier: ValueTier): SQL {
  const high = valueThresholdSql(workspaceId, VALUE_TIER_QUANTILES.high);
  const mid = valueThresholdSql(workspaceId, VALUE_TIER_QUANTILES.mid);
  const v = contacts.lifetimeValueCents;
  if (tier === 'high') return sql`(${v} > 0 and ${v} >= ${high})`;
  if (tier === 'mid') return sql`(${v} > 0 and ${v} >= ${mid} and ${v} < ${high})`;
  return sql`(${v} = 0 or ${v} < ${mid})`;
}

/**
 * WHERE over `contacts` for a sequence audience: this workspace, subscribed, and the segment,
 * inactivity tier (under the workspace's definition), behaviour segment, value tier or NPS group.
 * A segment of another workspace (or a deleted one) is NOT_FOUND.
 */
export async function sequenceAudienceWhere(db: Db, workspace: InactivityWorkspace, audience: SequenceAudience): Promise<SQL> {
  const parts: SQL[] = [eq(contacts.workspaceId, workspace.id), eq(contacts.status, 'subscribed')];
  const last = definedLastActivitySql(workspace.inactivitySignals);
  switch (audience.type) {
    case 'segment': {
      const segment = await getSegmentInWorkspace(db, { workspaceId: workspace.id }, audience.segmentId);
      parts.push(compileSegmentRules(workspace.id, segmentRulesSchema.parse(segment.rules)));
      break;
    }
    case 'tier':
      parts.push(or(...audience.tiers.map((t) => inactivityTierSql(last, t))) as SQL);
      break;
    case 'behaviour':
      parts.push(behaviourSql(audience.segment, workspace.benchmarks.inactivityDays));
      break;
    case 'value':
      parts.push(or(...audience.tiers.map((t) => valueTierSql(workspace.id, t))) as SQL);
      break;
    case 'npsCategory':
      parts.push(npsCategorySql(audience.categories));
      break;
  }
  return and(...parts) as SQL;
}
