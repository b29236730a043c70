import { and, asc, eq, gt, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getCampaignInWorkspace } from '@/lib/campaigns/guards';
import { campaignSends, contacts } from '@/lib/db/schema';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

export const RECIPIENT_FILTERS = ['opened', 'clicked', 'notOpened', 'all'] as const;
export type RecipientFilter = (typeof RECIPIENT_FILTERS)[number];

export interface RecipientQuery {
  filter: RecipientFilter;
  includeMachine?: boolean;
  /** Keyset cursor: the last send id of the previous page. */
  after?: number;
  limit?: number;
}

function filterSql(filter: RecipientFilter, includeMachine: boolean): SQL | undefined {
  const opened = includeMachine ? campaignSends.firstOpenAt : campaignSends.firstHumanOpenAt;
  const clicked = includeMachine ? campaignSends.firstClickAt : campaignSends.firstHumanClickAt;
  // A click proves an open, as in the report's unique openers.
  if (filter === 'opened') return or(isNotNull(opened), isNotNull(clicked));
  if (filter === 'clicked') return isNotNull(clicked);
  if (filter === 'notOpened') return and(eq(campaignSends.status, 'sent'), isNull(opened), isNull(clicked));
  return undefined;
}

/**
 * Who opened or clicked a campaign (the report's drill-down), in send order, one page at a time.
 * Scoped by campaign id AND workspace; viewers may read.
 */
export async function listCampaignRecipients(ctx: WorkspaceCtx, campaignId: string, q: RecipientQuery) {
  assertRole(ctx, 'viewer');
  const campaign = await getCampaignInWorkspace(ctx.db, ctx, campaignId);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 5000);
  const rows = await ctx.db
    .select({
      sendId: campaignSends.id,
      contactId: campaignSends.contactId,
      email: campaignSends.email,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      variantKey: campaignSends.variantKey,
      status: campaignSends.status,
      sentAt: campaignSends.sentAt,
      firstOpenAt: sql<Date | null>`coalesce(${campaignSends.firstHumanOpenAt}, ${q.includeMachine ? campaignSends.firstOpenAt : sql`null`})`.mapWith(
        (v) => (v === null ? null : new Date(v)),
      ),
      firstClickAt: sql<Date | null>`coalesce(${campaignSends.firstHumanClickAt}, ${q.includeMachine ? campaignSends.firstClickAt : sql`null`})`.mapWith(
        (v) => (v === null ? null : new Date(v)),
      ),
    })
    .from(campaignSends)
    .innerJoin(contacts, eq(contacts.id, campaignSends.contactId))
    .where(
      and(
        eq(campaignSends.campaignId, campaign.id),
        eq(campaignSends.workspaceId, ctx.workspaceId),
        filterSql(q.filter, Boolean(q.includeMachine)),
        q.after ? gt(campaignSends.id, q.after) : undefined,
      ),
    )
    .orderBy(asc(campaignSends.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].sendId : null };
}
