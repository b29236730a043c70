/**
 * Security headers of every app page, set in proxy.ts. The CSP follows the Next.js nonce recipe:
 * a fresh nonce per request, on the request's own CSP header so Next.js puts it on its inline
 * scripts, and `'strict-dynamic'` so the scripts those load run too. Styles stay `'unsafe-inline'`:
 * React/recharts write `style` attributes, which a nonce cannot cover (and a nonce in style-src
 * would switch 'unsafe-inline' off). Images may come from anywhere over https: mail previews show
 * the mail's own images.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== 'production'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Pulse uses none of these browser features; no page or embedded mail may ask for them. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'midi=()',
  'display-capture=()',
  'browsing-topics=()',
].join(', ');

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * True when the browser reached us over HTTPS: an https PULSE_BASE_URL, or X-Forwarded-Proto from
 * a proxy we trust (PULSE_TRUST_PROXY=true). Pulse's own server speaks plain HTTP, and the request
 * URL's scheme is not evidence: Next.js derives it from X-Forwarded-Proto, which anyone can send.
 */
export function servedOverHttps(headers: Headers): boolean {
  if (process.env.PULSE_BASE_URL?.startsWith('https://')) return true;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return process.env.PULSE_TRUST_PROXY === 'true' && proto === 'https';
}

export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString('base64');
}
