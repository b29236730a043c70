'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { limitTestSend } from '@/lib/auth/limits';
import {
  benchmarksInputSchema,
  deleteWorkspaceSchema,
  inactivitySettingsSchema,
  newWorkspaceSchema,
  sendingSettingsSchema,
  testEmailSchema,
  workspaceLinksSchema,
  workspaceProfileSchema,
} from '@/lib/db/schema/workspaces/validation';
import { createWorkspace } from '@/lib/workspaces/create';
import { LAST_WORKSPACE_COOKIE } from '@/lib/workspaces/cookies';
import { deleteWorkspace } from '@/lib/workspaces/delete';
import { updateInactivitySettings } from '@/lib/workspaces/inactivity';
import { sendTestEmail, updateSending } from '@/lib/workspaces/sending';
import { resetBenchmarks, updateBenchmarks, updateLinks, updateProfile } from '@/lib/workspaces/update';
import { rotateWebhookSecret } from '@/lib/webhooks/secret';
import { authedAction, workspaceAction } from './safe-action';

export const createWorkspaceAction = authedAction
  .metadata({ name: 'workspace.create' })
  .inputSchema(newWorkspaceSchema)
  .action(async ({ parsedInput, ctx }) => {
    const ws = await createWorkspace(ctx.db, ctx.user.id, parsedInput);
    redirect(`/w/${ws.slug}/dashboard`);
  });

export const updateProfileAction = workspaceAction('admin')
  .metadata({ name: 'workspace.updateProfile' })
  .inputSchema(workspaceProfileSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateProfile({ ctx: ctx.wctx, input: parsedInput });
  });

export const updateLinksAction = workspaceAction('admin')
  .metadata({ name: 'workspace.updateLinks' })
  .inputSchema(workspaceLinksSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateLinks({ ctx: ctx.wctx, input: parsedInput });
  });

export const updateBenchmarksAction = workspaceAction('admin')
  .metadata({ name: 'workspace.updateBenchmarks' })
  .inputSchema(benchmarksInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateBenchmarks({ ctx: ctx.wctx, input: parsedInput });
  });

export const resetBenchmarksAction = workspaceAction('admin')
  .metadata({ name: 'workspace.resetBenchmarks' })
  .action(async ({ ctx }) => {
    await resetBenchmarks({ ctx: ctx.wctx });
  });

export const updateInactivityAction = workspaceAction('admin')
  .metadata({ name: 'workspace.updateInactivity' })
  .inputSchema(inactivitySettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateInactivitySettings({ ctx: ctx.wctx, input: parsedInput });
  });

export const updateSendingAction = workspaceAction('admin')
  .metadata({ name: 'workspace.updateSending' })
  .inputSchema(sendingSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateSending({ ctx: ctx.wctx, input: parsedInput });
  });

export const sendTestEmailAction = workspaceAction('admin')
  .metadata({ name: 'workspace.sendTestEmail' })
  .inputSchema(testEmailSchema.partial())
  .action(async ({ parsedInput, ctx }) => {
    await limitTestSend(ctx.db, ctx.wctx.workspaceId);
    const result = await sendTestEmail({ ctx: ctx.wctx, input: parsedInput });
    return { status: result.status, transport: result.transport, error: result.error };
  });

export const rotateWebhookSecretAction = workspaceAction('admin')
  .metadata({ name: 'webhooks.rotateSecret' })
  .action(async ({ ctx }) => {
    await rotateWebhookSecret({ ctx: ctx.wctx });
  });

export const deleteWorkspaceAction = workspaceAction('owner')
  .metadata({ name: 'workspace.delete' })
  .inputSchema(deleteWorkspaceSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteWorkspace({ ctx: ctx.wctx, input: parsedInput });
    (await cookies()).delete(LAST_WORKSPACE_COOKIE);
    redirect('/');
  });
