import { signToken, verifyToken } from '@/lib/tracking/token';

/**
 * A recipient's preference centre: `/p/<token(sendId)>`, served by Next.js (app/p/[token]). The
 * token names one send row, so it reaches exactly that mail's contact in that mail's workspace;
 * a 128-bit MAC (purpose 'preferences'), because it lets someone change what the contact receives.
 */
const trim = (base: string) => base.replace(/\/+$/, '');

// 8 bytes of payload (11 base64url chars) and a 16-byte MAC (22 chars): checked before any crypto.
const PREFERENCES_TOKEN_SHAPE = /^[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{22}$/;

export const preferencesUrl = (baseUrl: string, sendId: number) => `${trim(baseUrl)}/p/${signToken('preferences', [sendId])}`;

/** The send id, or null for anything forged, truncated, oversized or signed for another purpose. */
export function preferencesSendId(token: string): number | null {
  if (typeof token !== 'string' || !PREFERENCES_TOKEN_SHAPE.test(token)) return null;
  return verifyToken('preferences', token, 1)?.[0] ?? null;
}
