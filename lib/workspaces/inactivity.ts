import { eq } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { workspaces } from '@/lib/db/schema';
import { inactivitySettingsSchema, type InactivitySettingsInput } from '@/lib/db/schema/workspaces/validation';
import { withTransaction } from '@/lib/db/transaction';
import { assertRole, type WorkspaceCtx } from './context';

/**
 * The workspace's inactivity definition: after how many days a contact counts as inactive
 * (benchmarks.inactivityDays, also on the benchmarks page) and which signals count as activity.
 * The benchmarks document is read under a row lock so a concurrent benchmarks save is not undone.
 */
export async function updateInactivitySettings({ ctx, input }: { ctx: WorkspaceCtx; input: InactivitySettingsInput }) {
  assertRole(ctx, 'admin');
  const { inactivityDays, signals } = inactivitySettingsSchema.parse(input);
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select({ benchmarks: workspaces.benchmarks })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for('update');
    const [ws] = await tx
      .update(workspaces)
      .set({ benchmarks: { ...current.benchmarks, inactivityDays }, inactivitySignals: signals, updatedAt: new Date() })
      .where(eq(workspaces.id, ctx.workspaceId))
      .returning();
    await writeAudit(tx, ctx, 'workspace.inactivity.updated', ctx.workspaceId, {
      from: { inactivityDays: current.benchmarks.inactivityDays },
      inactivityDays,
      signals,
    });
    return ws;
  });
}
