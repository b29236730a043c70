import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NewWorkspaceForm } from '@/components/settings/new-workspace-form';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { listWorkspacesForUser } from '@/lib/workspaces/context';
import { LAST_WORKSPACE_COOKIE } from '@/lib/workspaces/cookies';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('onboarding'))('title') };
}

export default async function OnboardingPage() {
  const user = await requireUser();
  const existing = await listWorkspacesForUser(getDb(), user.id);
  const t = await getTranslations('onboarding');
  // The way back: the workspace the user came from (the cookie is only a hint, checked against membership).
  const last = (await cookies()).get(LAST_WORKSPACE_COOKIE)?.value;
  const back = existing.find((w) => w.slug === last) ?? existing[0];
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16">
      {back ? (
        <Link href={`/w/${back.slug}/dashboard`} className="mb-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          ← {t('back', { workspace: back.name })}
        </Link>
      ) : null}
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mb-6 mt-1 text-sm text-zinc-600">{existing.length ? t('body') : t('noWorkspaces')}</p>
        <NewWorkspaceForm />
      </div>
    </main>
  );
}
