import { randomUUID } from 'node:crypto';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import { AppError, unauthorized, type ActionServerError } from '@/lib/errors';
import { resolveWorkspaceCtx } from '@/lib/workspaces/context';
import { loggableError } from '@/lib/log/safe-error';

/**
 * The chain every server action is built from:
 *   actionClient (request id, error contract) → authedAction (session) → workspaceAction(role)
 * The workspace role is always read from the database, never taken from the client.
 */
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string() }),
  handleServerError(error, utils): ActionServerError {
    const requestId = (utils.ctx as { requestId?: string } | undefined)?.requestId ?? randomUUID();
    if (error instanceof AppError) return { code: error.code, messageKey: error.messageKey, params: error.params };
    console.error(`[action ${utils.metadata?.name ?? '?'}] request ${requestId}`, loggableError(error));
    return { code: 'INTERNAL', messageKey: 'internal', requestId };
  },
}).use(async ({ next }) => next({ ctx: { requestId: randomUUID(), db: getDb() } }));

export const authedAction = actionClient.use(async ({ next, ctx }) => {
  const user = await getSessionUser();
  if (!user) throw unauthorized();
  return next({ ctx: { ...ctx, user } });
});

/** Any input that names a workspace; middleware runs before the action's own schema, so it reads the raw input. */
const namesWorkspace = z.looseObject({ workspaceId: z.unknown() });

/**
 * An action's input schema with the workspace id every workspaceAction needs, so callers pass
 * `{ workspaceId, … }` with its type checked (forms send it as a hidden field).
 */
export const workspaceInput = <S extends z.ZodRawShape>(schema: z.ZodObject<S>) => schema.extend({ workspaceId: z.uuid() });

/** Membership and role resolved on the server for `input.workspaceId`; a non-member gets 404. */
export function workspaceAction(minRole: Role) {
  return authedAction.use(async ({ next, ctx, clientInput }) => {
    const parsed = namesWorkspace.safeParse(clientInput);
    const workspaceId = parsed.success ? parsed.data.workspaceId : undefined;
    const wctx = await resolveWorkspaceCtx(ctx.db, { requestId: ctx.requestId, userId: ctx.user.id, workspaceId, minRole });
    return next({ ctx: { ...ctx, wctx } });
  });
}
