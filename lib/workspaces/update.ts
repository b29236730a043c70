import { eq } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { workspaces } from '@/lib/db/schema';
import type { WorkspaceProfileInput } from '@/lib/db/schema/workspaces/validation';
import { withTransaction } from '@/lib/db/transaction';
import { defaultBenchmarks, type WorkspaceBenchmarks } from '@/lib/metrics/benchmarks';
import { assertRole, type WorkspaceCtx } from './context';
import { getWorkspace } from './get';

async function patchWorkspace(ctx: WorkspaceCtx, action: string, patch: Partial<typeof workspaces.$inferInsert>) {
  assertRole(ctx, 'admin');
  return withTransaction(ctx.db, async (tx) => {
    const [ws] = await tx
      .update(workspaces)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(workspaces.id, ctx.workspaceId))
      .returning();
    await writeAudit(tx, ctx, action, ctx.workspaceId, { fields: Object.keys(patch) });
    return ws;
  });
}

export function updateProfile({ ctx, input }: { ctx: WorkspaceCtx; input: WorkspaceProfileInput }) {
  // Named fields only: nothing else a caller passes (slug, isDemo, …) can reach the row.
  const { name, industry, timezone, locale } = input;
  return patchWorkspace(ctx, 'workspace.profile.updated', { name, industry, timezone, locale });
}

export function updateLinks({ ctx, input }: { ctx: WorkspaceCtx; input: { reviewUrl?: string | null; referralUrl?: string | null } }) {
  return patchWorkspace(ctx, 'workspace.links.updated', {
    reviewUrl: input.reviewUrl ?? null,
    referralUrl: input.referralUrl ?? null,
  });
}

export function updateBenchmarks({ ctx, input }: { ctx: WorkspaceCtx; input: { benchmarks: WorkspaceBenchmarks } }) {
  return patchWorkspace(ctx, 'workspace.benchmarks.updated', { benchmarks: input.benchmarks });
}

/** Back to the PRODUCT.md figures for the workspace's current industry. */
export async function resetBenchmarks({ ctx }: { ctx: WorkspaceCtx }) {
  assertRole(ctx, 'admin');
  const ws = await getWorkspace(ctx);
  return patchWorkspace(ctx, 'workspace.benchmarks.reset', { benchmarks: defaultBenchmarks(ws.industry) });
}
