import { getTranslations } from 'next-intl/server';
import { NewCampaignForm } from '@/components/campaigns/new-campaign-form';
import { NoAccess } from '@/components/settings/no-access';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function NewCampaignPage({ params }: SlugParams) {
  const { slug } = await params;
  const { workspace, role } = await getPageContext(slug);
  if (!hasRole(role, 'member')) return <NoAccess />;
  const t = await getTranslations('campaigns');
  return (
    <>
      <PageHeader title={t('new')} />
      <Card className="max-w-2xl">
        <NewCampaignForm workspaceId={workspace.id} slug={slug} />
      </Card>
    </>
  );
}
