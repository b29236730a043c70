import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { auth } from './index';

/**
 * The signed-in user, re-read from the database on each request: a deleted account loses access
 * at once, and so does a cookie older than the user's session version (bumped by sign-out and by
 * a password change). The check rides on the read we make anyway.
 */
export const getSessionUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
  if (!user || (session as { sv?: number }).sv !== user.sessionVersion) return null;
  return user;
});

export async function requireUser(): Promise<User> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  return user;
}
