import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '@/lib/db/client';
import type { ApiKeyScope } from '@/lib/db/schema';
import { createWorkspaceApiKey } from '@/lib/api/manage';
import { ctxFor } from './factories';

/**
 * The public API v1 through its real route handlers (app/api/v1/**\/route.ts), called with real
 * Requests: the same modules Next.js runs, found on disk so a new route is never silently missed.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;

const V1 = path.join(process.cwd(), 'app/api/v1');

/** Every `route.ts` under app/api/v1 as its URL template (`[id]` → `{id}`). */
export function routeFiles(): { template: string; file: string }[] {
  const out: { template: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'route.ts') {
        const rel = path.relative(V1, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}'));
        out.push({ template: ['/api/v1', ...rel].join('/'), file: full });
      }
    }
  };
  walk(V1);
  return out;
}

const modules = new Map<string, Promise<RouteModule>>();
function loadRoute(file: string): Promise<RouteModule> {
  if (!modules.has(file)) modules.set(file, import(/* @vite-ignore */ file) as Promise<RouteModule>);
  return modules.get(file)!;
}

function match(template: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
  const m = re.exec(pathname);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
}

export interface ApiResult {
  status: number;
  headers: Headers;
  body: unknown;
  /** The documented path template the call went to (for the contract test). */
  template: string;
}

/** Calls the route handler for `method pathWithQuery`; `body` is JSON unless `raw` gives the bytes. */
export async function callApi(
  method: 'GET' | 'POST' | 'DELETE',
  pathWithQuery: string,
  opts: { key?: string | null; authorization?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const url = new URL(pathWithQuery, 'http://pulse.test');
  const route = routeFiles()
    .map((r) => ({ ...r, params: match(r.template, url.pathname) }))
    .find((r) => r.params);
  if (!route) throw new Error(`no route for ${url.pathname}`);
  const handler = (await loadRoute(route.file))[method];
  if (!handler) throw new Error(`${method} ${route.template} is not exported`);
  const headers: Record<string, string> = { host: 'pulse.test', ...opts.headers };
  const authorization = opts.authorization ?? (opts.key ? `Bearer ${opts.key}` : undefined);
  if (authorization) headers.authorization = authorization;
  let body: string | Uint8Array | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await handler(new Request(url, { method, headers, body: body as BodyInit | undefined }), { params: Promise.resolve(route.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, template: route.template };
}

/** A key made through the Settings verb, as an owner of `workspaceId` would. */
export async function makeApiKey(db: Db, ownerId: string, workspaceId: string, scope: ApiKeyScope, name = `${scope} key`) {
  const ctx = await ctxFor(db, ownerId, workspaceId);
  return createWorkspaceApiKey({ ctx, input: { name, scope } });
}
