import type { Db } from '@/lib/db/client';
import { users, type Locale, type User } from '@/lib/db/schema';
import type { SignUpInput } from '@/lib/db/schema/auth/validation';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { acceptInvitation } from '@/lib/members/accept';
import { normalizeEmail } from '@/lib/validation/fields';
import { createWorkspace } from '@/lib/workspaces/create';
import { hashPassword } from './password';

/**
 * A new user plus, in the same transaction, either their first workspace (as owner) or the
 * workspace whose invitation they signed up through.
 */
export async function signUp(
  db: Db,
  input: SignUpInput & { locale?: Locale; isDemo?: boolean },
): Promise<{ user: User; slug: string }> {
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: normalizeEmail(input.email), name: input.name, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) throw conflict('signUpUnavailable');
    if (input.inviteToken) {
      const { slug } = await acceptInvitation(tx, { userId: user.id, token: input.inviteToken });
      return { user, slug };
    }
    const workspace = await createWorkspace(tx, user.id, {
      name: input.workspaceName || `${input.name}'s workspace`,
      locale: input.locale,
      isDemo: input.isDemo,
    });
    return { user, slug: workspace.slug };
  });
}
