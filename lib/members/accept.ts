import { and, eq } from 'drizzle-orm';
import { sha256 } from '@/lib/crypto';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { invitations, memberships, users, workspaces } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { forbidden, invalid } from '@/lib/errors';
import { findMembership } from '@/lib/workspaces/context';
import { assertMayGrant, openInvitation } from './guards';

/** What the invite page shows before the visitor accepts; null for unknown, used, revoked or expired links. */
export async function previewInvitation(db: Db, token: string) {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      workspaceName: workspaces.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(and(eq(invitations.tokenHash, sha256(token)), openInvitation))
    .limit(1);
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  return row;
}

/**
 * Turns a one-time link into a membership for the signed-in user. The link only works for the
 * address it was sent to and only once: the invitation row is locked while it is consumed.
 */
export async function acceptInvitation(db: Db, input: { userId: string; token: string }): Promise<{ slug: string }> {
  return withTransaction(db, async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, sha256(input.token)), openInvitation))
      .for('update')
      .limit(1);
    if (!inv || inv.expiresAt.getTime() < Date.now()) throw invalid('invitationInvalid');
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!user || user.email !== inv.email) throw forbidden('invitationOtherEmail');
    // The inviter's role *now*: a link from someone since demoted or removed grants nothing above it.
    const inviterRole = inv.invitedById ? await findMembership(tx, inv.invitedById, inv.workspaceId) : null;
    try {
      assertMayGrant(inviterRole, inv.role);
    } catch {
      throw invalid('invitationInvalid');
    }
    await tx
      .insert(memberships)
      .values({ workspaceId: inv.workspaceId, userId: input.userId, role: inv.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
    await writeAudit(tx, { workspaceId: inv.workspaceId, userId: input.userId }, 'member.joined', input.userId, { role: inv.role });
    const [ws] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, inv.workspaceId));
    return { slug: ws.slug };
  });
}
