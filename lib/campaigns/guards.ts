import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, type Campaign } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

/** Fetch-or-throw by id AND workspace: another tenant's campaign id is simply not found. */
export async function getCampaignInWorkspace(tx: Db, ctx: Pick<WorkspaceCtx, 'workspaceId'>, campaignId: string): Promise<Campaign> {
  if (!/^[0-9a-f-]{36}$/i.test(campaignId)) throw notFound('campaignNotFound');
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw notFound('campaignNotFound');
  return row;
}
