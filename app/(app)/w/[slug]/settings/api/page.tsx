import { ApiKeysPanel } from '@/components/api-keys/api-keys-panel';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { listApiKeys } from '@/lib/api/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function ApiKeysSettingsPage({ params }: SlugParams) {
  const { workspace, role, ctx } = await getPageContext((await params).slug);
  const canManage = hasRole(role, 'admin');
  const keys = await listApiKeys(ctx);
  return (
    <>
      {canManage ? null : <ReadOnlyNotice role={role} />}
      <ApiKeysPanel
        workspaceId={workspace.id}
        canManage={canManage}
        keys={keys.map((k) => ({
          ...k,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
      />
    </>
  );
}
