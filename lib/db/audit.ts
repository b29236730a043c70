import type { Db } from './client';
import { auditLog } from './schema';

export async function writeAudit(
  tx: Db,
  ctx: { workspaceId: string; userId: string | null },
  action: string,
  target?: string,
  data?: Record<string, unknown>,
): Promise<void> {
  await tx.insert(auditLog).values({ workspaceId: ctx.workspaceId, actorUserId: ctx.userId, action, target, data });
}
