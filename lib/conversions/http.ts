import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDb } from '@/lib/db/client';
import { readNodeBody } from '@/lib/http/body';
import { throttledRequestLogger } from '@/lib/log/throttled';
import { requestIp } from '@/lib/surveys/flood';
import { pageHitMachine } from '@/lib/tracking/source';
import { collectSchema, MAX_COLLECT_BYTES, pageHostOf, recordView, siteAttempt, SITE_KEY, visitorHash } from './collect';
import { recordConversion } from './record';
import { SNIPPET_JS } from './snippet';

/**
 * Entry point of the bare browser-snippet path (/c/…), called before Next.js sees the request.
 *   GET|HEAD /c/pulse.js   the snippet (lib/conversions/snippet), cacheable for an hour
 *   POST     /c/collect    page views and conversions from the snippet (text/plain JSON ≤ 4 kB)
 *   OPTIONS  /c/collect    CORS preflight (the snippet never needs one; answered for other callers)
 * CORS: `Access-Control-Allow-Origin` echoes the Origin only when the site's `site_origins` allow it
 * (any origin when the list is empty); a disallowed origin stores nothing (403). Unknown site key: 404,
 * no detail. Machine page views (bots, previews, prefetches: pageHitMachine) are dropped, not stored;
 * conversions are explicit calls and are recorded (order ids dedupe them, a per-address limit floods them).
 * Stateless, never throws: failures answer 503 and log.
 */
export function handleCollect(req: IncomingMessage, res: ServerResponse): void {
  try {
    route(req, res).catch((error: unknown) => fail(req, res, error));
  } catch (error) {
    fail(req, res, error);
  }
}

const SNIPPET = Buffer.from(SNIPPET_JS);
const NO_STORE = 'no-store';
const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': NO_STORE };

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path === '/c/pulse.js') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return empty(req, res, 405, { allow: 'GET, HEAD' }, true);
    res.writeHead(200, {
      'content-type': 'application/javascript; charset=utf-8',
      'content-length': SNIPPET.length,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
      // Loaded cross-origin by the customer's pages.
      'cross-origin-resource-policy': 'cross-origin',
      'access-control-allow-origin': '*',
    });
    res.end(req.method === 'HEAD' ? undefined : SNIPPET);
    return;
  }
  if (path !== '/c/collect') return empty(req, res, 404, {}, req.method !== 'GET' && req.method !== 'HEAD');
  if (req.method === 'OPTIONS') return preflight(req, res);
  if (req.method !== 'POST') return empty(req, res, 405, { allow: 'POST, OPTIONS' }, true);
  return collect(req, res);
}

const originOf = (req: IncomingMessage): string | null => (typeof req.headers.origin === 'string' && req.headers.origin !== 'null' ? req.headers.origin : null);

/** Preflights carry no site key: answered for any origin; the POST itself enforces `site_origins`. */
function preflight(req: IncomingMessage, res: ServerResponse): void {
  const origin = originOf(req);
  res.writeHead(204, {
    ...BASE_HEADERS,
    ...(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '86400',
  });
  res.end();
}

async function collect(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readNodeBody(req, MAX_COLLECT_BYTES);
  if (body === 'too-large') return empty(req, res, 413, {}, true);
  // Cheap rejection before any parsing or database work: a JSON object naming a plausible site.
  if (body.length < 10 || body[0] !== 0x7b) return empty(req, res, 400);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return empty(req, res, 400);
  }
  const site = (json as { site?: unknown } | null)?.site;
  if (typeof site !== 'string' || !SITE_KEY.test(site)) return empty(req, res, 400);
  const parsed = collectSchema.safeParse(json);
  if (!parsed.success) return empty(req, res, 400);
  const m = parsed.data;
  const origin = originOf(req);
  const ua = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined;
  const ip = requestIp(req);
  const db = getDb();
  const pageHost = pageHostOf(m.url);

  if (m.type === 'view') {
    // Bots, link previews and prefetches are not visitors: dropped (204), never stored.
    if (pageHitMachine(req)) return empty(req, res, 204);
    const answer = await recordView(db, {
      siteKey: m.site,
      origin,
      visitor: visitorHash(m.site, ip, ua),
      referrer: m.referrer,
      utmSource: m.utmSource,
      utmMedium: m.utmMedium,
      pageHost,
      userAgent: ua,
      clickId: m.clickId,
    });
    if (!answer.found) return empty(req, res, 404);
    if (!answer.allowed) return empty(req, res, 403);
    return json200(res, origin, { window: answer.windowDays });
  }

  const site2 = await siteAttempt(db, m.site, origin, ip);
  if (!site2.found) return empty(req, res, 404);
  if (!site2.allowed) return empty(req, res, 403);
  const cors = corsHeaders(origin);
  if (site2.throttled) return empty(req, res, 429, { ...cors, 'retry-after': String(site2.throttled) });
  const result = await recordConversion(db, {
    workspaceId: site2.workspaceId,
    goalKey: m.goal,
    via: 'snippet',
    orderId: m.orderId ?? null,
    valueCents: m.value == null ? null : Math.round(m.value * 100),
    currency: m.currency ?? null,
    clickId: m.clickId ?? null,
    email: m.email ?? null,
    referrer: m.referrer ?? null,
    utmSource: m.utmSource ?? null,
    utmMedium: m.utmMedium ?? null,
    pageHost,
    userAgent: ua ?? null,
    visitor: visitorHash(m.site, ip, ua),
  });
  if (result.status === 'unknownGoal') return empty(req, res, 404, cors);
  return json200(res, origin, { status: result.status });
}

const corsHeaders = (origin: string | null): Record<string, string> => (origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {});

function json200(res: ServerResponse, origin: string | null, body: unknown): void {
  const buf = Buffer.from(JSON.stringify(body));
  res.writeHead(200, { ...BASE_HEADERS, ...corsHeaders(origin), 'content-type': 'application/json', 'content-length': buf.length });
  res.end(buf);
}

function empty(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string> = {}, close = false): void {
  res.writeHead(status, { ...BASE_HEADERS, ...headers, 'content-length': 0, ...(close ? { connection: 'close' } : {}) });
  res.end();
  // An unread body of a refused request is dropped with the connection (once the answer is out), not drained.
  if (close && !req.complete) res.once('finish', () => req.destroy());
}

function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  logError(req, error);
  try {
    if (res.headersSent) res.destroy();
    else empty(req, res, 503, {}, true);
  } catch {
    res.destroy();
  }
}

const logError = throttledRequestLogger('collect', 10);
