import { getTranslations } from 'next-intl/server';
import { SmartlinkAnalytics } from '@/components/smartlinks/analytics-view';
import { SmartlinkTabs } from '@/components/smartlinks/tabs';
import { PageHeader } from '@/components/ui/page-header';
import { smartlinkPeriod } from '@/lib/metrics';
import { smartlinkReport } from '@/lib/reports/smartlink';
import { getSmartlinkPage } from '@/lib/smartlinks/manage';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

/** A SmartLink page's analytics: any member (viewer included) may read; another workspace's page is a 404. */
export default async function SmartlinkAnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<{ days?: string; machine?: string }>;
}) {
  const { slug, id } = await params;
  const sp = await searchParams;
  const { ctx, workspace } = await getPageContext(slug);
  const { page } = await orNotFound(getSmartlinkPage(ctx, id));
  const report = await smartlinkReport(ctx, page.id, smartlinkPeriod(sp.days), sp.machine === '1', workspace.timezone);
  const t = await getTranslations('smartlinks');
  return (
    <>
      <PageHeader title={page.title} description={t('analytics.title')} />
      <SmartlinkTabs slug={slug} pageId={page.id} active="analytics" />
      <SmartlinkAnalytics report={report} basePath={`/w/${slug}/links/${page.id}/analytics`} draft={page.status === 'draft'} />
    </>
  );
}
