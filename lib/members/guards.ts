import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invitations, memberships, ROLE_RANK, type Invitation, type Role } from '@/lib/db/schema';
import { conflict, forbidden, notFound } from '@/lib/errors';
import { hasRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/** Fetch-or-throw: a membership of *this* workspace. Another tenant's user id is simply not found. */
export async function getMemberInWorkspace(tx: Db, ctx: WorkspaceCtx, userId: string): Promise<{ role: Role }> {
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  if (!m) throw notFound('memberNotFound');
  return m;
}

export async function getInvitationInWorkspace(tx: Db, ctx: WorkspaceCtx, invitationId: string): Promise<Invitation> {
  const [inv] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, ctx.workspaceId), eq(invitations.id, invitationId)))
    .limit(1);
  if (!inv) throw notFound('invitationNotFound');
  return inv;
}

/** Only owners hand out or touch the owner role; admins manage everyone below it. */
export function assertMayManageRole(ctx: WorkspaceCtx, role: Role): void {
  if (role === 'owner' && !hasRole(ctx.role, 'owner')) throw forbidden('ownerOnly');
}

/** An invitation never grants more than its inviter holds (checked at invite and at accept time). */
export function assertMayGrant(inviterRole: Role | null, role: Role): void {
  if (!inviterRole || !hasRole(inviterRole, 'admin') || ROLE_RANK[role] > ROLE_RANK[inviterRole]) throw forbidden('inviteAboveRole');
}

/**
 * Revokes the open invitations `inviterId` made in the workspace that their role `now` (null when
 * removed) could no longer grant: a demoted or removed admin's links stop working at once.
 */
export async function revokeInvitationsBeyond(tx: Db, workspaceId: string, inviterId: string, now: Role | null): Promise<number> {
  const rows = await tx
    .select({ id: invitations.id, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.invitedById, inviterId), openInvitation));
  const beyond = rows.filter((r) => !now || !hasRole(now, 'admin') || ROLE_RANK[r.role] > ROLE_RANK[now]).map((r) => r.id);
  if (beyond.length) await tx.update(invitations).set({ revokedAt: new Date() }).where(inArray(invitations.id, beyond));
  return beyond.length;
}

/**
 * Locks the workspace's owner rows and refuses if removing `userId` from them leaves none.
 * The row lock makes two concurrent demotions of the last two owners serialize.
 */
export async function assertNotLastOwner(tx: Db, workspaceId: string, userId: string): Promise<void> {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
    .for('update');
  if (owners.length <= 1 && owners.some((o) => o.userId === userId)) throw conflict('lastOwner');
}

export const openInvitation = sql`${invitations.acceptedAt} is null and ${invitations.revokedAt} is null`;
