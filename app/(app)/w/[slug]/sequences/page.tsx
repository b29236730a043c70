import { Repeat } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function Page({ params }: SlugParams) {
  await getPageContext((await params).slug);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t('nav.sequences')} />
      <EmptyState icon={Repeat} title={t('empty.sequences.title')} body={t('empty.sequences.body')}>
        <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{t('empty.comingSoon')}</p>
      </EmptyState>
    </>
  );
}
