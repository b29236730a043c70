import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { authFailures } from '@/lib/db/schema';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export type ThrottleKey = { key: string; limit: number };

/** Per email always; per IP only when the address is known (see clientIp). */
export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys = [{ key: `email:${email}`, limit: MAX_FAILURES_PER_EMAIL }];
  if (ip) keys.push({ key: `ip:${ip}`, limit: MAX_FAILURES_PER_IP });
  return keys;
}

/** Seconds until the caller may try again, or 0. Counts live in Postgres, so every instance agrees. */
export async function retryAfterSeconds(db: Db, keys: ThrottleKey[], now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let wait = 0;
  for (const { key, limit } of keys) {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${authFailures.createdAt})` })
      .from(authFailures)
      .where(and(eq(authFailures.key, key), gte(authFailures.createdAt, since)));
    if (row && row.count >= limit && row.oldest) {
      const unlockAt = new Date(row.oldest).getTime() + THROTTLE_WINDOW_MS;
      wait = Math.max(wait, Math.ceil((unlockAt - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(db: Db, keys: ThrottleKey[]): Promise<void> {
  await db.insert(authFailures).values(keys.map(({ key }) => ({ key })));
  // Opportunistic cleanup keeps the table small without a scheduler.
  await db.delete(authFailures).where(lt(authFailures.createdAt, new Date(Date.now() - 2 * THROTTLE_WINDOW_MS)));
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(authFailures).where(eq(authFailures.key, key));
}
