import { and, desc, eq, isNull } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, sequences, type Campaign } from '@/lib/db/schema';
import type { Db } from '@/lib/db/client';
import type { CampaignDraftInput } from '@/lib/db/schema/campaigns/validation';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import { freezeCampaignLinks } from './freeze-links';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getCampaignInWorkspace } from './guards';
import { embeddedSurveyId, getEmbeddedSurvey } from './survey-block';

export const EDITABLE_STATUSES = ['draft', 'scheduled'] as const;
/** A sequence step's mail is 'draft' before activation and 'sending' after; editable until the sequence stops. */
const STEP_EDITABLE_STATUSES = ['draft', 'sending'] as const;

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
    // Sequence steps live under their sequence, not in the campaign list.
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), isNull(campaigns.sequenceId)))
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

/** The status of the sequence a step campaign belongs to (null: not a step). */
async function stepSequenceStatus(tx: Db, ctx: WorkspaceCtx, current: Campaign) {
  if (!current.sequenceId) return null;
  const [seq] = await tx
    .select({ status: sequences.status })
    .from(sequences)
    .where(and(eq(sequences.id, current.sequenceId), eq(sequences.workspaceId, ctx.workspaceId)))
    .for('update');
  return seq?.status ?? 'stopped';
}

/**
 * Drafts and scheduled campaigns can change; once sending starts the content is frozen. A sequence
 * step stays editable while its sequence runs (it goes out per contact): only its content and name
 * change — the sequence decides audience, category and timing, and a step has no A/B test.
 */
export async function updateCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: CampaignDraftInput & { campaignId: string } }) {
  assertRole(ctx, 'member');
  await assertReferences(ctx, input);
  return withTransaction(ctx.db, async (tx) => {
    const current = await getCampaignInWorkspace(tx, ctx, input.campaignId);
    const sequenceStatus = await stepSequenceStatus(tx, ctx, current);
    const editable =
      sequenceStatus === null
        ? (EDITABLE_STATUSES as readonly string[]).includes(current.status)
        : sequenceStatus !== 'stopped' && (STEP_EDITABLE_STATUSES as readonly string[]).includes(current.status);
    if (!editable) throw conflict('campaignLocked');
    const step = sequenceStatus === null ? {} : { category: current.category, audience: current.audience, abTest: null };
    const [row] = await tx
      .update(campaigns)
      .set({ ...fields(input), ...step, updatedAt: new Date() })
      .where(and(eq(campaigns.id, current.id), eq(campaigns.workspaceId, ctx.workspaceId)))
      .returning();
    // A running step's tracked links must include any URL the new content adds.
    if (sequenceStatus !== null && current.status === 'sending') await freezeCampaignLinks(tx, row);
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
    // A step goes with its sequence (deleting the sequence removes it), never on its own.
    if (current.sequenceId) throw conflict('campaignIsStep');
    await tx.delete(campaigns).where(and(eq(campaigns.id, current.id), eq(campaigns.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'campaign.deleted', current.id, { name: current.name });
  });
}
