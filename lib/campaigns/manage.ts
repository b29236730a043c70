import { and, desc, eq } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, type Campaign } from '@/lib/db/schema';
import type { CampaignDraftInput } from '@/lib/db/schema/campaigns/validation';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getCampaignInWorkspace } from './guards';
import { embeddedSurveyId, getEmbeddedSurvey } from './survey-block';

export const EDITABLE_STATUSES = ['draft', 'scheduled'] as const;

export async function listCampaigns(ctx: WorkspaceCtx, limit = 100) {
  return ctx.db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      status: campaigns.status,
      category: campaigns.category,
      subject: campaigns.subject,
      scheduledAt: campaigns.scheduledAt,
      finishedAt: campaigns.finishedAt,
      updatedAt: campaigns.updatedAt,
    })
    .from(campaigns)
    .where(eq(campaigns.workspaceId, ctx.workspaceId))
    .orderBy(desc(campaigns.updatedAt))
    .limit(limit);
}

/** The audience must point at this workspace's own list or segment, a survey block at its own survey. */
async function assertReferences(ctx: WorkspaceCtx, input: CampaignDraftInput) {
  if (input.audience.type === 'list') await getListInWorkspace(ctx.db, ctx, input.audience.listId);
  if (input.audience.type === 'segment') await getSegmentInWorkspace(ctx.db, ctx, input.audience.segmentId);
  const surveyId = embeddedSurveyId(input.blocks);
  if (surveyId) await getEmbeddedSurvey(ctx.db, ctx.workspaceId, surveyId);
}

function fields(input: CampaignDraftInput) {
  return {
    name: input.name,
    category: input.category,
    audienceKind: input.audienceKind,
    subject: input.subject,
    previewText: input.previewText,
    blocks: input.blocks,
    audience: input.audience,
    abTest: input.abTest ?? null,
    // Kept in sync with the blocks on every save: cadence and survey reports key on it.
    surveyId: embeddedSurveyId(input.blocks),
  };
}

export async function createCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: CampaignDraftInput }): Promise<Campaign> {
  assertRole(ctx, 'member');
  await assertReferences(ctx, input);
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ workspaceId: ctx.workspaceId, createdById: ctx.userId, ...fields(input) })
      .returning();
    await writeAudit(tx, ctx, 'campaign.created', row.id, { name: row.name });
    return row;
  });
}

/** Drafts and scheduled campaigns can change; once sending starts the content is frozen. */
export async function updateCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: CampaignDraftInput & { campaignId: string } }) {
  assertRole(ctx, 'member');
  await assertReferences(ctx, input);
  return withTransaction(ctx.db, async (tx) => {
    const current = await getCampaignInWorkspace(tx, ctx, input.campaignId);
    if (!(EDITABLE_STATUSES as readonly string[]).includes(current.status)) throw conflict('campaignLocked');
    const [row] = await tx
      .update(campaigns)
      .set({ ...fields(input), updatedAt: new Date() })
      .where(and(eq(campaigns.id, current.id), eq(campaigns.workspaceId, ctx.workspaceId)))
      .returning();
    await writeAudit(tx, ctx, 'campaign.updated', row.id);
    return row;
  });
}

/** Only drafts: anything scheduled or sent has (or will have) recipients and a report to keep. */
export async function deleteCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string } }) {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const current = await getCampaignInWorkspace(tx, ctx, input.campaignId);
    if (current.status !== 'draft') throw conflict('campaignNotDraft');
    await tx.delete(campaigns).where(and(eq(campaigns.id, current.id), eq(campaigns.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'campaign.deleted', current.id, { name: current.name });
  });
}
