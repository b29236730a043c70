import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { getDb } from '@/lib/db/client';
import { listWorkspacesForUser } from '@/lib/workspaces/context';
import { getPageContext } from '@/lib/workspaces/page-context';

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, workspace, role } = await getPageContext(slug);
  const workspaces = await listWorkspacesForUser(getDb(), user.id);
  return (
    <AppShell slug={slug} role={role} isDemo={workspace.isDemo} user={user} workspaces={workspaces}>
      {children}
    </AppShell>
  );
}
