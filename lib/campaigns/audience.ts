import { and, count, eq, type SQL } from 'drizzle-orm';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import type { Db } from '@/lib/db/client';
import { contacts, type CampaignAudience } from '@/lib/db/schema';
import { invalid } from '@/lib/errors';
import { audienceSchema } from '@/lib/db/schema/campaigns/validation';
import { compileSegmentRules, onListSql } from '@/lib/segments/compile';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { getCampaignInWorkspace } from './guards';
import { sendReadiness } from './schedule';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/**
 * WHERE over `contacts` for a campaign audience: this workspace, status `subscribed`, and the
 * list or segment. A list or segment of another workspace (or a deleted one) is NOT_FOUND.
 */
export async function audienceWhere(db: Db, workspaceId: string, audience: CampaignAudience): Promise<SQL> {
  const parts: SQL[] = [eq(contacts.workspaceId, workspaceId), eq(contacts.status, 'subscribed')];
  const parsed = audienceSchema.parse(audience);
  if (parsed.type === 'list') {
    await getListInWorkspace(db, { workspaceId }, parsed.listId);
    parts.push(onListSql(workspaceId, parsed.listId));
  } else if (parsed.type === 'segment') {
    const segment = await getSegmentInWorkspace(db, { workspaceId }, parsed.segmentId);
    parts.push(compileSegmentRules(workspaceId, segmentRulesSchema.parse(segment.rules)));
  }
  return and(...parts) as SQL;
}

/** Live "recipients" count for the campaign editor: who would get the mail if it started now. */
export async function countRecipients({ ctx, input }: { ctx: WorkspaceCtx; input: { audience: CampaignAudience } }): Promise<number> {
  assertRole(ctx, 'viewer');
  const [row] = await ctx.db.select({ n: count() }).from(contacts).where(await audienceWhere(ctx.db, ctx.workspaceId, input.audience));
  return row.n;
}

/**
 * The "Send now" confirmation: how many would get this campaign's saved audience right now. A
 * campaign that could not be sent (no subject, no content) says so here, before any dialog opens.
 */
export async function countCampaignRecipients({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string } }): Promise<number> {
  assertRole(ctx, 'viewer');
  const campaign = await getCampaignInWorkspace(ctx.db, ctx, input.campaignId);
  const gaps = sendReadiness(campaign);
  if (gaps.length) throw invalid(gaps[0]);
  return countRecipients({ ctx, input: { audience: campaign.audience } });
}
