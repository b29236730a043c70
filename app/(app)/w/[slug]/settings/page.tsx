import { ProfileForm } from '@/components/settings/profile-form';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function GeneralSettingsPage({ params }: SlugParams) {
  const { workspace, role } = await getPageContext((await params).slug);
  const canEdit = hasRole(role, 'admin');
  return (
    <>
      {canEdit ? null : <ReadOnlyNotice role={role} />}
      <ProfileForm
        workspaceId={workspace.id}
        canEdit={canEdit}
        values={{ name: workspace.name, industry: workspace.industry, timezone: workspace.timezone, locale: workspace.locale }}
      />
    </>
  );
}
