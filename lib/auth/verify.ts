import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { trustedDeviceId } from './device';
import { verifyDummy, verifyPassword } from './password';
import { pruneRateLimits, releaseAttempt, signInKeys, takeAttempt } from './throttle';

export type VerifyResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSec: number };

/**
 * The one place a password is checked. The attempt is counted atomically *before* the check, so
 * concurrent guesses cannot slip past the limit. The answer never says whether the account
 * exists: unknown emails cost the same time and count towards the same throttle.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string | null; deviceToken?: string | null },
): Promise<VerifyResult> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const deviceId = trustedDeviceId(input.deviceToken, user?.id ?? null);
  const keys = signInKeys(email, { ip: input.ip, deviceId });
  const wait = await takeAttempt(db, keys);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSec: wait };

  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummy(input.password);
  if (!ok || !user) {
    if (Math.random() < 0.05) await pruneRateLimits(db);
    return { ok: false, reason: 'invalid' };
  }
  await releaseAttempt(db, keys);
  return { ok: true, user };
}
