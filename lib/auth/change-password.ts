import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { invalid } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';

/**
 * A new password for the signed-in user. It ends every session at once (the session version is
 * bumped in the same update), so a stolen cookie dies with the old password; the caller signs
 * the user in again on this device. The new password is checked by the edge's `password` rules.
 */
export async function changePassword(db: Db, input: { userId: string; currentPassword: string; newPassword: string }): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw invalid('currentPasswordWrong');
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(db, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, input.userId));
  });
}
