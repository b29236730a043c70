'use server';

import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth';
import { signUp } from '@/lib/auth/sign-up';
import { users } from '@/lib/db/schema';
import { localeSchema, signInSchema, signUpSchema } from '@/lib/db/schema/auth/validation';
import { AppError } from '@/lib/errors';
import { safeRedirectPath } from '@/lib/http/base-url';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config';
import { actionClient, authedAction } from './safe-action';

const YEAR = 60 * 60 * 24 * 365;

async function rememberLocale(locale: string | null) {
  if (isLocale(locale)) (await cookies()).set(LOCALE_COOKIE, locale, { maxAge: YEAR, sameSite: 'lax', path: '/' });
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
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.email, parsedInput.email.toLowerCase()))
      .limit(1);
    await rememberLocale(user?.locale ?? null);
    redirect(safeRedirectPath(parsedInput.callbackUrl));
  });

export const signUpAction = actionClient
  .metadata({ name: 'auth.signUp' })
  .inputSchema(signUpSchema)
  .action(async ({ parsedInput, ctx }) => {
    const locale = (await cookies()).get(LOCALE_COOKIE)?.value;
    const { slug } = await signUp(ctx.db, { ...parsedInput, locale: isLocale(locale) ? locale : undefined });
    await signInWithPassword(parsedInput.email, parsedInput.password);
    redirect(`/w/${slug}/dashboard`);
  });

export const signOutAction = actionClient.metadata({ name: 'auth.signOut' }).action(async () => {
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
