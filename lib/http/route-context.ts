import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import { AppError, forbidden, unauthorized, type ActionServerError } from '@/lib/errors';
import { resolveWorkspaceCtx, type WorkspaceCtx } from '@/lib/workspaces/context';
import { loggableError } from '@/lib/log/safe-error';

/** Route-handler twin of `workspaceAction(minRole)`: the same resolver, with the id from the query. */
export async function routeWorkspaceCtx(request: Request, minRole: Role): Promise<WorkspaceCtx> {
  const user = await getSessionUser();
  if (!user) throw unauthorized();
  const workspaceId = new URL(request.url).searchParams.get('workspaceId');
  return resolveWorkspaceCtx(getDb(), { requestId: randomUUID(), userId: user.id, workspaceId, minRole });
}

/**
 * Cookie-authenticated writes must come from our own pages: a browser always sends Origin on a
 * POST, and a cross-site one never matches the host (the same rule Next.js applies to actions).
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (!origin) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== host) throw forbidden();
}

const STATUS: Record<AppError['code'], number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

export function jsonError(status: number, error: ActionServerError & { issues?: unknown }) {
  return NextResponse.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** The one error contract, over HTTP: expected errors keep their key; anything else is logged. */
export function routeError(e: unknown, route: string): NextResponse {
  if (e instanceof AppError) return jsonError(STATUS[e.code], { code: e.code, messageKey: e.messageKey, params: e.params });
  const requestId = randomUUID();
  console.error(`[route ${route}] request ${requestId}`, loggableError(e));
  return jsonError(500, { code: 'INTERNAL', messageKey: 'internal', requestId });
}
