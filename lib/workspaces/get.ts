import { eq } from 'drizzle-orm';
import { workspaces, type Workspace } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { WorkspaceCtx } from './context';

/** The caller's own workspace; the id comes from the server-resolved context only. */
export async function getWorkspace(ctx: Pick<WorkspaceCtx, 'db' | 'workspaceId'>): Promise<Workspace> {
  const [ws] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1);
  if (!ws) throw notFound('workspaceNotFound');
  return ws;
}
