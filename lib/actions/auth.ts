'use server';

import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth';
import { clientIp } from '@/lib/auth/client-ip';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, issueDeviceToken, trustedDeviceId } from '@/lib/auth/device';
import { limitSignUp } from '@/lib/auth/limits';
import { safeRedirectTarget } from '@/lib/auth/redirect';
import { getSessionUser } from '@/lib/auth/session';
import { endAllSessions } from '@/lib/auth/session-version';
import { notifyExistingAccount, signUp } from '@/lib/auth/sign-up';
import { users } from '@/lib/db/schema';
import { localeSchema, signInSchema, signUpSchema } from '@/lib/db/schema/auth/validation';
import { AppError } from '@/lib/errors';
import { baseUrl } from '@/lib/http/base-url';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config';
import { actionClient, authedAction } from './safe-action';

const YEAR = 60 * 60 * 24 * 365;

async function rememberLocale(locale: string | null) {
  if (isLocale(locale)) (await cookies()).set(LOCALE_COOKIE, locale, { maxAge: YEAR, sameSite: 'lax', path: '/' });
}

/** After a successful sign-in, this browser becomes a trusted device of the account (see lib/auth/device). */
async function trustThisDevice(userId: string) {
  const jar = await cookies();
  if (trustedDeviceId(jar.get(DEVICE_COOKIE)?.value, userId)) return;
  jar.set(DEVICE_COOKIE, issueDeviceToken(userId), {
    maxAge: DEVICE_COOKIE_MAX_AGE,
    httpOnly: true,
    sameSite: 'lax',
    secure: (await baseUrl()).startsWith('https:'),
    path: '/',
  });
}

async function signInWithPassword(email: string, password: string) {
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError && e.type === 'CredentialsSignin') {
      const code = String((e as AuthError & { code?: string }).code ?? '');
      if (code.startsWith('throttled:')) {
        throw new AppError('RATE_LIMITED', 'throttled', { minutes: Math.max(1, Math.ceil(Number(code.split(':')[1]) / 60)) });
      }
      throw new AppError('UNAUTHORIZED', 'invalidLogin');
    }
    throw e;
  }
}

export const signInAction = actionClient
  .metadata({ name: 'auth.signIn' })
  .inputSchema(signInSchema)
  .action(async ({ parsedInput, ctx }) => {
    await signInWithPassword(parsedInput.email, parsedInput.password);
    const [user] = await ctx.db
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(eq(users.email, parsedInput.email.trim().toLowerCase()))
      .limit(1);
    if (user) await trustThisDevice(user.id);
    await rememberLocale(user?.locale ?? null);
    redirect(safeRedirectTarget(parsedInput.callbackUrl, await baseUrl()));
  });

export const signUpAction = actionClient
  .metadata({ name: 'auth.signUp' })
  .inputSchema(signUpSchema)
  .action(async ({ parsedInput, ctx }) => {
    await limitSignUp(ctx.db, clientIp(await headers()));
    const locale = (await cookies()).get(LOCALE_COOKIE)?.value;
    let slug: string | null = null;
    try {
      ({ slug } = await signUp(ctx.db, { ...parsedInput, locale: isLocale(locale) ? locale : undefined }));
    } catch (e) {
      if (!(e instanceof AppError && e.messageKey === 'signUpUnavailable')) throw e;
      // The address has an account. Its owner, typing their own password, just gets in; anyone
      // else learns nothing here, and the owner hears about the attempt by mail.
      try {
        await signInWithPassword(parsedInput.email, parsedInput.password);
      } catch {
        await notifyExistingAccount(ctx.db, { email: parsedInput.email, baseUrl: await baseUrl() });
        throw e;
      }
      redirect(parsedInput.inviteToken ? `/invite/${encodeURIComponent(parsedInput.inviteToken)}` : '/');
    }
    await signInWithPassword(parsedInput.email, parsedInput.password);
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, parsedInput.email)).limit(1);
    if (user) await trustThisDevice(user.id);
    redirect(`/w/${slug}/dashboard`);
  });

/** Signing out ends every session of the account at once: older cookies stop matching its version. */
export const signOutAction = actionClient.metadata({ name: 'auth.signOut' }).action(async ({ ctx }) => {
  const user = await getSessionUser();
  if (user) await endAllSessions(ctx.db, user.id);
  await signOut({ redirect: false });
  redirect('/sign-in');
});

/** The user's own language, kept on the account and in a cookie; "workspace" clears the choice. */
export const setLocaleAction = authedAction
  .metadata({ name: 'user.setLocale' })
  .inputSchema(z.union([localeSchema, z.object({ locale: z.literal('workspace') })]))
  .action(async ({ parsedInput, ctx }) => {
    const locale = parsedInput.locale === 'workspace' ? null : parsedInput.locale;
    await ctx.db.update(users).set({ locale }).where(eq(users.id, ctx.user.id));
    if (locale) await rememberLocale(locale);
    else (await cookies()).delete(LOCALE_COOKIE);
    return { locale };
  });

/** Public: a language choice before signing in (cookie only). */
export const setGuestLocaleAction = actionClient
  .metadata({ name: 'guest.setLocale' })
  .inputSchema(localeSchema)
  .action(async ({ parsedInput }) => {
    await rememberLocale(parsedInput.locale);
    return { locale: parsedInput.locale };
  });
