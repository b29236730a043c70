import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';

/**
 * Sign-in limits (all per 15-minute window, counted per *attempt*, before the password check):
 *  - 5 per (address, client): the client is the trusted-device cookie, else the proxy-reported IP,
 *    else "anonymous". A stranger exhausts only their own pair.
 *  - 20 per address from clients that are not a trusted device of that account: bounds the
 *    guesses against one account from everywhere at 20 per 15 minutes (1,920 a day), while the
 *    owner's own browser (trusted after one successful sign-in) is never locked out by them.
 *  - 30 per client IP across addresses (only when the IP is trusted, see clientIp).
 * A successful sign-in gives its attempt back and clears its (address, client) pair.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_ATTEMPTS_PER_PAIR = 5;
export const MAX_ATTEMPTS_PER_EMAIL = 20;
export const MAX_ATTEMPTS_PER_IP = 30;

export type ThrottleKey = { key: string; limit: number; windowMs?: number };

export function signInKeys(email: string, client: { ip: string | null; deviceId: string | null }): ThrottleKey[] {
  if (client.deviceId) return [{ key: `pair:${email}|dev:${client.deviceId}`, limit: MAX_ATTEMPTS_PER_PAIR }];
  const keys: ThrottleKey[] = [
    { key: `pair:${email}|ip:${client.ip ?? 'anonymous'}`, limit: MAX_ATTEMPTS_PER_PAIR },
    { key: `email:${email}`, limit: MAX_ATTEMPTS_PER_EMAIL },
  ];
  if (client.ip) keys.push({ key: `ip:${client.ip}`, limit: MAX_ATTEMPTS_PER_IP });
  return keys;
}

/** Wrong current passwords on "change password": 5 per user per window, like one sign-in pair. */
export function changePasswordKey(userId: string): ThrottleKey {
  return { key: `pwchange:${userId}`, limit: MAX_ATTEMPTS_PER_PAIR };
}

/**
 * Takes one attempt from every bucket in a single statement per bucket (insert … on conflict do
 * update … returning), so concurrent callers each see a distinct count and at most `limit` get
 * through. Returns 0 when allowed, else the seconds until the fullest bucket's window ends.
 * Buckets are taken in key order so concurrent callers never deadlock on each other's rows.
 */
export async function takeAttempt(db: Db, keys: ThrottleKey[], now = new Date()): Promise<number> {
  let wait = 0;
  for (const { key, limit, windowMs = THROTTLE_WINDOW_MS } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
    const expired = sql`${rateLimits.windowStart} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowMs / 1000})`;
    const [row] = await db
      .insert(rateLimits)
      .values({ key, hits: 1, windowStart: now })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`case when ${expired} then 1 else ${rateLimits.hits} + 1 end`,
          windowStart: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
        },
      })
      .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart });
    if (row.hits > limit) {
      const unlockAt = new Date(row.windowStart).getTime() + windowMs;
      wait = Math.max(wait, Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000)));
    }
  }
  return wait;
}

/** A successful sign-in: its attempt is given back everywhere and its own pair starts afresh. */
export async function releaseAttempt(db: Db, keys: ThrottleKey[]): Promise<void> {
  const pairs = keys.filter((k) => k.key.startsWith('pair:')).map((k) => k.key);
  const others = keys.filter((k) => !k.key.startsWith('pair:')).map((k) => k.key);
  if (pairs.length) await db.delete(rateLimits).where(inArray(rateLimits.key, pairs));
  if (others.length) {
    await db
      .update(rateLimits)
      .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
      .where(inArray(rateLimits.key, others));
  }
}

/** Opportunistic cleanup keeps the table small without a scheduler. */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()}::timestamptz`);
}
