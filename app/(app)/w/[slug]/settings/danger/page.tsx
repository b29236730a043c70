import { DangerZone } from '@/components/settings/danger-zone';
import { NoAccess } from '@/components/settings/no-access';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function DangerSettingsPage({ params }: SlugParams) {
  const { workspace, role } = await getPageContext((await params).slug);
  if (!hasRole(role, 'owner')) return <NoAccess />;
  return <DangerZone workspaceId={workspace.id} name={workspace.name} />;
}
