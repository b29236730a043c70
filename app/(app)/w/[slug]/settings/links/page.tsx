import { LinksForm } from '@/components/settings/links-form';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function LinksSettingsPage({ params }: SlugParams) {
  const { workspace, role } = await getPageContext((await params).slug);
  const canEdit = hasRole(role, 'admin');
  return (
    <>
      {canEdit ? null : <ReadOnlyNotice role={role} />}
      <LinksForm workspaceId={workspace.id} canEdit={canEdit} values={{ reviewUrl: workspace.reviewUrl, referralUrl: workspace.referralUrl }} />
    </>
  );
}
