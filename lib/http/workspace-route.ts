import { randomUUID } from 'node:crypto';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import { unauthorized } from '@/lib/errors';
import { resolveWorkspaceCtx, type WorkspaceCtx } from '@/lib/workspaces/context';
import { assertSameOrigin, routeError, type RouteContext } from './route-context';


/**
 * The one guard of session-authenticated route handlers, the twin of `workspaceAction(minRole)`:
 * signed-in user → membership and role from the database for `?workspaceId=` (a non-member gets
 * 404, a lower role 403) → same-origin check on anything but GET/HEAD → the handler. Every failure
 * leaves in the one JSON error shape (`{ error: { code, messageKey, … } }`, lib/http/route-context).
 */
export function withWorkspaceRoute<P = Record<string, never>>(
  minRole: Role,
  handler: (args: { request: Request; ctx: WorkspaceCtx; params: P }) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') assertSameOrigin(request);
      const user = await getSessionUser();
      if (!user) throw unauthorized();
      const workspaceId = new URL(request.url).searchParams.get('workspaceId');
      const ctx = await resolveWorkspaceCtx(getDb(), { requestId: randomUUID(), userId: user.id, workspaceId, minRole });
      return await handler({ request, ctx, params: await context.params });
    } catch (e) {
      return routeError(e, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}
