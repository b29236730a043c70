import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { takeAttempt } from './throttle';

const HOUR = 60 * 60 * 1000;

/**
 * Limits on actions that cost us mail or accounts, counted in Postgres like the sign-in throttle:
 *  - sign-ups: 10 per client IP per hour; without a trusted IP all sign-ups share one bucket of
 *    200 per hour (bounds account and mail creation for the whole instance);
 *  - test sends (SMTP test mail and campaign test sends): 20 per workspace per hour.
 */
export const SIGN_UPS_PER_IP_PER_HOUR = 10;
export const SIGN_UPS_ANONYMOUS_PER_HOUR = 200;
export const TEST_SENDS_PER_WORKSPACE_PER_HOUR = 20;

async function enforce(db: Db, key: string, limit: number): Promise<void> {
  const wait = await takeAttempt(db, [{ key, limit, windowMs: HOUR }]);
  if (wait > 0) throw new AppError('RATE_LIMITED', 'rateLimited', { minutes: Math.max(1, Math.ceil(wait / 60)) });
}

export function limitSignUp(db: Db, ip: string | null): Promise<void> {
  return ip ? enforce(db, `signup:ip:${ip}`, SIGN_UPS_PER_IP_PER_HOUR) : enforce(db, 'signup:anonymous', SIGN_UPS_ANONYMOUS_PER_HOUR);
}

export function limitTestSend(db: Db, workspaceId: string): Promise<void> {
  return enforce(db, `testsend:${workspaceId}`, TEST_SENDS_PER_WORKSPACE_PER_HOUR);
}
