import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '@/lib/auth/sign-up';
import { sha256 } from '@/lib/crypto';
import { auditLog, invitations, memberships, type Role } from '@/lib/db/schema';
import { acceptInvitation, previewInvitation } from '@/lib/members/accept';
import { inviteMember, resendInvitation, revokeInvitation } from '@/lib/members/invite';
import { changeMemberRole, removeMember } from '@/lib/members/manage';
import { findMembership } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, BASE_URL, ctxFor, makeBareUser, makeUser, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { inviteTokenFrom, mailById } from './support/mail';

const db = setupTestDb();

// Without SMTP_URL (and without workspace SMTP settings) every mail lands in the outbox table.
const savedSmtpUrl = process.env.SMTP_URL;
beforeAll(() => {
  delete process.env.SMTP_URL;
});
afterAll(() => {
  if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
});

async function invitationRow(id: string) {
  const [row] = await db().select().from(invitations).where(eq(invitations.id, id));
  return row;
}

/** A fresh workspace with its owner and an admin, plus an open invitation for `email` with `role`. */
async function invited(role: Role = 'member', email = uniqueEmail('invitee')) {
  const owner = await makeUser(db());
  const admin = await addMember(db(), owner.workspace.id, 'admin');
  const adminCtx = await ctxFor(db(), admin.id, owner.workspace.id);
  const { invitationId, mail } = await inviteMember({ ctx: adminCtx, input: { email, role, baseUrl: BASE_URL } });
  const token = inviteTokenFrom((await mailById(db(), mail.id)).text);
  return { owner, admin, adminCtx, email, invitationId, mail, token };
}

describe('inviteMember', () => {
  it('stores only a sha256 of the token and mails the link through the outbox', async () => {
    const { owner, admin, email, invitationId, mail, token } = await invited('member');

    const inv = await invitationRow(invitationId);
    expect(inv).toMatchObject({ workspaceId: owner.workspace.id, email, role: 'member', invitedById: admin.id, acceptedAt: null, revokedAt: null });
    expect(inv.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(inv.tokenHash).toBe(sha256(token));
    expect(inv.tokenHash).not.toContain(token);
    const ttlDays = (inv.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(ttlDays).toBeGreaterThan(6.9);
    expect(ttlDays).toBeLessThanOrEqual(7);

    expect(mail).toMatchObject({ status: 'sent', transport: 'outbox' });
    const row = await mailById(db(), mail.id);
    expect(row).toMatchObject({ workspaceId: owner.workspace.id, kind: 'invitation', toAddress: email, transport: 'outbox', status: 'sent' });
    expect(row.text).toContain(`${BASE_URL}/invite/${token}`);
    expect(row.html).toContain(`/invite/${token}`);
    expect(row.sentAt).toBeInstanceOf(Date);

    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspace.id), eq(auditLog.action, 'member.invited')));
    expect(audit).toMatchObject({ actorUserId: admin.id, target: invitationId, data: { email, role: 'member' } });
  });

  it('previews an open invitation and nothing for a made-up token', async () => {
    const { owner, admin, email, token } = await invited('viewer');
    expect(await previewInvitation(db(), token)).toMatchObject({
      email,
      role: 'viewer',
      workspaceName: owner.workspace.name,
      inviterName: admin.name,
    });
    expect(await previewInvitation(db(), `${token}x`)).toBeNull();
    expect(await previewInvitation(db(), '')).toBeNull();
  });

  it('replaces an earlier open invitation for the same address', async () => {
    const { adminCtx, email, invitationId, token } = await invited('member');
    const second = await inviteMember({ ctx: adminCtx, input: { email, role: 'viewer', baseUrl: BASE_URL } });
    expect((await invitationRow(invitationId)).revokedAt).toBeInstanceOf(Date);
    expect(await previewInvitation(db(), token)).toBeNull();
    expect((await invitationRow(second.invitationId)).revokedAt).toBeNull();
  });

  it('refuses an owner invitation from an admin, but an owner may send one', async () => {
    const owner = await makeUser(db());
    const admin = await addMember(db(), owner.workspace.id, 'admin');
    const email = uniqueEmail('would-be-owner');
    await expectAppError(
      inviteMember({ ctx: await ctxFor(db(), admin.id, owner.workspace.id), input: { email, role: 'owner', baseUrl: BASE_URL } }),
      'FORBIDDEN',
      'ownerOnly',
    );
    const none = await db().select().from(invitations).where(eq(invitations.email, email));
    expect(none).toEqual([]);

    const { invitationId } = await inviteMember({
      ctx: await ctxFor(db(), owner.user.id, owner.workspace.id),
      input: { email, role: 'owner', baseUrl: BASE_URL },
    });
    expect(await invitationRow(invitationId)).toMatchObject({ email, role: 'owner' });
  });

  it('refuses to invite someone who already is a member', async () => {
    const owner = await makeUser(db());
    const member = await addMember(db(), owner.workspace.id, 'member');
    await expectAppError(
      inviteMember({ ctx: await ctxFor(db(), owner.user.id, owner.workspace.id), input: { email: member.email, role: 'admin', baseUrl: BASE_URL } }),
      'CONFLICT',
      'alreadyMember',
    );
    const rows = await db().select().from(invitations).where(eq(invitations.workspaceId, owner.workspace.id));
    expect(rows).toEqual([]);
  });
});

describe('acceptInvitation', () => {
  it('makes the invited address a member with the invited role, once', async () => {
    const { owner, email, invitationId, token } = await invited('admin');
    const invitee = await makeBareUser(db(), { email });

    expect(await acceptInvitation(db(), { userId: invitee.id, token })).toEqual({ slug: owner.workspace.slug });
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBe('admin');
    expect((await invitationRow(invitationId)).acceptedAt).toBeInstanceOf(Date);
    expect(await previewInvitation(db(), token)).toBeNull();

    await expectAppError(acceptInvitation(db(), { userId: invitee.id, token }), 'VALIDATION', 'invitationInvalid');
    const [joined] = await db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspace.id), eq(auditLog.action, 'member.joined')));
    expect(joined.n).toBe(1);
  });

  it('refuses a signed-in user with another address and leaves the invitation open', async () => {
    const { owner, invitationId, token } = await invited('member');
    const stranger = await makeBareUser(db());
    await expectAppError(acceptInvitation(db(), { userId: stranger.id, token }), 'FORBIDDEN', 'invitationOtherEmail');
    expect(await findMembership(db(), stranger.id, owner.workspace.id)).toBeNull();
    expect((await invitationRow(invitationId)).acceptedAt).toBeNull();
  });

  it('refuses an expired invitation', async () => {
    const { owner, email, invitationId, token } = await invited('member');
    await db()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invitations.id, invitationId));
    const invitee = await makeBareUser(db(), { email });
    expect(await previewInvitation(db(), token)).toBeNull();
    await expectAppError(acceptInvitation(db(), { userId: invitee.id, token }), 'VALIDATION', 'invitationInvalid');
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBeNull();
    expect((await invitationRow(invitationId)).acceptedAt).toBeNull();
  });

  it('joins the invited workspace when signing up through the link, without a workspace of their own', async () => {
    const { owner, email, token } = await invited('viewer');
    const { user, slug } = await signUp(db(), { email, name: 'Newcomer', password: TEST_PASSWORD, inviteToken: token });
    expect(slug).toBe(owner.workspace.slug);
    const rows = await db().select().from(memberships).where(eq(memberships.userId, user.id));
    expect(rows).toEqual([expect.objectContaining({ workspaceId: owner.workspace.id, role: 'viewer' })]);
  });

  it('accepts an invitation sent to a mixed-case address for the (lower-cased) account', async () => {
    const lower = uniqueEmail('casey');
    const { owner, token } = await invited('member', lower.toUpperCase());
    const invitee = await makeBareUser(db(), { email: lower });
    await acceptInvitation(db(), { userId: invitee.id, token });
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBe('member');
  });
});

describe('resendInvitation and revokeInvitation', () => {
  it('resend rotates the token: the old link dies, the new one works', async () => {
    const { owner, adminCtx, email, invitationId, token: oldToken } = await invited('member');
    const { mail } = await resendInvitation({ ctx: adminCtx, input: { invitationId, baseUrl: BASE_URL } });
    const newToken = inviteTokenFrom((await mailById(db(), mail.id)).text);
    expect(newToken).not.toBe(oldToken);
    expect((await invitationRow(invitationId)).tokenHash).toBe(sha256(newToken));

    const invitee = await makeBareUser(db(), { email });
    expect(await previewInvitation(db(), oldToken)).toBeNull();
    await expectAppError(acceptInvitation(db(), { userId: invitee.id, token: oldToken }), 'VALIDATION', 'invitationInvalid');
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBeNull();

    expect(await previewInvitation(db(), newToken)).toMatchObject({ email });
    await acceptInvitation(db(), { userId: invitee.id, token: newToken });
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBe('member');
  });

  it('resend revives an expired invitation with a fresh expiry', async () => {
    const { adminCtx, invitationId } = await invited('member');
    await db().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, invitationId));
    const { mail } = await resendInvitation({ ctx: adminCtx, input: { invitationId, baseUrl: BASE_URL } });
    const token = inviteTokenFrom((await mailById(db(), mail.id)).text);
    expect((await invitationRow(invitationId)).expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await previewInvitation(db(), token)).not.toBeNull();
  });

  it('revoke closes the invitation for good', async () => {
    const { owner, adminCtx, email, invitationId, token } = await invited('member');
    await revokeInvitation({ ctx: adminCtx, input: { invitationId } });
    expect((await invitationRow(invitationId)).revokedAt).toBeInstanceOf(Date);
    expect(await previewInvitation(db(), token)).toBeNull();

    const invitee = await makeBareUser(db(), { email });
    await expectAppError(acceptInvitation(db(), { userId: invitee.id, token }), 'VALIDATION', 'invitationInvalid');
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBeNull();

    await expectAppError(revokeInvitation({ ctx: adminCtx, input: { invitationId } }), 'CONFLICT', 'invitationClosed');
    await expectAppError(resendInvitation({ ctx: adminCtx, input: { invitationId, baseUrl: BASE_URL } }), 'CONFLICT', 'invitationClosed');
  });

  it("an admin may not resend or revoke an owner's invitation", async () => {
    const owner = await makeUser(db());
    const admin = await addMember(db(), owner.workspace.id, 'admin');
    const { invitationId } = await inviteMember({
      ctx: await ctxFor(db(), owner.user.id, owner.workspace.id),
      input: { email: uniqueEmail('co-owner'), role: 'owner', baseUrl: BASE_URL },
    });
    const adminCtx = await ctxFor(db(), admin.id, owner.workspace.id);
    const before = await invitationRow(invitationId);
    await expectAppError(resendInvitation({ ctx: adminCtx, input: { invitationId, baseUrl: BASE_URL } }), 'FORBIDDEN', 'ownerOnly');
    await expectAppError(revokeInvitation({ ctx: adminCtx, input: { invitationId } }), 'FORBIDDEN', 'ownerOnly');
    expect(await invitationRow(invitationId)).toEqual(before);
  });
});

describe('changeMemberRole and removeMember', () => {
  it('the last owner can neither be demoted nor leave', async () => {
    const owner = await makeUser(db());
    const ctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
    await expectAppError(changeMemberRole({ ctx, input: { userId: owner.user.id, role: 'admin' } }), 'CONFLICT', 'lastOwner');
    await expectAppError(removeMember({ ctx, input: { userId: owner.user.id } }), 'CONFLICT', 'lastOwner');
    expect(await findMembership(db(), owner.user.id, owner.workspace.id)).toBe('owner');
  });

  it('with two owners one may leave, and then the other is the last', async () => {
    const owner = await makeUser(db());
    const second = await addMember(db(), owner.workspace.id, 'owner');
    await removeMember({ ctx: await ctxFor(db(), owner.user.id, owner.workspace.id), input: { userId: owner.user.id } });
    expect(await findMembership(db(), owner.user.id, owner.workspace.id)).toBeNull();
    expect(await findMembership(db(), second.id, owner.workspace.id)).toBe('owner');

    const secondCtx = await ctxFor(db(), second.id, owner.workspace.id);
    await expectAppError(removeMember({ ctx: secondCtx, input: { userId: second.id } }), 'CONFLICT', 'lastOwner');
    await expectAppError(changeMemberRole({ ctx: secondCtx, input: { userId: second.id, role: 'viewer' } }), 'CONFLICT', 'lastOwner');
    expect(await findMembership(db(), second.id, owner.workspace.id)).toBe('owner');
  });

  it('with two owners one may demote the other', async () => {
    const owner = await makeUser(db());
    const second = await addMember(db(), owner.workspace.id, 'owner');
    await changeMemberRole({ ctx: await ctxFor(db(), owner.user.id, owner.workspace.id), input: { userId: second.id, role: 'member' } });
    expect(await findMembership(db(), second.id, owner.workspace.id)).toBe('member');
  });

  it('an admin can neither demote nor remove an owner, nor promote anyone to owner', async () => {
    const owner = await makeUser(db());
    const admin = await addMember(db(), owner.workspace.id, 'admin');
    const member = await addMember(db(), owner.workspace.id, 'member');
    const ctx = await ctxFor(db(), admin.id, owner.workspace.id);
    await expectAppError(changeMemberRole({ ctx, input: { userId: owner.user.id, role: 'admin' } }), 'FORBIDDEN', 'ownerOnly');
    await expectAppError(removeMember({ ctx, input: { userId: owner.user.id } }), 'FORBIDDEN', 'ownerOnly');
    await expectAppError(changeMemberRole({ ctx, input: { userId: member.id, role: 'owner' } }), 'FORBIDDEN', 'ownerOnly');
    await expectAppError(changeMemberRole({ ctx, input: { userId: admin.id, role: 'owner' } }), 'FORBIDDEN', 'ownerOnly');
    expect(await findMembership(db(), owner.user.id, owner.workspace.id)).toBe('owner');
    expect(await findMembership(db(), member.id, owner.workspace.id)).toBe('member');
    expect(await findMembership(db(), admin.id, owner.workspace.id)).toBe('admin');
  });

  it('an admin manages roles below owner and removes members, with audit rows', async () => {
    const owner = await makeUser(db());
    const admin = await addMember(db(), owner.workspace.id, 'admin');
    const member = await addMember(db(), owner.workspace.id, 'member');
    const ctx = await ctxFor(db(), admin.id, owner.workspace.id);
    await changeMemberRole({ ctx, input: { userId: member.id, role: 'viewer' } });
    expect(await findMembership(db(), member.id, owner.workspace.id)).toBe('viewer');
    await removeMember({ ctx, input: { userId: member.id } });
    expect(await findMembership(db(), member.id, owner.workspace.id)).toBeNull();

    const audit = await db()
      .select({ action: auditLog.action, target: auditLog.target, data: auditLog.data, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspace.id), eq(auditLog.target, member.id)));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'member.role.changed', target: member.id, data: { from: 'member', to: 'viewer' }, actor: admin.id },
        { action: 'member.removed', target: member.id, data: { role: 'viewer' }, actor: admin.id },
      ]),
    );
  });

  it('a member may leave on their own', async () => {
    const owner = await makeUser(db());
    const member = await addMember(db(), owner.workspace.id, 'member');
    await removeMember({ ctx: await ctxFor(db(), member.id, owner.workspace.id), input: { userId: member.id } });
    expect(await findMembership(db(), member.id, owner.workspace.id)).toBeNull();
    const [left] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspace.id), eq(auditLog.action, 'member.left')));
    expect(left).toMatchObject({ actorUserId: member.id, target: member.id, data: { role: 'member' } });
  });

  it('a removed member loses access straight away (the role is re-read)', async () => {
    const owner = await makeUser(db());
    const viewer = await addMember(db(), owner.workspace.id, 'viewer');
    await removeMember({ ctx: await ctxFor(db(), owner.user.id, owner.workspace.id), input: { userId: viewer.id } });
    await expect(ctxFor(db(), viewer.id, owner.workspace.id)).rejects.toThrow(/not a member/);
  });
});
