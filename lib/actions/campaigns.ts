'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { overrideWinner } from '@/lib/campaigns/ab-winner';
import { countCampaignRecipients } from '@/lib/campaigns/audience';
import { createCampaign, deleteCampaign, updateCampaign } from '@/lib/campaigns/manage';
import { limitTestSend } from '@/lib/auth/limits';
import { sendTestCampaign } from '@/lib/campaigns/preview';
import { cancelCampaign, scheduleCampaign } from '@/lib/campaigns/schedule';
import { campaignDraftSchema, campaignRefSchema, scheduleSchema } from '@/lib/db/schema/campaigns/validation';
import { baseUrl } from '@/lib/http/base-url';
import { optionalEmail } from '@/lib/validation/fields';
import { workspaceAction } from './safe-action';

export const createCampaignAction = workspaceAction('member')
  .metadata({ name: 'campaign.create' })
  .inputSchema(campaignDraftSchema)
  .action(async ({ parsedInput, ctx }) => {
    const campaign = await createCampaign({ ctx: ctx.wctx, input: parsedInput });
    return { id: campaign.id };
  });

export const updateCampaignAction = workspaceAction('member')
  .metadata({ name: 'campaign.update' })
  .inputSchema(campaignDraftSchema.extend(campaignRefSchema.shape))
  .action(async ({ parsedInput, ctx }) => {
    await updateCampaign({ ctx: ctx.wctx, input: parsedInput });
  });

export const deleteCampaignAction = workspaceAction('member')
  .metadata({ name: 'campaign.delete' })
  .inputSchema(campaignRefSchema.extend({ slug: z.string().max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteCampaign({ ctx: ctx.wctx, input: parsedInput });
    redirect(`/w/${encodeURIComponent(parsedInput.slug)}/campaigns`);
  });

export const scheduleCampaignAction = workspaceAction('member')
  .metadata({ name: 'campaign.schedule' })
  .inputSchema(scheduleSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await scheduleCampaign({ ctx: ctx.wctx, input: { ...parsedInput, baseUrl: await baseUrl() } });
    return { status: row.status, scheduledAt: row.scheduledAt?.toISOString() ?? null };
  });

export const countCampaignRecipientsAction = workspaceAction('member')
  .metadata({ name: 'campaign.countRecipients' })
  .inputSchema(campaignRefSchema)
  .action(async ({ parsedInput, ctx }) => ({ recipients: await countCampaignRecipients({ ctx: ctx.wctx, input: parsedInput }) }));

export const cancelCampaignAction = workspaceAction('member')
  .metadata({ name: 'campaign.cancel' })
  .inputSchema(campaignRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    return { status: await cancelCampaign({ ctx: ctx.wctx, input: parsedInput }) };
  });

export const sendTestCampaignAction = workspaceAction('member')
  .metadata({ name: 'campaign.sendTest' })
  .inputSchema(campaignRefSchema.extend({ to: optionalEmail }))
  .action(async ({ parsedInput, ctx }) => {
    await limitTestSend(ctx.db, ctx.wctx.workspaceId);
    // The origin lets a survey block in the test mail link to the survey's public page.
    const r = await sendTestCampaign({ ctx: ctx.wctx, input: { campaignId: parsedInput.campaignId, to: parsedInput.to ?? undefined, baseUrl: await baseUrl() } });
    return { status: r.status, transport: r.transport, error: r.error };
  });

export const overrideWinnerAction = workspaceAction('member')
  .metadata({ name: 'campaign.overrideWinner' })
  .inputSchema(campaignRefSchema.extend({ winnerKey: z.enum(['A', 'B', 'C', 'D'], { error: 'validation.choose' }) }))
  .action(async ({ parsedInput, ctx }) => {
    await overrideWinner({ ctx: ctx.wctx, input: parsedInput });
    return { winnerKey: parsedInput.winnerKey };
  });
