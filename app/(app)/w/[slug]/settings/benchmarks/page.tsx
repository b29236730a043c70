import { getTranslations } from 'next-intl/server';
import { BenchmarksForm } from '@/components/settings/benchmarks-form';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { INACTIVITY_DEFAULT_DAYS, INDUSTRY_CONVERSION_KIND } from '@/lib/metrics/benchmarks';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function BenchmarksSettingsPage({ params }: SlugParams) {
  const { workspace, role } = await getPageContext((await params).slug);
  const t = await getTranslations('industries');
  const canEdit = hasRole(role, 'admin');
  return (
    <>
      {canEdit ? null : <ReadOnlyNotice role={role} />}
      <BenchmarksForm
        workspaceId={workspace.id}
        canEdit={canEdit}
        benchmarks={workspace.benchmarks}
        industryLabel={t(workspace.industry)}
        industryDays={INACTIVITY_DEFAULT_DAYS[workspace.industry]}
        siteConversionKind={INDUSTRY_CONVERSION_KIND[workspace.industry]}
      />
    </>
  );
}
