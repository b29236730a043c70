'use server';

import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth';
import { changePassword } from '@/lib/auth/change-password';
import { changePasswordKey, takeAttempt, releaseAttempt } from '@/lib/auth/throttle';
import { changePasswordSchema } from '@/lib/db/schema/auth/validation';
import { AppError } from '@/lib/errors';
import { authedAction } from './safe-action';

/** Auth.js errors carry a `type` (CredentialsSignin, …); checked structurally so tests need not load next-auth. */
const isAuthError = (e: unknown) => e instanceof Error && typeof (e as { type?: unknown }).type === 'string';

/**
 * A new password for the signed-in user. Wrong current passwords are throttled like sign-in
 * guesses (a stolen cookie must not become a password oracle). The verb bumps the session
 * version, which ends every session including this one, so this device signs in again with the
 * new password: Auth.js issues a fresh cookie carrying the new version.
 */
export const changePasswordAction = authedAction
  .metadata({ name: 'user.changePassword' })
  .inputSchema(changePasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    const keys = [changePasswordKey(ctx.user.id)];
    const wait = await takeAttempt(ctx.db, keys);
    if (wait > 0) throw new AppError('RATE_LIMITED', 'throttled', { minutes: Math.max(1, Math.ceil(wait / 60)) });
    await changePassword(ctx.db, { userId: ctx.user.id, currentPassword: parsedInput.currentPassword, newPassword: parsedInput.newPassword });
    await releaseAttempt(ctx.db, keys);
    try {
      await signIn('credentials', { email: ctx.user.email, password: parsedInput.newPassword, redirect: false });
    } catch (e) {
      // The password is changed and every session has ended; if this device cannot be signed in
      // again (sign-in throttle), the user signs in by hand rather than seeing a false failure.
      if (isAuthError(e)) redirect('/sign-in');
      throw e;
    }
    return { changed: true };
  });
