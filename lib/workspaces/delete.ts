import { eq, sql } from 'drizzle-orm';
import { workspaces } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { invalid } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from './context';
import { getWorkspace } from './get';

/**
 * Owner only, and only after typing the exact name. Cascades to every tenant-owned row; the
 * append-only hit tables carry no foreign key (inserts stay one cheap statement), so their rows go
 * explicitly, in the same transaction, through their indexes.
 */
export async function deleteWorkspace({ ctx, input }: { ctx: WorkspaceCtx; input: { confirmName: string } }) {
  assertRole(ctx, 'owner');
  const ws = await getWorkspace(ctx);
  if (input.confirmName.trim() !== ws.name) throw invalid('confirmNameMismatch');
  await withTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`delete from events where workspace_id = ${ctx.workspaceId}`);
    await tx.execute(sql`delete from site_visits where workspace_id = ${ctx.workspaceId}`);
    await tx.execute(sql`delete from smartlink_hits where page_id in (select id from smartlink_pages where workspace_id = ${ctx.workspaceId})`);
    await tx.delete(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  });
  console.info(`[audit] workspace ${ws.id} (${ws.slug}) deleted by user ${ctx.userId}`);
}
