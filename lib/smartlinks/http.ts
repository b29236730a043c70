import type { IncomingMessage, ServerResponse } from 'node:http';
import { withClickId } from '@/lib/conversions/click-id';
import { getDb } from '@/lib/db/client';
import { CLICK_KINDS } from '@/lib/db/schema/conversions/constants';
import { SMARTLINK_SLUG } from '@/lib/db/schema/smartlinks/constants';
import { throttledRequestLogger } from '@/lib/log/throttled';
import { pageLocale } from '@/lib/tracking/pages';
import { classifyDevice, classifySource, pageHitMachine, referrerHost } from '@/lib/tracking/source';
import { pageLocaleOf, renderProblemPage, renderSmartlinkPage } from './render';
import { recordItemClick, recordVisit, type HitMeta } from './store';
import { newVisitorId, visitorCookie, visitorIdFrom, visitorKey } from './visitor';

/**
 * Entry point of the bare SmartLink path (/l/…), called before Next.js sees the request:
 *   GET|HEAD /l/<slug>                 the published page (server-rendered, no script); a load is a visit
 *   GET|HEAD /l/<slug>/go/<itemId>     a click: 302 to that page's own live item URL with the click id, else 404
 * Stateless (any number of instances), never throws: failures answer 503 and log. Anything that
 * is not the shape of a slug or an item id is answered 404 before any database work.
 */
export function handleSmartlink(req: IncomingMessage, res: ServerResponse): void {
  try {
    route(req, res).catch((error: unknown) => fail(req, res, error));
  } catch (error) {
    fail(req, res, error);
  }
}

/** Longer request targets are refused outright: /l/<48-char slug>/go/<16 digits> plus a query fits easily. */
export const MAX_PATH = 1024;
const ITEM_ID = /^[1-9][0-9]{0,15}$/;
const NO_STORE = 'no-store, no-cache, must-revalidate, max-age=0';
const BASE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Every load is a visit: never served from a cache.
  'cache-control': NO_STORE,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
};

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return problem(req, res, 405, 'notFound', true);
  }
  if (url.length > MAX_PATH) return problem(req, res, 404, 'notFound');
  const q = url.indexOf('?');
  const parts = (q === -1 ? url : url.slice(0, q)).split('/');
  // parts: ['', 'l', <slug>] or ['', 'l', <slug>, 'go', <itemId>] (a trailing slash is tolerated)
  if (parts.at(-1) === '' && parts.length > 3) parts.pop();
  const slug = parts[2] ?? '';
  if (!SMARTLINK_SLUG.test(slug)) return problem(req, res, 404, 'notFound');
  if (parts.length === 3) return page(req, res, slug);
  if (parts.length === 5 && parts[3] === 'go' && ITEM_ID.test(parts[4])) {
    const id = Number(parts[4]);
    if (Number.isSafeInteger(id)) return click(req, res, slug, id);
  }
  problem(req, res, 404, 'notFound');
}

function hitMeta(req: IncomingMessage, cookieId: string | null): HitMeta {
  const ua = req.headers['user-agent'];
  const referrer = typeof req.headers.referer === 'string' ? req.headers.referer.slice(0, 2048) : null;
  return {
    visitor: visitorKey(req, cookieId),
    machineReason: pageHitMachine(req),
    source: classifySource({ referrer, pageHost: hostOf(req) }),
    device: classifyDevice(ua),
    referrerHost: referrerHost(referrer)?.slice(0, 255) ?? null,
  };
}

function hostOf(req: IncomingMessage): string | null {
  const host = req.headers.host;
  return typeof host === 'string' ? host.split(':')[0] : null;
}

async function page(req: IncomingMessage, res: ServerResponse, slug: string): Promise<void> {
  const known = visitorIdFrom(req.headers.cookie);
  const loaded = await recordVisit(getDb(), slug, hitMeta(req, known));
  if (!loaded) return problem(req, res, 404, 'notFound');
  const base = process.env.PULSE_BASE_URL;
  const body = renderSmartlinkPage({
    slug: loaded.slug,
    title: loaded.title,
    bio: loaded.bio,
    avatarUrl: loaded.avatarUrl,
    theme: loaded.theme,
    locale: pageLocaleOf(loaded.locale),
    items: loaded.items,
    canonical: base ? `${base.replace(/\/+$/, '')}/l/${loaded.slug}` : null,
  });
  const buf = Buffer.from(body);
  const headers: Record<string, string | number> = { ...BASE_HEADERS, 'content-length': buf.length };
  if (!known) headers['set-cookie'] = visitorCookie(newVisitorId(), req);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : buf);
}

async function click(req: IncomingMessage, res: ServerResponse, slug: string, itemId: number): Promise<void> {
  const stored = await recordItemClick(getDb(), slug, itemId, hitMeta(req, visitorIdFrom(req.headers.cookie)));
  const target = stored ? safeRedirect(stored.url) : null;
  if (!stored || !target) return problem(req, res, 404, 'notFound');
  res.writeHead(302, { location: withClickId(target, { kind: CLICK_KINDS.smartlink, id: stored.hitId }), 'cache-control': NO_STORE, 'referrer-policy': 'strict-origin-when-cross-origin', 'content-length': 0 });
  res.end();
}

/** Only http(s) targets, normalised by the URL parser (no header injection via stored text). */
function safeRedirect(stored: string): string | null {
  try {
    const u = new URL(stored);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

function problem(req: IncomingMessage, res: ServerResponse, status: number, kind: 'notFound' | 'error', close = false): void {
  const buf = Buffer.from(renderProblemPage(pageLocaleOf(pageLocale(req.headers['accept-language'])), kind));
  res.writeHead(status, { ...BASE_HEADERS, 'content-length': buf.length, ...(close ? { connection: 'close' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : buf);
  if (close && !req.complete) res.once('finish', () => req.destroy());
}

function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  logError(req, error);
  try {
    if (res.headersSent) res.destroy();
    else problem(req, res, 503, 'error', true);
  } catch {
    res.destroy();
  }
}

const logError = throttledRequestLogger('smartlink', 8);
