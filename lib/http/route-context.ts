import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { AppError, forbidden, type ActionServerError } from '@/lib/errors';
import { loggableError } from '@/lib/log/safe-error';

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

/** An expected error with its own HTTP status (413, 415, …) that the code alone does not say. */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: AppError['code'],
    messageKey: string,
    params: Record<string, string | number> = {},
    readonly extra: { issues?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(code, messageKey, params);
  }
}

export function jsonError(status: number, error: ActionServerError & { issues?: unknown }, headers: Record<string, string> = {}) {
  return NextResponse.json({ error }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** The one error contract, over HTTP: expected errors keep their key; anything else is logged. */
export function routeError(e: unknown, route: string): NextResponse {
  if (e instanceof HttpError) {
    return jsonError(e.status, { code: e.code, messageKey: e.messageKey, params: e.params, issues: e.extra.issues }, e.extra.headers);
  }
  if (e instanceof AppError) return jsonError(STATUS[e.code], { code: e.code, messageKey: e.messageKey, params: e.params });
  const requestId = randomUUID();
  console.error(`[route ${route}] request ${requestId}`, loggableError(e));
  return jsonError(500, { code: 'INTERNAL', messageKey: 'internal', requestId });
}

export type RouteContext<P> = { params: Promise<P> };

/**
 * The error contract for public routes (webhooks) that authenticate by other means than a session.
 * Kept here, apart from withWorkspaceRoute, so public routes never load the session machinery.
 */
export function withPublicRoute<P = Record<string, never>>(handler: (args: { request: Request; params: P }) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler({ request, params: await context.params });
    } catch (e) {
      return routeError(e, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}
