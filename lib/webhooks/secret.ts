import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The per-workspace secret an ESP presents when it posts bounces and complaints:
 * HMAC-SHA256(AUTH_SECRET, 'esp-webhook:' + workspaceId), base64url. Derived, never stored, so
 * rotating AUTH_SECRET rotates every webhook secret (the ESPs then need the new URL).
 */
export function webhookSecret(workspaceId: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return createHmac('sha256', secret).update(`esp-webhook:${workspaceId}`).digest('base64url');
}

/**
 * Constant-time check of a presented secret. Both sides are hashed first, so neither the length
 * nor the content of the expected secret leaks through timing.
 */
export function verifyWebhookSecret(workspaceId: string, presented: string | null | undefined): boolean {
  const expected = createHash('sha256').update(webhookSecret(workspaceId)).digest();
  const given = createHash('sha256').update(presented ?? '').digest();
  return timingSafeEqual(expected, given) && typeof presented === 'string' && presented.length > 0;
}

/** The secret from `Authorization: Bearer <secret>`, else from `?secret=`; null when neither is there. */
export function presentedSecret(request: Request): string | null {
  const auth = request.headers.get('authorization');
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  if (m) return m[1];
  const fromQuery = new URL(request.url).searchParams.get('secret');
  return fromQuery || null;
}
