import { Mail } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CAMPAIGN_SORT_KEYS, CampaignsTable, sortCampaigns } from '@/components/campaigns/campaigns-table';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { parseSort } from '@/components/ui/table-sort';
import { listCampaigns } from '@/lib/campaigns/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext } from '@/lib/workspaces/page-context';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function CampaignsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = await searchParams;
  const { ctx, role } = await getPageContext(slug);
  const t = await getTranslations('campaigns');
  const rows = await listCampaigns(ctx);
  const sort = parseSort(sp, CAMPAIGN_SORT_KEYS, { key: 'updated', direction: 'desc' });
  const canWrite = hasRole(role, 'member');
  const newButton = canWrite ? (
    <Link href={`/w/${slug}/campaigns/new`} className={buttonClass('primary')}>
      {t('new')}
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={rows.length ? newButton : null} />
      {rows.length === 0 ? (
        <EmptyState icon={Mail} title={t('empty.title')} body={t('empty.body')}>
          {newButton}
        </EmptyState>
      ) : (
        <Card className="[&>div]:py-2">
          <CampaignsTable slug={slug} rows={sortCampaigns(rows, sort)} sort={sort} params={sp} />
        </Card>
      )}
    </>
  );
}
