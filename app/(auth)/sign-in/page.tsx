import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getSessionUser } from '@/lib/auth/session';
import { DEMO_LOGIN, isDemoMode } from '@/lib/demo';
import { safeRedirectTarget } from '@/lib/auth/redirect';
import { baseUrl } from '@/lib/http/base-url';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signInTitle') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const { callbackUrl, email } = await searchParams;
  const target = safeRedirectTarget(callbackUrl, await baseUrl());
  if (await getSessionUser()) redirect(target);
  const t = await getTranslations('auth');
  return (
    <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8">
      <h1 className="mb-6 text-xl font-semibold">{t('signInTitle')}</h1>
      <SignInForm
        callbackUrl={target}
        defaultEmail={typeof email === 'string' ? email.slice(0, 254) : undefined}
        demo={isDemoMode() ? { ...DEMO_LOGIN } : undefined}
      />
    </div>
  );
}
