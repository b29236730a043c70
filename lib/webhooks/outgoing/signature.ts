import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stripe-style signatures of outgoing webhooks:
 *   Pulse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * The key is the whole secret string as shown in Settings (`whsec_…`). Receivers recompute the
 * HMAC over the raw body bytes, compare in constant time, and refuse timestamps older than
 * SIGNATURE_TOLERANCE_SECONDS (a replayed request).
 */
export const SECRET_PREFIX = 'whsec_';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** A new signing secret: `whsec_` + 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function signatureHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureHex(secret, timestamp, body)}`;
}

/**
 * The receiver's check (also the documented reference): true when `header` carries a v1
 * signature of `body` by `secret` and its timestamp is within the tolerance of `now`.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: number = Math.floor(Date.now() / 1000),
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  const fields = header.split(',').map((p) => p.trim().split('='));
  const t = Number(fields.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(now - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHex(secret, t, body), 'hex');
  return fields
    .filter(([k, v]) => k === 'v1' && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(expected, Buffer.from(v, 'hex')));
}
