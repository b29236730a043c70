import { and, eq } from 'drizzle-orm';
import { randomToken, sha256 } from '@/lib/crypto';
import { writeAudit } from '@/lib/db/audit';
import { INVITATION_TTL_DAYS, invitations, memberships, users, type Role } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { sendMail, type SendResult } from '@/lib/mail/send';
import { invitationMail } from '@/lib/mail/templates/invitation';
import { normalizeEmail } from '@/lib/validation/fields';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { assertMayGrant, assertMayManageRole, getInvitationInWorkspace, openInvitation } from './guards';

const expiry = () => new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);

async function mailInvitation(ctx: WorkspaceCtx, inv: { email: string; role: Role; expiresAt: Date }, token: string, baseUrl: string) {
  const ws = await getWorkspace(ctx);
  const [inviter] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId)).limit(1);
  const mail = invitationMail({
    locale: ws.locale,
    workspaceName: ws.name,
    inviterName: inviter?.name ?? 'Pulse',
    role: inv.role,
    link: `${baseUrl}/invite/${token}`,
    expiresAt: inv.expiresAt,
  });
  return sendMail(ctx.db, { workspaceId: ws.id, kind: 'invitation', sensitive: true, to: inv.email, ...mail });
}

/** Creates (or replaces) the open invitation for `email`, then mails its one-time link. */
export async function inviteMember({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { email: string; role: Role; baseUrl: string };
}): Promise<{ invitationId: string; mail: SendResult }> {
  assertRole(ctx, 'admin');
  assertMayManageRole(ctx, input.role);
  assertMayGrant(ctx.role, input.role);
  input = { ...input, email: normalizeEmail(input.email) };
  const token = randomToken();
  const inv = await withTransaction(ctx.db, async (tx) => {
    const [existing] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(users.email, input.email)))
      .limit(1);
    if (existing) throw conflict('alreadyMember');
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.workspaceId, ctx.workspaceId), eq(invitations.email, input.email), openInvitation));
    const [row] = await tx
      .insert(invitations)
      .values({
        workspaceId: ctx.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        invitedById: ctx.userId,
        expiresAt: expiry(),
      })
      .returning();
    await writeAudit(tx, ctx, 'member.invited', row.id, { email: input.email, role: input.role });
    return row;
  });
  const mail = await mailInvitation(ctx, inv, token, input.baseUrl);
  return { invitationId: inv.id, mail };
}

/** A fresh token and a fresh expiry; the old link stops working. */
export async function resendInvitation({ ctx, input }: { ctx: WorkspaceCtx; input: { invitationId: string; baseUrl: string } }) {
  assertRole(ctx, 'admin');
  const token = randomToken();
  const inv = await withTransaction(ctx.db, async (tx) => {
    const current = await getInvitationInWorkspace(tx, ctx, input.invitationId);
    assertMayManageRole(ctx, current.role);
    assertMayGrant(ctx.role, current.role);
    if (current.acceptedAt || current.revokedAt) throw conflict('invitationClosed');
    // The one who resends vouches for it from now on: accept time checks their role.
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: sha256(token), expiresAt: expiry(), invitedById: ctx.userId })
      .where(eq(invitations.id, current.id))
      .returning();
    await writeAudit(tx, ctx, 'member.invitation.resent', row.id);
    return row;
  });
  return { mail: await mailInvitation(ctx, inv, token, input.baseUrl) };
}

export async function revokeInvitation({ ctx, input }: { ctx: WorkspaceCtx; input: { invitationId: string } }) {
  assertRole(ctx, 'admin');
  await withTransaction(ctx.db, async (tx) => {
    const current = await getInvitationInWorkspace(tx, ctx, input.invitationId);
    assertMayManageRole(ctx, current.role);
    if (current.acceptedAt || current.revokedAt) throw conflict('invitationClosed');
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, current.id));
    await writeAudit(tx, ctx, 'member.invitation.revoked', current.id);
  });
}
