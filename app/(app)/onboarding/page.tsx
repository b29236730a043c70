import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NewWorkspaceForm } from '@/components/settings/new-workspace-form';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { listWorkspacesForUser } from '@/lib/workspaces/context';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('onboarding'))('title') };
}

export default async function OnboardingPage() {
  const user = await requireUser();
  const existing = await listWorkspacesForUser(getDb(), user.id);
  const t = await getTranslations('onboarding');
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16">
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mb-6 mt-1 text-sm text-zinc-600">{existing.length ? t('body') : t('noWorkspaces')}</p>
        <NewWorkspaceForm />
      </div>
    </main>
  );
}
