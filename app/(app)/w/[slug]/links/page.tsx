import { Link2 } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { NewSmartlinkForm } from '@/components/smartlinks/new-page-form';
import { SmartlinksTable } from '@/components/smartlinks/links-table';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listSmartlinkPages } from '@/lib/smartlinks/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

/** The workspace's SmartLink pages; members create new ones here, viewers only look. */
export default async function LinksPage({ params }: SlugParams) {
  const { slug } = await params;
  const { ctx, role, workspace } = await getPageContext(slug);
  const t = await getTranslations('smartlinks.list');
  const rows = await listSmartlinkPages(ctx);
  const canEdit = hasRole(role, 'member');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {rows.length === 0 ? (
        <EmptyState icon={Link2} title={t('empty.title')} body={t('empty.body')}>
          {canEdit ? <NewSmartlinkForm workspaceId={workspace.id} slug={slug} /> : <p className="text-sm text-zinc-600">{t('empty.readOnly')}</p>}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {canEdit ? (
            <Card title={t('new')}>
              <NewSmartlinkForm workspaceId={workspace.id} slug={slug} />
            </Card>
          ) : null}
          <Card className="[&>div]:py-2">
            <SmartlinksTable slug={slug} rows={rows} />
          </Card>
        </div>
      )}
    </>
  );
}
