import { MembersPanel } from '@/components/settings/members-panel';
import { listMembers, listOpenInvitations } from '@/lib/members/list';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function MembersSettingsPage({ params }: SlugParams) {
  const { workspace, role, ctx, user } = await getPageContext((await params).slug);
  const members = await listMembers(ctx);
  const invitations = hasRole(role, 'admin') ? await listOpenInvitations(ctx) : [];
  return (
    <MembersPanel
      workspaceId={workspace.id}
      myUserId={user.id}
      myRole={role}
      members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
      invitations={invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
    />
  );
}
