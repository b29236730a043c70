import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getSessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { previewInvitation } from '@/lib/members/accept';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUpTitle') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  if (await getSessionUser()) redirect(invite ? `/invite/${encodeURIComponent(invite)}` : '/');
  const t = await getTranslations('auth');
  const preview = typeof invite === 'string' ? await previewInvitation(getDb(), invite) : null;
  return (
    <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8">
      <h1 className="text-xl font-semibold">{t('signUpTitle')}</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">
        {preview ? t('joinSubtitle', { workspace: preview.workspaceName }) : t('signUpSubtitle')}
      </p>
      <SignUpForm invite={preview && invite ? { token: invite, email: preview.email } : undefined} />
    </div>
  );
}
