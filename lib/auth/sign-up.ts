import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { memberships, users, workspaces, type Locale, type User } from '@/lib/db/schema';
import type { SignUpInput } from '@/lib/db/schema/auth/validation';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { acceptInvitation } from '@/lib/members/accept';
import { sendMail } from '@/lib/mail/send';
import { accountExistsMail } from '@/lib/mail/templates/account-exists';
import { normalizeEmail } from '@/lib/validation/fields';
import { createWorkspace } from '@/lib/workspaces/create';
import { hashPassword } from './password';

/**
 * A new user plus, in the same transaction, either their first workspace (as owner) or the
 * workspace whose invitation they signed up through — the invitation only through its token,
 * which proves the mailbox. An address that already has an account creates nothing and throws
 * CONFLICT signUpUnavailable for the caller only: the visitor must not learn it (see signUpAction).
 */
export async function signUp(db: Db, input: SignUpInput & { locale?: Locale; isDemo?: boolean }): Promise<{ user: User; slug: string }> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name, passwordHash })
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

/**
 * Tells the owner of an existing account that someone tried to sign up with their address. The
 * mail goes out through (and is recorded in) their first workspace; with none, there is no route.
 */
export async function notifyExistingAccount(db: Db, input: { email: string; baseUrl: string }): Promise<void> {
  const [row] = await db
    .select({ email: users.email, userLocale: users.locale, workspaceId: workspaces.id, workspaceLocale: workspaces.locale })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(users.email, normalizeEmail(input.email)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!row) return;
  const mail = accountExistsMail({
    locale: row.userLocale ?? row.workspaceLocale,
    signInUrl: `${input.baseUrl}/sign-in?email=${encodeURIComponent(row.email)}`,
  });
  await sendMail(db, { workspaceId: row.workspaceId, kind: 'account-exists', to: row.email, ...mail });
}
