import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { servedOverHttps } from '@/lib/http/security-headers';
import { requestIp } from '@/lib/surveys/flood';

/**
 * Unique visitors of SmartLink pages. The page load sets a first-party random id (HttpOnly,
 * SameSite=Lax, Path=/l/); a hit stores only HMAC(id) under a key derived from AUTH_SECRET, never
 * the id itself. Without the cookie (first load, cookies off) the hash of address + user agent +
 * UTC day stands in, so a visitor without cookies is one visitor per day.
 */
export const SMARTLINK_COOKIE = 'pulse_sl';
const COOKIE_ID = /^[A-Za-z0-9_-]{22}$/;
const ONE_YEAR = 365 * 24 * 3600;

let keyCache: { secret: string; key: Buffer } | null = null;
function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  if (keyCache?.secret !== secret) keyCache = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'pulse-smartlink', 'visitor', 32)) };
  return keyCache.key;
}

const mac = (value: string) => createHmac('sha256', key()).update(value).digest().subarray(0, 16).toString('base64url');

export function visitorIdFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader || cookieHeader.length > 8192) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SMARTLINK_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return COOKIE_ID.test(value) ? value : null;
    }
  }
  return null;
}

export const newVisitorId = () => randomBytes(16).toString('base64url');

/** The stored visitor key of a cookie id, or of address + agent + day when there is none. */
export function visitorKey(req: IncomingMessage, cookieId: string | null, now = new Date()): string {
  if (cookieId) return cookieVisitorKey(cookieId);
  const ua = req.headers['user-agent'] ?? '';
  return `f:${mac(`f:${requestIp(req) ?? '-'}|${ua.slice(0, 512)}|${now.toISOString().slice(0, 10)}`)}`;
}

/** The stored key of a browser's cookie id. */
export const cookieVisitorKey = (cookieId: string) => `c:${mac(`c:${cookieId}`)}`;

export function visitorCookie(id: string, req: IncomingMessage): string {
  const h = new Headers();
  const proto = req.headers['x-forwarded-proto'];
  if (typeof proto === 'string') h.set('x-forwarded-proto', proto);
  return `${SMARTLINK_COOKIE}=${id}; Path=/l/; Max-Age=${ONE_YEAR}; HttpOnly; SameSite=Lax${servedOverHttps(h) ? '; Secure' : ''}`;
}
