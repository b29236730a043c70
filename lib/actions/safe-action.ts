import { randomUUID } from 'node:crypto';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import { AppError, notFound, unauthorized, type ActionServerError } from '@/lib/errors';
import { assertRole, findMembership, type WorkspaceCtx } from '@/lib/workspaces/context';

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
    console.error(`[action ${utils.metadata?.name ?? '?'}] request ${requestId}`, error);
    return { code: 'INTERNAL', messageKey: 'internal', requestId };
  },
}).use(async ({ next }) => next({ ctx: { requestId: randomUUID(), db: getDb() } }));

export const authedAction = actionClient.use(async ({ next, ctx }) => {
  const user = await getSessionUser();
  if (!user) throw unauthorized();
  return next({ ctx: { ...ctx, user } });
});

const workspaceRef = z.object({ workspaceId: z.uuid() });

/** Membership and role resolved on the server for `input.workspaceId`; a non-member gets 404. */
export function workspaceAction(minRole: Role) {
  return authedAction.use(async ({ next, ctx, clientInput }) => {
    const ref = workspaceRef.safeParse(clientInput);
    if (!ref.success) throw notFound('workspaceNotFound');
    const role = await findMembership(ctx.db, ctx.user.id, ref.data.workspaceId);
    if (!role) throw notFound('workspaceNotFound');
    const wctx: WorkspaceCtx = {
      db: ctx.db,
      requestId: ctx.requestId,
      userId: ctx.user.id,
      workspaceId: ref.data.workspaceId,
      role,
    };
    assertRole(wctx, minRole);
    return next({ ctx: { ...ctx, wctx } });
  });
}
