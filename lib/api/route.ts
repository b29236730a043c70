import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { ApiKeyScope } from '@/lib/db/schema';
import { BodyTooLarge, readRequestText } from '@/lib/http/body';
import { HttpError, jsonError, routeError, type RouteContext } from '@/lib/http/route-context';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { toIssues } from './issues';
import { apiRateLimit, authenticateApiKey, isApiAuthFailure, type ApiCaller } from './keys';

/** Largest JSON body the API reads; contacts with 50 attributes stay far below it. */
export const API_MAX_BODY_BYTES = 64 * 1024;

export interface ApiArgs<P> {
  request: Request;
  caller: ApiCaller;
  /** The key acts as a member (write) or viewer (read) of its workspace; audit rows have no user. */
  ctx: WorkspaceCtx;
  params: P;
}

export { toIssues } from './issues';

const invalidRequest = (messageKey: string, issues?: unknown) => new HttpError(400, 'VALIDATION', messageKey, {}, { issues });

/** The query string through `schema`; 400 `apiInvalidQuery` with issues. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalidRequest('apiInvalidQuery', toIssues(parsed.error));
  return parsed.data;
}

/** Path parameters through `schema`; a malformed id is simply not found (404 `notFound`). */
export function parseParams<S extends z.ZodType>(params: unknown, schema: S, notFoundKey = 'notFound'): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new HttpError(404, 'NOT_FOUND', notFoundKey);
  return parsed.data;
}

/** A size-capped JSON body through `schema`: 413 over API_MAX_BODY_BYTES, 400 not JSON or invalid. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readRequestText(request, API_MAX_BODY_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLarge) throw new HttpError(413, 'VALIDATION', 'apiBodyTooLarge', { limit: API_MAX_BODY_BYTES });
    throw invalidRequest('apiBodyNotJson');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidRequest('apiBodyNotJson');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidRequest('apiInvalidBody', toIssues(parsed.error));
  return parsed.data;
}

export const apiJson = (body: unknown, status = 200) => NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * The one guard of the public API: `Authorization: Bearer pk_…` → key, scope and rate limit in one
 * statement (lib/api/keys) → the handler with a context scoped to the key's workspace. Every failure
 * leaves in the one JSON error shape; 401 carries `WWW-Authenticate: Bearer`, 429 `Retry-After`.
 */
export function withApiRoute<P = Record<string, never>>(scope: ApiKeyScope, handler: (args: ApiArgs<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const limit = String(apiRateLimit());
    try {
      const db = getDb();
      const caller = await authenticateApiKey(db, request.headers.get('authorization'), scope);
      if (isApiAuthFailure(caller)) {
        const headers: Record<string, string> =
          caller.status === 401
            ? { 'WWW-Authenticate': 'Bearer' }
            : caller.status === 429
              ? { 'Retry-After': String(caller.retryAfter), 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': '0' }
              : {};
        return jsonError(caller.status, { code: caller.code, messageKey: caller.messageKey }, headers);
      }
      const ctx: WorkspaceCtx = {
        db,
        requestId: randomUUID(),
        // API keys belong to the workspace, not to a person: audit rows carry no user (actor_user_id null).
        userId: null as unknown as string,
        workspaceId: caller.workspaceId,
        role: caller.scope === 'write' ? 'member' : 'viewer',
      };
      const response = await handler({ request, caller, ctx, params: await context.params });
      response.headers.set('X-RateLimit-Limit', limit);
      if (caller.remaining !== undefined) response.headers.set('X-RateLimit-Remaining', String(caller.remaining));
      return response;
    } catch (e) {
      return routeError(e, route);
    }
  };
}
