import type { IncomingMessage, ServerResponse } from 'node:http';
import { toIssues, type ApiIssue } from '@/lib/api/issues';
import { authenticateApiKey, isApiAuthFailure } from '@/lib/api/keys';
import { getDb } from '@/lib/db/client';
import { readNodeBody } from '@/lib/http/body';
import { throttledRequestLogger } from '@/lib/log/throttled';
import { conversionRequestSchema, MAX_CONVERSION_AGE_DAYS, type ConversionResponse } from './api-schema';
import { recordConversion } from './record';

/**
 * POST /api/v1/conversions — the server-to-server conversion call, answered bare (before Next.js)
 * because it is a hot path; authenticated by an API key with write scope (lib/api/keys: one
 * statement with the key's Postgres rate limit). Errors use the one JSON error shape
 * `{ "error": { "code", "messageKey", "params"?, "issues"? } }`:
 *   401 (+ WWW-Authenticate: Bearer) unknown/revoked/malformed key · 403 read key · 429 (+ Retry-After)
 *   415 not JSON · 413 body over 16 kB · 400 invalid JSON or body (`issues`) · 404 unknown goal.
 * 201 a recorded conversion, 200 a repeated order id (`status: "duplicate"`); conversionResponseSchema.
 * Stateless, never throws: failures answer 500 with a request-free message and log.
 */
export function handleConversionApi(req: IncomingMessage, res: ServerResponse): void {
  try {
    handle(req, res).catch((error: unknown) => fail(req, res, error));
  } catch (error) {
    fail(req, res, error);
  }
}

export const MAX_API_BODY_BYTES = 16 * 1024;
const DAY_MS = 86_400_000;
// A little clock skew between the caller's server and ours is not "the future".
const FUTURE_SKEW_MS = 5 * 60_000;

type ErrorBody = { code: string; messageKey: string; params?: Record<string, string | number>; issues?: unknown };

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return error(req, res, 405, { code: 'VALIDATION', messageKey: 'validation' }, { allow: 'POST' }, true);
  const db = getDb();
  const auth = await authenticateApiKey(db, req.headers.authorization, 'write');
  if (isApiAuthFailure(auth)) {
    const headers: Record<string, string> = auth.status === 401 ? { 'www-authenticate': 'Bearer' } : auth.status === 429 ? { 'retry-after': String(auth.retryAfter) } : {};
    return error(req, res, auth.status, { code: auth.code, messageKey: auth.messageKey }, headers, true);
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return error(req, res, 415, { code: 'VALIDATION', messageKey: 'conversionContentType' }, {}, true);
  const body = await readNodeBody(req, MAX_API_BODY_BYTES);
  if (body === 'too-large') return error(req, res, 413, { code: 'VALIDATION', messageKey: 'bodyTooLarge', params: { limit: MAX_API_BODY_BYTES } }, {}, true);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return error(req, res, 400, { code: 'VALIDATION', messageKey: 'bodyNotJson' });
  }
  const parsed = conversionRequestSchema.safeParse(json);
  if (!parsed.success) {
    return error(req, res, 400, { code: 'VALIDATION', messageKey: 'validation', issues: toIssues(parsed.error) });
  }
  const c = parsed.data;
  const now = Date.now();
  const occurredAt = c.occurredAt ? new Date(c.occurredAt) : new Date(now);
  if (occurredAt.getTime() > now + FUTURE_SKEW_MS || occurredAt.getTime() < now - MAX_CONVERSION_AGE_DAYS * DAY_MS) {
    const issues: ApiIssue[] = [{ path: ['occurredAt'], message: `not in the future, at most ${MAX_CONVERSION_AGE_DAYS} days ago` }];
    return error(req, res, 400, { code: 'VALIDATION', messageKey: 'conversionOccurredAt', params: { days: MAX_CONVERSION_AGE_DAYS }, issues });
  }
  const result = await recordConversion(db, {
    workspaceId: auth.workspaceId,
    goalKey: c.goal,
    via: 'api',
    orderId: c.orderId ?? null,
    valueCents: c.value == null ? null : Math.round(c.value * 100),
    currency: c.currency ?? null,
    clickId: c.clickId ?? null,
    contactId: c.contactId ?? null,
    email: c.email ?? null,
    userAgent: null,
    occurredAt,
  });
  if (result.status === 'unknownGoal') {
    return error(req, res, 404, { code: 'NOT_FOUND', messageKey: 'conversionGoalUnknown', params: { goal: c.goal } });
  }
  if (result.status === 'duplicate') {
    return sendJson(res, 200, { id: String(result.id), status: 'duplicate', attributed: false, campaignId: null, smartlinkPageId: null, surveyId: null });
  }
  const a = result.attribution;
  sendJson(res, 201, {
    id: String(result.id),
    status: 'recorded',
    attributed: a !== null,
    campaignId: a?.campaignId ?? null,
    smartlinkPageId: a?.smartlinkPageId ?? null,
    surveyId: a?.surveyId ?? null,
  });
}

function sendJson(res: ServerResponse, status: number, body: ConversionResponse): void {
  const buf = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': buf.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(buf);
}

function error(req: IncomingMessage, res: ServerResponse, status: number, err: ErrorBody, headers: Record<string, string> = {}, close = false): void {
  const buf = Buffer.from(JSON.stringify({ error: err }));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': buf.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
    ...(close && !req.complete ? { connection: 'close' } : {}),
  });
  res.end(buf);
  // An unread body of a refused request is dropped with the connection (once the answer is out), not drained.
  if (close && !req.complete) res.once('finish', () => req.destroy());
}

function fail(req: IncomingMessage, res: ServerResponse, e: unknown): void {
  logError(req, e);
  try {
    if (res.headersSent) res.destroy();
    else error(req, res, 500, { code: 'INTERNAL', messageKey: 'internal' }, {}, true);
  } catch {
    res.destroy();
  }
}

const logError = throttledRequestLogger('api-conversions', 20);
