import { and, eq } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { memberships, type Role } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { assertMayManageRole, assertNotLastOwner, getMemberInWorkspace, revokeInvitationsBeyond } from './guards';

export async function changeMemberRole({ ctx, input }: { ctx: WorkspaceCtx; input: { userId: string; role: Role } }) {
  assertRole(ctx, 'admin');
  assertMayManageRole(ctx, input.role);
  await withTransaction(ctx.db, async (tx) => {
    const target = await getMemberInWorkspace(tx, ctx, input.userId);
    assertMayManageRole(ctx, target.role);
    if (target.role === 'owner' && input.role !== 'owner') await assertNotLastOwner(tx, ctx.workspaceId, input.userId);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
    const revoked = await revokeInvitationsBeyond(tx, ctx.workspaceId, input.userId, input.role);
    await writeAudit(tx, ctx, 'member.role.changed', input.userId, { from: target.role, to: input.role, ...(revoked ? { invitationsRevoked: revoked } : {}) });
  });
}

/** Admins remove others; anyone may remove themselves (leave) — but never the last owner. */
export async function removeMember({ ctx, input }: { ctx: WorkspaceCtx; input: { userId: string } }) {
  const leaving = input.userId === ctx.userId;
  if (!leaving) assertRole(ctx, 'admin');
  await withTransaction(ctx.db, async (tx) => {
    const target = await getMemberInWorkspace(tx, ctx, input.userId);
    if (!leaving) assertMayManageRole(ctx, target.role);
    if (target.role === 'owner') await assertNotLastOwner(tx, ctx.workspaceId, input.userId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
    const revoked = await revokeInvitationsBeyond(tx, ctx.workspaceId, input.userId, null);
    await writeAudit(tx, ctx, leaving ? 'member.left' : 'member.removed', input.userId, { role: target.role, ...(revoked ? { invitationsRevoked: revoked } : {}) });
  });
}
