'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { countRecipients } from '@/lib/campaigns/audience';
import { audienceSchema } from '@/lib/db/schema/campaigns/validation';
import { sendSurvey, surveySendSchema } from '@/lib/surveys/send';
import { workspaceAction, workspaceInput } from './safe-action';

/** "Send this survey": a campaign draft with the survey block, then on to the campaign editor. */
export const sendSurveyAction = workspaceAction('member')
  .metadata({ name: 'survey.send' })
  .inputSchema(workspaceInput(surveySendSchema.extend({ slug: z.string().max(100) })))
  .action(async ({ parsedInput, ctx }) => {
    const campaign = await sendSurvey({ ctx: ctx.wctx, input: parsedInput });
    redirect(`/w/${encodeURIComponent(parsedInput.slug)}/campaigns/${campaign.id}/edit`);
  });

/** Live count for an audience picker (send dialog, campaign editor): subscribed contacts it selects now. */
export const countAudienceAction = workspaceAction('viewer')
  .metadata({ name: 'audience.count' })
  .inputSchema(workspaceInput(z.object({ audience: audienceSchema })))
  .action(async ({ parsedInput, ctx }) => ({ count: await countRecipients({ ctx: ctx.wctx, input: { audience: parsedInput.audience } }) }));
