import type { IncomingMessage, ServerResponse } from 'node:http';
import { withClickId } from '@/lib/conversions/click-id';
import { getDb } from '@/lib/db/client';
import { CLICK_KINDS } from '@/lib/db/schema/conversions/constants';
import { readNodeBody } from '@/lib/http/body';
import { classifyClick, classifyOpen } from './classify';
import { confirmPage, donePage, pageLocale, problemPage } from './pages';
import { findRecipient, recordClick, recordOpen, unsubscribe } from './store';
import { verifyToken } from './token';
import { throttledRequestLogger } from '@/lib/log/throttled';
import { handleScoreClick } from '@/lib/surveys/score-click';

/**
 * Entry point of the bare tracking path (/t/…), called by scripts/server.ts before Next.js sees
 * the request:
 *   GET|HEAD /t/o/<token>  open pixel (always the GIF, valid token or not)
 *   GET|HEAD /t/c/<token>  click: 302 to the campaign's own stored URL (plus the click id `pulse_cid`), else 404
 *   GET      /t/u/<token>  unsubscribe confirmation page; POST unsubscribes (RFC 8058 one-click)
 *   GET|HEAD /t/s/<token>  a survey score button in a mail: records it (lib/surveys/score-click), 302 to the personal page
 * Stateless (any number of instances), never throws, never rejects: failures answer 503 and log.
 */
export function handleTracking(req: IncomingMessage, res: ServerResponse): void {
  try {
    route(req, res).catch((error: unknown) => fail(req, res, error));
  } catch (error) {
    fail(req, res, error);
  }
}

/** Request bodies (only the unsubscribe POST has one) are capped; RFC 8058 sends ~26 bytes. */
export const MAX_BODY_BYTES = 4096;
// <payload>.<mac>: 1–2 eight-byte integers (11 or 22 base64url chars) and a 12-byte MAC (16 chars).
// Checked before any crypto or database work, so oversized or odd tokens cost one regex test.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{11,22}\.[A-Za-z0-9_-]{16}$/;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const NO_STORE = 'no-store, no-cache, must-revalidate, max-age=0';
const GIF_HEADERS = { 'content-type': 'image/gif', 'content-length': GIF.length, 'cache-control': NO_STORE, pragma: 'no-cache' };
const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': NO_STORE,
  // The token in the URL must not leak to anything the page loads (it loads nothing) or links to.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  const kind = url[4] === '/' ? url[3] : '';
  const end = url.indexOf('?');
  const token = url.slice(5, end === -1 ? undefined : end);
  if (kind === 'o') return open(req, res, token);
  if (kind === 'c') return click(req, res, token);
  if (kind === 'u') return unsubscribePage(req, res, token);
  if (kind === 's') return scoreClick(req, res, token);
  html(req, res, 404, problemPage(pageLocale(req.headers['accept-language']), 'notFound'));
}

function tokenValues(purpose: 'open' | 'click' | 'unsubscribe', token: string, count: number): number[] | null {
  return TOKEN_SHAPE.test(token) ? verifyToken(purpose, token, count) : null;
}

async function open(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  if (!allow(req, res, ['GET', 'HEAD'])) return;
  const ids = tokenValues('open', token, 1);
  // A lost open is better than a broken-image icon in someone's inbox: log and answer the GIF.
  if (ids) await recordOpen(getDb(), ids[0], classifyOpen(req.headers['user-agent'], req.method)).catch((e) => logError(req, e));
  res.writeHead(200, GIF_HEADERS);
  res.end(GIF);
}

async function click(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  if (!allow(req, res, ['GET', 'HEAD'])) return;
  const ids = tokenValues('click', token, 2);
  const stored = ids && (await recordClick(getDb(), ids[0], ids[1], classifyClick(req.headers['user-agent'], req.method)));
  const safe = stored ? safeRedirect(stored.url) : null;
  // The click id lets the snippet on the landing site credit a later conversion to this click (lib/conversions).
  const target = safe && stored ? withClickId(safe, { kind: CLICK_KINDS.event, id: stored.eventId }) : null;
  if (!target) return html(req, res, 404, problemPage(pageLocale(req.headers['accept-language']), 'notFound'));
  res.writeHead(302, { location: target, 'cache-control': NO_STORE, 'content-length': 0 });
  res.end();
}

// Score tokens carry two integers and a 16-byte MAC (lib/surveys/links.ts).
const SCORE_TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/;

async function scoreClick(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  if (!allow(req, res, ['GET', 'HEAD'])) return;
  const values = SCORE_TOKEN_SHAPE.test(token) ? verifyToken('score', token, 2) : null;
  if (!(await handleScoreClick(getDb(), req, res, values))) html(req, res, 404, problemPage(pageLocale(req.headers['accept-language']), 'notFound'));
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

async function unsubscribePage(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  if (!allow(req, res, ['GET', 'HEAD', 'POST'])) return;
  const accept = req.headers['accept-language'];
  const ids = tokenValues('unsubscribe', token, 1);
  if (req.method === 'POST') {
    // Read (and cap) the body before answering, so keep-alive connections stay in sync.
    const body = await readNodeBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') return html(req, res, 413, problemPage(pageLocale(accept), 'tooLarge'), true);
    // Any POST with a valid token unsubscribes: mail clients send `List-Unsubscribe=One-Click`
    // in various encodings, and refusing a variant would fail a legal opt-out.
    const done = ids && (await unsubscribe(getDb(), ids[0]));
    if (!done) return html(req, res, 404, problemPage(pageLocale(accept), 'notFound'));
    return html(req, res, 200, donePage(pageLocale(accept, done.locale), done.workspaceName));
  }
  const recipient = ids && (await findRecipient(getDb(), ids[0]));
  if (!recipient) return html(req, res, 404, problemPage(pageLocale(accept), 'notFound'));
  const locale = pageLocale(accept, recipient.locale);
  html(req, res, 200, recipient.subscribed ? confirmPage(locale, recipient.workspaceName) : donePage(locale, recipient.workspaceName));
}

function allow(req: IncomingMessage, res: ServerResponse, methods: string[]): boolean {
  if (methods.includes(req.method ?? '')) return true;
  res.setHeader('allow', methods.join(', '));
  html(req, res, 405, problemPage(pageLocale(req.headers['accept-language']), 'method'), true);
  return false;
}

function html(req: IncomingMessage, res: ServerResponse, status: number, body: string, close = false): void {
  const buf = Buffer.from(body);
  res.writeHead(status, { ...HTML_HEADERS, 'content-length': buf.length, ...(close ? { connection: 'close' } : {}) });
  res.end(buf);
  // An unread body of a refused request is dropped with the connection (once the answer is out), not drained.
  if (close && !req.complete) res.once('finish', () => req.destroy());
}

function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  logError(req, error);
  try {
    if (res.headersSent) res.destroy();
    else html(req, res, 503, problemPage(pageLocale(req.headers['accept-language']), 'error'), true);
  } catch {
    res.destroy();
  }
}

const logError = throttledRequestLogger('tracking', 8);
