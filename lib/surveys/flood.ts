import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { clientIp } from '@/lib/auth/client-ip';
import { servedOverHttps } from '@/lib/http/security-headers';

/**
 * Flood protection of the anonymous survey link, in two layers:
 *  - a per-browser cookie (a random id, HttpOnly): the same browser changes its answer instead of
 *    adding one. The id is never stored as such: the answer keeps HMAC(id, survey), so one browser
 *    cannot be followed from one workspace's survey to another's.
 *  - a per-IP limit in Postgres (a rate_limits bucket with the rule of lib/auth/throttle, taken by
 *    recordAnswer in the answer's own statement): SURVEY_IP_LIMIT answers per 10 minutes per
 *    address per survey, shared by every app instance. Refused forms (400) store nothing and
 *    take nothing.
 */
export const SURVEY_COOKIE = 'pulse_sv';
export const SURVEY_IP_WINDOW_MS = 10 * 60 * 1000;
export const SURVEY_IP_LIMIT = 30;
const COOKIE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Posts allowed per address per survey and window. PULSE_SURVEY_IP_LIMIT overrides the default for
 * load tests only (the bench posts 200 respondents from one loopback address); see README.
 */
export function surveyIpLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.PULSE_SURVEY_IP_LIMIT);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : SURVEY_IP_LIMIT;
}

/**
 * The respondent's address. Behind a trusted proxy, its X-Forwarded-For (lib/auth/client-ip rules);
 * otherwise the socket's peer, which no client can forge on this bare path.
 */
export function requestIp(req: IncomingMessage): string | null {
  if (process.env.PULSE_TRUST_PROXY === 'true') {
    const h = new Headers();
    const xff = req.headers['x-forwarded-for'];
    const real = req.headers['x-real-ip'];
    if (typeof xff === 'string') h.set('x-forwarded-for', xff);
    if (typeof real === 'string') h.set('x-real-ip', real);
    return clientIp(h);
  }
  return req.socket.remoteAddress ?? null;
}

/** The per-address bucket of one survey, for recordAnswer's `attempt`. */
export function surveyAttempt(surveyId: string, ip: string | null) {
  return { key: `survey:${surveyId}|ip:${ip ?? 'unknown'}`, limit: surveyIpLimit(), windowSeconds: SURVEY_IP_WINDOW_MS / 1000 };
}

/** The browser's survey id from the Cookie header, or null. */
export function browserIdFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SURVEY_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return COOKIE_ID.test(value) ? value : null;
    }
  }
  return null;
}

export const newBrowserId = () => randomBytes(16).toString('base64url');

/** A fresh one-time form id (the hidden submissionId). */
export const newSubmissionId = () => randomBytes(16).toString('base64url');
export const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

let browserKeySecret: { secret: string; key: Buffer } | null = null;

/** What the answer stores for a browser: HMAC(browser id, survey id), 128 bits. */
export function browserKeyFor(browserId: string, surveyId: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  if (browserKeySecret?.secret !== secret) {
    browserKeySecret = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'pulse-survey', 'browser', 32)) };
  }
  return createHmac('sha256', browserKeySecret.key).update(`${surveyId}:${browserId}`).digest().subarray(0, 16).toString('base64url');
}

/** Set-Cookie for the browser id: a year, HttpOnly, SameSite=Lax, Secure when served over HTTPS. */
export function browserCookie(browserId: string, req: IncomingMessage): string {
  const h = new Headers();
  const proto = req.headers['x-forwarded-proto'];
  if (typeof proto === 'string') h.set('x-forwarded-proto', proto);
  const secure = servedOverHttps(h) ? '; Secure' : '';
  return `${SURVEY_COOKIE}=${browserId}; Path=/s/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`;
}
