import { createHmac, hkdfSync } from 'node:crypto';
import { randomToken, safeEqual } from '@/lib/crypto';

/**
 * "Trusted device" cookie (OWASP's device-cookie defence against lock-out): after a successful
 * sign-in the browser holds a signed id bound to that account, and its attempts are throttled in
 * their own bucket, so a stranger's wrong guesses never lock the owner out of a browser they used.
 */
export const DEVICE_COOKIE = 'pulse-device';
export const DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 180;

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return Buffer.from(hkdfSync('sha256', secret, 'pulse', 'device-cookie', 32));
}

const sign = (deviceId: string, userId: string) => createHmac('sha256', key()).update(`${deviceId}:${userId}`).digest('base64url');

export function issueDeviceToken(userId: string): string {
  const deviceId = randomToken(12);
  return `${deviceId}.${sign(deviceId, userId)}`;
}

/** The device id when `token` was issued to `userId`'s browser, else null. */
export function trustedDeviceId(token: string | null | undefined, userId: string | null): string | null {
  if (!token || !userId || token.length > 200) return null;
  const [deviceId, mac] = token.split('.');
  if (!deviceId || !mac) return null;
  return safeEqual(mac, sign(deviceId, userId)) ? deviceId : null;
}
