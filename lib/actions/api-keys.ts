'use server';

import { apiKeyCreateSchema, apiKeyRefSchema, createWorkspaceApiKey, revokeApiKey } from '@/lib/api/manage';
import { workspaceInput, workspaceAction } from './safe-action';

/** Answers the plain key once; the page shows it and it is never readable again. */
export const createApiKeyAction = workspaceAction('admin')
  .metadata({ name: 'apiKey.create' })
  .inputSchema(workspaceInput(apiKeyCreateSchema))
  .action(async ({ parsedInput, ctx }) => createWorkspaceApiKey({ ctx: ctx.wctx, input: parsedInput }));

export const revokeApiKeyAction = workspaceAction('admin')
  .metadata({ name: 'apiKey.revoke' })
  .inputSchema(workspaceInput(apiKeyRefSchema))
  .action(async ({ parsedInput, ctx }) => {
    await revokeApiKey({ ctx: ctx.wctx, input: parsedInput });
  });
