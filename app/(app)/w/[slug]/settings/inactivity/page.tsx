import { getTranslations } from 'next-intl/server';
import { InactivityForm } from '@/components/settings/inactivity-form';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { INACTIVITY_DEFAULT_DAYS } from '@/lib/metrics/benchmarks';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function InactivitySettingsPage({ params }: SlugParams) {
  const { workspace, role } = await getPageContext((await params).slug);
  const t = await getTranslations('industries');
  const canEdit = hasRole(role, 'admin');
  return (
    <>
      {canEdit ? null : <ReadOnlyNotice role={role} />}
      <InactivityForm
        workspaceId={workspace.id}
        canEdit={canEdit}
        inactivityDays={workspace.benchmarks.inactivityDays}
        signals={workspace.inactivitySignals}
        industryLabel={t(workspace.industry)}
        industryDays={INACTIVITY_DEFAULT_DAYS[workspace.industry]}
      />
    </>
  );
}
