'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { mailScoreModeSchema, surveyInputSchema, surveyRefSchema } from '@/lib/db/schema/surveys/validation';
import { closeSurvey, createSurvey, deleteSurvey, openSurvey, updateMailScoreMode, updateSurvey } from '@/lib/surveys/manage';
import { workspaceAction } from './safe-action';

export const createSurveyAction = workspaceAction('member')
  .metadata({ name: 'survey.create' })
  .inputSchema(surveyInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const survey = await createSurvey({ ctx: ctx.wctx, input: parsedInput });
    return { id: survey.id };
  });

export const updateSurveyAction = workspaceAction('member')
  .metadata({ name: 'survey.update' })
  .inputSchema(surveyInputSchema.extend(surveyRefSchema.shape))
  .action(async ({ parsedInput, ctx }) => {
    await updateSurvey({ ctx: ctx.wctx, input: parsedInput });
  });

export const openSurveyAction = workspaceAction('member')
  .metadata({ name: 'survey.open' })
  .inputSchema(surveyRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await openSurvey({ ctx: ctx.wctx, input: parsedInput });
    return { status: row.status };
  });

export const closeSurveyAction = workspaceAction('member')
  .metadata({ name: 'survey.close' })
  .inputSchema(surveyRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await closeSurvey({ ctx: ctx.wctx, input: parsedInput });
    return { status: row.status };
  });

export const deleteSurveyAction = workspaceAction('member')
  .metadata({ name: 'survey.delete' })
  .inputSchema(surveyRefSchema.extend({ slug: z.string().max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteSurvey({ ctx: ctx.wctx, input: parsedInput });
    redirect(`/w/${encodeURIComponent(parsedInput.slug)}/surveys`);
  });

export const updateMailScoreModeAction = workspaceAction('admin')
  .metadata({ name: 'workspace.updateMailScoreMode' })
  .inputSchema(mailScoreModeSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateMailScoreMode({ ctx: ctx.wctx, input: parsedInput });
  });
