import { and, desc, eq, isNull } from 'drizzle-orm';
import { invitations, memberships, users } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

export async function listMembers(ctx: WorkspaceCtx) {
  return ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(users.name);
}

/** Open invitations (not accepted, not revoked); expired ones are listed so they can be resent. */
export async function listOpenInvitations(ctx: WorkspaceCtx) {
  return ctx.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, ctx.workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
}
