import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { verifyDummy, verifyPassword } from './password';
import { clearFailures, recordFailure, retryAfterSeconds, throttleKeys } from './throttle';

export type VerifyResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSec: number };

/**
 * The one place a password is checked. The answer never says whether the account exists:
 * unknown emails cost the same time and count towards the same throttle as wrong passwords.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string | null },
): Promise<VerifyResult> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.ip);
  const wait = await retryAfterSeconds(db, keys);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSec: wait };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummy(input.password);
  if (!ok || !user) {
    await recordFailure(db, keys);
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(db, keys[0].key);
  return { ok: true, user };
}
