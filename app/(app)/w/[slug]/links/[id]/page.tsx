import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SmartlinkBuilder } from '@/components/smartlinks/builder';
import { SmartlinkSlugForm, SmartlinkStatusActions } from '@/components/smartlinks/page-actions';
import { SmartlinkTabs } from '@/components/smartlinks/tabs';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { trackingBaseUrl } from '@/lib/campaigns/send-config';
import { getSmartlinkPage } from '@/lib/smartlinks/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

/** The SmartLink editor; viewers see it read-only, another workspace's page id is a 404. */
export default async function SmartlinkEditorPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { ctx, role, workspace } = await getPageContext(slug);
  const { page, items } = await orNotFound(getSmartlinkPage(ctx, id));
  const t = await getTranslations('smartlinks');
  const canEdit = hasRole(role, 'member');
  const base = trackingBaseUrl();
  const publicUrl = `${base}/l/${page.slug}`;
  return (
    <>
      <PageHeader
        title={page.title}
        description={publicUrl}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <span data-testid="smartlink-status">
              <Badge tone={page.status === 'published' ? 'success' : 'neutral'}>{t(`status.${page.status}`)}</Badge>
            </span>
            <Link className={buttonClass('secondary')} href={`/w/${slug}/links`}>
              {t('builder.back')}
            </Link>
            {page.status === 'published' ? (
              <a className={buttonClass('secondary')} href={`/l/${page.slug}`} target="_blank" rel="noopener" data-testid="smartlink-open">
                {t('builder.open')}
              </a>
            ) : null}
          </div>
        }
      />
      <SmartlinkTabs slug={slug} pageId={page.id} active="editor" />
      {!canEdit ? (
        <Alert tone="info" className="mb-6">
          {t('builder.readOnly')}
        </Alert>
      ) : null}
      <div className="space-y-6">
        <Card title={t('builder.address')}>
          <div className="grid gap-6 md:grid-cols-2">
            <SmartlinkSlugForm workspaceId={workspace.id} pageId={page.id} slug={page.slug} base={base} canEdit={canEdit} />
            {canEdit ? (
              <div className="space-y-3">
                <p className="text-sm text-zinc-700">
                  {t('builder.publicLink')}: <span className="break-all font-mono text-xs" data-testid="smartlink-public-url">{publicUrl}</span>
                </p>
                <SmartlinkStatusActions workspaceId={workspace.id} slug={slug} pageId={page.id} title={page.title} status={page.status} publicUrl={publicUrl} />
              </div>
            ) : null}
          </div>
        </Card>
        <SmartlinkBuilder
          workspaceId={workspace.id}
          canEdit={canEdit}
          page={{
            id: page.id,
            title: page.title,
            bio: page.bio,
            avatarUrl: page.avatarUrl,
            theme: page.theme,
            items: items.map((i) => ({ id: i.id, kind: i.kind, label: i.label, url: i.url, imageUrl: i.imageUrl })),
          }}
        />
      </div>
    </>
  );
}
