import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/settings/settings-nav';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/workspaces/page-context';

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await getPageContext(slug);
  const t = await getTranslations('settings');
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="grid gap-6 lg:grid-cols-[12rem_1fr]">
        <SettingsNav slug={slug} />
        <div className="min-w-0 space-y-6">{children}</div>
      </div>
    </>
  );
}
