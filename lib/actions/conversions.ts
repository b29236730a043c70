'use server';

import { createGoal, goalInputSchema, goalRefSchema, setGoalArchived, siteSettingsSchema, updateGoal, updateSiteSettings } from '@/lib/conversions/goals';
import { z } from 'zod';
import { workspaceAction, workspaceInput } from './safe-action';

export const createGoalAction = workspaceAction('admin')
  .metadata({ name: 'conversion.goal.create' })
  .inputSchema(workspaceInput(goalInputSchema))
  .action(async ({ parsedInput, ctx }) => {
    const goal = await createGoal({ ctx: ctx.wctx, input: parsedInput });
    return { id: goal.id };
  });

export const updateGoalAction = workspaceAction('admin')
  .metadata({ name: 'conversion.goal.update' })
  .inputSchema(workspaceInput(goalInputSchema.extend(goalRefSchema.shape)))
  .action(async ({ parsedInput, ctx }) => {
    await updateGoal({ ctx: ctx.wctx, input: parsedInput });
  });

export const archiveGoalAction = workspaceAction('admin')
  .metadata({ name: 'conversion.goal.archive' })
  .inputSchema(workspaceInput(goalRefSchema.extend({ archived: z.boolean() })))
  .action(async ({ parsedInput, ctx }) => {
    await setGoalArchived({ ctx: ctx.wctx, input: parsedInput });
  });

export const updateSiteSettingsAction = workspaceAction('admin')
  .metadata({ name: 'conversion.settings.update' })
  .inputSchema(workspaceInput(siteSettingsSchema))
  .action(async ({ parsedInput, ctx }) => {
    await updateSiteSettings({ ctx: ctx.wctx, input: parsedInput });
  });
