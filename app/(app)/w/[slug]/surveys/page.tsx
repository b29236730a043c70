import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SurveysEmpty } from '@/components/surveys/list/surveys-empty';
import { SurveysTable } from '@/components/surveys/list/surveys-table';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listSurveys } from '@/lib/surveys/get';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function SurveysPage({ params }: SlugParams) {
  const { slug } = await params;
  const { ctx, role } = await getPageContext(slug);
  const t = await getTranslations('surveys.list');
  const rows = await listSurveys(ctx);
  const canEdit = hasRole(role, 'member');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          rows.length && canEdit ? (
            <Link href={`/w/${slug}/surveys/new`} className={buttonClass('primary')}>
              {t('new')}
            </Link>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <SurveysEmpty slug={slug} canEdit={canEdit} />
      ) : (
        <Card className="[&>div]:py-2">
          <SurveysTable slug={slug} rows={rows} canEdit={canEdit} />
        </Card>
      )}
    </>
  );
}
