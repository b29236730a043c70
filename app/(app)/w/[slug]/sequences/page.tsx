import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DriftingPanel } from '@/components/sequences/drifting-panel';
import { SequencesEmpty } from '@/components/sequences/sequences-empty';
import { SequencesTable } from '@/components/sequences/sequences-table';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listSegments } from '@/lib/segments/manage';
import { listSequences } from '@/lib/sequences/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function SequencesPage({ params }: SlugParams) {
  const { slug } = await params;
  const { ctx, role } = await getPageContext(slug);
  const t = await getTranslations('sequences.list');
  const [rows, segments] = await Promise.all([listSequences(ctx), listSegments(ctx)]);
  const canEdit = hasRole(role, 'member');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          rows.length && canEdit ? (
            <Link href={`/w/${slug}/sequences/new`} className={buttonClass('primary')}>
              {t('new')}
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <DriftingPanel slug={slug} workspaceId={ctx.workspaceId} />
        {rows.length === 0 ? (
          <SequencesEmpty slug={slug} canEdit={canEdit} />
        ) : (
          <Card className="[&>div]:py-2">
            <SequencesTable slug={slug} rows={rows} segmentNames={Object.fromEntries(segments.map((s) => [s.id, s.name]))} />
          </Card>
        )}
      </div>
    </>
  );
}
