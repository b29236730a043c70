import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { apiKeys, type ApiKey, type ApiKeyScope } from '@/lib/db/schema';
import { runner } from '@/lib/tracking/store';

/**
 * Public API keys: `pk_<40 base64url chars>` (240 random bits), shown once at creation. Only the
 * SHA-256 of the whole key is stored, plus its first characters (`prefix`) to tell keys apart.
 *
 * authenticateApiKey is ONE statement (one round trip, prepared on every pooled connection, so the
 * bare conversion endpoint stays fast): it finds the live key, takes one hit from the key's
 * rate-limit bucket in Postgres (shared by every app instance), and stamps last_used_at at most
 * once a minute so a busy key does not rewrite its row on every request.
 */
export const API_KEY_PREFIX = 'pk_';
export const API_KEY_SHAPE = /^pk_[A-Za-z0-9_-]{40}$/;
export const API_RATE_WINDOW_SECONDS = 60;
export const API_RATE_LIMIT = 600;

/** Requests per key per minute. PULSE_API_RATE_LIMIT overrides it for load tests only (README). */
export function apiRateLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.PULSE_API_RATE_LIMIT);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : API_RATE_LIMIT;
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(30).toString('base64url');
  return { key, prefix: key.slice(0, 11), hash: hashApiKey(key) };
}

/** Creates a key; the plain key is in the result and nowhere else, ever. */
export async function createApiKey(
  db: Db,
  input: { workspaceId: string; name: string; scope: ApiKeyScope; createdById?: string | null },
): Promise<{ key: string; row: ApiKey }> {
  const { key, prefix, hash } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId: input.workspaceId, name: input.name, scope: input.scope, prefix, keyHash: hash, createdById: input.createdById ?? null })
    .returning();
  return { key, row };
}

export interface ApiCaller {
  workspaceId: string;
  keyId: string;
  scope: ApiKeyScope;
  /** Requests left in the key's current rate-limit window (X-RateLimit-Remaining). */
  remaining?: number;
}

export type ApiAuthFailure =
  | { status: 401; code: 'UNAUTHORIZED'; messageKey: 'apiKeyInvalid' }
  | { status: 403; code: 'FORBIDDEN'; messageKey: 'apiKeyScope' }
  | { status: 429; code: 'RATE_LIMITED'; messageKey: 'apiRateLimited'; retryAfter: number };

export const isApiAuthFailure = (r: ApiCaller | ApiAuthFailure): r is ApiAuthFailure => 'status' in r;

/** The key from `Authorization: Bearer pk_…` (or null). */
export function presentedApiKey(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m && API_KEY_SHAPE.test(m[1]) ? m[1] : null;
}

const AUTH_SQL = `
with k as (
  select id, workspace_id, scope from api_keys where key_hash = $1 and revoked_at is null
), used as (
  update api_keys set last_used_at = now()
  where id = (select id from k) and (last_used_at is null or last_used_at < now() - interval '60 seconds')
), rl as (
  insert into rate_limits as r (key, hits, window_start)
  select 'api:' || k.id::text, 1, now() from k where k.scope = $2 or k.scope = 'write'
  on conflict (key) do update set
    hits = case when r.window_start <= now() - $3::int * interval '1 second' then 1 else r.hits + 1 end,
    window_start = case when r.window_start <= now() - $3::int * interval '1 second' then now() else r.window_start end
  returning hits, ceil(extract(epoch from (r.window_start + $3::int * interval '1 second' - now())))::int as reset_in
)
select k.id, k.workspace_id, k.scope, rl.hits, rl.reset_in from k left join rl on true`;

/**
 * The caller of an API request, or why not: 401 unknown, malformed or revoked key (alike, so keys
 * cannot be probed); 403 a read key on a write endpoint (takes no hit); 429 over the key's limit,
 * with the seconds until its window resets.
 */
export async function authenticateApiKey(db: Db, authorization: string | null | undefined, need: ApiKeyScope): Promise<ApiCaller | ApiAuthFailure> {
  const key = presentedApiKey(authorization);
  if (!key) return { status: 401, code: 'UNAUTHORIZED', messageKey: 'apiKeyInvalid' };
  const [row] = await runner(db)(AUTH_SQL, [hashApiKey(key), need, API_RATE_WINDOW_SECONDS]);
  if (!row) return { status: 401, code: 'UNAUTHORIZED', messageKey: 'apiKeyInvalid' };
  if (row.hits == null) return { status: 403, code: 'FORBIDDEN', messageKey: 'apiKeyScope' };
  if (Number(row.hits) > apiRateLimit()) return { status: 429, code: 'RATE_LIMITED', messageKey: 'apiRateLimited', retryAfter: Math.max(1, Number(row.reset_in)) };
  return {
    workspaceId: String(row.workspace_id),
    keyId: String(row.id),
    scope: row.scope as ApiKeyScope,
    remaining: Math.max(0, apiRateLimit() - Number(row.hits)),
  };
}
