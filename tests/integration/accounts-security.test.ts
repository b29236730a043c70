import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword } from '@/lib/auth/change-password';
import { verifyPassword } from '@/lib/auth/password';
import { endAllSessions } from '@/lib/auth/session-version';
import { notifyExistingAccount, signUp } from '@/lib/auth/sign-up';
import { invitations, mailMessages, memberships, users } from '@/lib/db/schema';
import { signUpSchema } from '@/lib/db/schema/auth/validation';
import { loggableError } from '@/lib/log/safe-error';
import { getOutboxMessage } from '@/lib/mail/outbox';
import { sendMail } from '@/lib/mail/send';
import { acceptInvitation } from '@/lib/members/accept';
import { inviteMember, resendInvitation } from '@/lib/members/invite';
import { changeMemberRole, removeMember } from '@/lib/members/manage';
import { findMembership, resolveWorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, BASE_URL, ctxFor, makeBareUser, makeUser, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { inviteTokenFrom, mailById } from './support/mail';

const db = setupTestDb();

const savedSmtpUrl = process.env.SMTP_URL;
beforeAll(() => {
  delete process.env.SMTP_URL;
});
afterAll(() => {
  if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
});

async function workspaceWithAdmin() {
  const owner = await makeUser(db());
  const admin = await addMember(db(), owner.workspace.id, 'admin');
  return { owner, admin, ownerCtx: await ctxFor(db(), owner.user.id, owner.workspace.id), adminCtx: await ctxFor(db(), admin.id, owner.workspace.id) };
}

const invitationState = async (id: string) => (await db().select().from(invitations).where(eq(invitations.id, id)))[0];

describe('one-time links stay with their recipient', () => {
  it('an admin cannot invite an owner, nor any role above their own', async () => {
    const { adminCtx } = await workspaceWithAdmin();
    await expectAppError(inviteMember({ ctx: adminCtx, input: { email: uniqueEmail('boss'), role: 'owner', baseUrl: BASE_URL } }), 'FORBIDDEN', 'ownerOnly');
    const { invitationId } = await inviteMember({ ctx: adminCtx, input: { email: uniqueEmail('peer'), role: 'admin', baseUrl: BASE_URL } });
    expect((await invitationState(invitationId)).role).toBe('admin');
  });

  it("the outbox hides an owner invitation's body from an admin, and from the owner who sent it", async () => {
    const { owner, ownerCtx, adminCtx } = await workspaceWithAdmin();
    const { mail } = await inviteMember({ ctx: ownerCtx, input: { email: uniqueEmail('coowner'), role: 'owner', baseUrl: BASE_URL } });
    const stored = await mailById(db(), mail.id);
    expect(stored.sensitive).toBe(true);
    const token = inviteTokenFrom(stored.text);

    for (const ctx of [adminCtx, ownerCtx]) {
      const seen = await getOutboxMessage(ctx, mail.id);
      expect(seen.masked).toBe(true);
      expect(JSON.stringify(seen)).not.toContain(token);
      expect(seen.toAddress).toBe(stored.toAddress);
    }
    expect(owner.workspace.id).toBe(stored.workspaceId);
  });

  it('a sensitive mail to the viewer themself is shown; ordinary mail is shown to every admin', async () => {
    const { owner, admin, adminCtx } = await workspaceWithAdmin();
    const own = await sendMail(db(), { workspaceId: owner.workspace.id, kind: 'reset', sensitive: true, to: admin.email, subject: 's', html: '<p>/reset/abc</p>', text: '/reset/abc' });
    expect(await getOutboxMessage(adminCtx, own.id)).toMatchObject({ masked: false, text: '/reset/abc' });
    const plain = await sendMail(db(), { workspaceId: owner.workspace.id, kind: 'test', to: uniqueEmail('x'), subject: 's', html: '<p>hi</p>', text: 'hi' });
    expect(await getOutboxMessage(adminCtx, plain.id)).toMatchObject({ masked: false, text: 'hi' });
  });

  it('signing up with the invited address but without the token gives no membership', async () => {
    const { owner, ownerCtx } = await workspaceWithAdmin();
    const email = uniqueEmail('target');
    const { invitationId } = await inviteMember({ ctx: ownerCtx, input: { email, role: 'owner', baseUrl: BASE_URL } });
    const { user, slug } = await signUp(db(), { email, name: 'Squatter', password: TEST_PASSWORD, workspaceName: 'Mine' });
    expect(slug).not.toBe(owner.workspace.slug);
    expect(await findMembership(db(), user.id, owner.workspace.id)).toBeNull();
    expect((await invitationState(invitationId)).acceptedAt).toBeNull();
  });

  it('signing up with a token for another address creates nothing', async () => {
    const { ownerCtx } = await workspaceWithAdmin();
    const { mail } = await inviteMember({ ctx: ownerCtx, input: { email: uniqueEmail('real'), role: 'member', baseUrl: BASE_URL } });
    const token = inviteTokenFrom((await mailById(db(), mail.id)).text);
    const email = uniqueEmail('thief');
    await expectAppError(signUp(db(), { email, name: 'Thief', password: TEST_PASSWORD, inviteToken: token }), 'FORBIDDEN', 'invitationOtherEmail');
    expect(await db().select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it("demoting the inviter revokes the invitations above their new role; accept then fails", async () => {
    const { owner, admin, ownerCtx, adminCtx } = await workspaceWithAdmin();
    const email = uniqueEmail('pending');
    const { invitationId, mail } = await inviteMember({ ctx: adminCtx, input: { email, role: 'admin', baseUrl: BASE_URL } });
    const keep = await inviteMember({ ctx: adminCtx, input: { email: uniqueEmail('viewer'), role: 'viewer', baseUrl: BASE_URL } });
    await changeMemberRole({ ctx: ownerCtx, input: { userId: admin.id, role: 'member' } });
    expect((await invitationState(invitationId)).revokedAt).toBeInstanceOf(Date);
    // A member can no longer invite at all, so even the viewer invitation goes.
    expect((await invitationState(keep.invitationId)).revokedAt).toBeInstanceOf(Date);
    const invitee = await makeBareUser(db(), { email });
    await expectAppError(acceptInvitation(db(), { userId: invitee.id, token: inviteTokenFrom((await mailById(db(), mail.id)).text) }), 'VALIDATION', 'invitationInvalid');
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBeNull();
  });

  it('an owner demoted to admin keeps admin-level invitations but loses owner ones', async () => {
    const { owner } = await workspaceWithAdmin();
    const second = await addMember(db(), owner.workspace.id, 'owner');
    const secondCtx = await ctxFor(db(), second.id, owner.workspace.id);
    const ownerInv = await inviteMember({ ctx: secondCtx, input: { email: uniqueEmail('o'), role: 'owner', baseUrl: BASE_URL } });
    const adminInv = await inviteMember({ ctx: secondCtx, input: { email: uniqueEmail('a'), role: 'admin', baseUrl: BASE_URL } });
    await changeMemberRole({ ctx: await ctxFor(db(), owner.user.id, owner.workspace.id), input: { userId: second.id, role: 'admin' } });
    expect((await invitationState(ownerInv.invitationId)).revokedAt).toBeInstanceOf(Date);
    expect((await invitationState(adminInv.invitationId)).revokedAt).toBeNull();
  });

  it('removing the inviter revokes all their open invitations', async () => {
    const { ownerCtx, admin, adminCtx } = await workspaceWithAdmin();
    const inv = await inviteMember({ ctx: adminCtx, input: { email: uniqueEmail('r'), role: 'member', baseUrl: BASE_URL } });
    await removeMember({ ctx: ownerCtx, input: { userId: admin.id } });
    expect((await invitationState(inv.invitationId)).revokedAt).toBeInstanceOf(Date);
  });

  it("accept time checks the inviter's role then, whatever changed it", async () => {
    const { owner, admin, adminCtx } = await workspaceWithAdmin();
    const email = uniqueEmail('late');
    const { mail } = await inviteMember({ ctx: adminCtx, input: { email, role: 'admin', baseUrl: BASE_URL } });
    // A role change that bypasses the verbs (e.g. a manual fix in the database).
    await db().update(memberships).set({ role: 'member' }).where(and(eq(memberships.workspaceId, owner.workspace.id), eq(memberships.userId, admin.id)));
    const invitee = await makeBareUser(db(), { email });
    await expectAppError(acceptInvitation(db(), { userId: invitee.id, token: inviteTokenFrom((await mailById(db(), mail.id)).text) }), 'VALIDATION', 'invitationInvalid');
  });

  it('resending moves the invitation to the resender, whose role then counts', async () => {
    const { owner, admin, ownerCtx } = await workspaceWithAdmin();
    const email = uniqueEmail('re');
    const { invitationId } = await inviteMember({ ctx: ownerCtx, input: { email, role: 'admin', baseUrl: BASE_URL } });
    const { mail } = await resendInvitation({ ctx: await ctxFor(db(), admin.id, owner.workspace.id), input: { invitationId, baseUrl: BASE_URL } });
    expect((await invitationState(invitationId)).invitedById).toBe(admin.id);
    const invitee = await makeBareUser(db(), { email });
    await acceptInvitation(db(), { userId: invitee.id, token: inviteTokenFrom((await mailById(db(), mail.id)).text) });
    expect(await findMembership(db(), invitee.id, owner.workspace.id)).toBe('admin');
  });
});

describe('sessions and membership end at once', () => {
  it('removal from a workspace takes effect on the next request (membership is read per request)', async () => {
    const { owner, admin, ownerCtx } = await workspaceWithAdmin();
    await expect(resolveWorkspaceCtx(db(), { requestId: 'r', userId: admin.id, workspaceId: owner.workspace.id, minRole: 'viewer' })).resolves.toMatchObject({ role: 'admin' });
    await removeMember({ ctx: ownerCtx, input: { userId: admin.id } });
    await expectAppError(resolveWorkspaceCtx(db(), { requestId: 'r', userId: admin.id, workspaceId: owner.workspace.id, minRole: 'viewer' }), 'NOT_FOUND', 'workspaceNotFound');
  });

  it('ending all sessions bumps the version the cookie must match', async () => {
    const { user } = await makeUser(db());
    expect(user.sessionVersion).toBe(0);
    await endAllSessions(db(), user.id);
    await endAllSessions(db(), user.id);
    const [row] = await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    expect(row.v).toBe(2);
  });
});

describe('a password change ends every session', () => {
  it('bumps the session version with the new hash; a wrong current password changes nothing', async () => {
    const { user, password } = await makeUser(db());
    await expectAppError(changePassword(db(), { userId: user.id, currentPassword: 'not it at all', newPassword: 'fresh-long-passphrase-42' }), 'VALIDATION', 'currentPasswordWrong');
    await changePassword(db(), { userId: user.id, currentPassword: password, newPassword: 'fresh-long-passphrase-42' });
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await verifyPassword(row.passwordHash, 'fresh-long-passphrase-42')).toBe(true);
    expect(await verifyPassword(row.passwordHash, password)).toBe(false);
  });
});

describe('no account discovery', () => {
  it("sign-up with an existing address creates nothing; the owner gets a mail through their workspace", async () => {
    const { user, workspace } = await makeUser(db());
    await expectAppError(signUp(db(), { email: user.email, name: 'Probe', password: TEST_PASSWORD, workspaceName: 'Probe' }), 'CONFLICT', 'signUpUnavailable');
    await notifyExistingAccount(db(), { email: user.email.toUpperCase(), baseUrl: BASE_URL });
    const mails = await db().select().from(mailMessages).where(and(eq(mailMessages.workspaceId, workspace.id), eq(mailMessages.kind, 'account-exists')));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: user.email, sensitive: false });
    expect(mails[0].text).toContain(`${BASE_URL}/sign-in?email=`);
  });

  it('an address without any account gets no mail and no error', async () => {
    await expect(notifyExistingAccount(db(), { email: uniqueEmail('none'), baseUrl: BASE_URL })).resolves.toBeUndefined();
  });
});

describe('control characters never reach the database or the logs', () => {
  it('a NUL in the sign-up name is refused at the edge', () => {
    const r = signUpSchema.safeParse({ name: 'Ada\u0000', email: uniqueEmail('nul'), password: TEST_PASSWORD, workspaceName: 'W' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['name', 'validation.controlChars']);
  });

  it('a failed insert is logged without its parameters (no password hash, no input)', async () => {
    // Past the edge (as a bug elsewhere might): the database refuses the NUL.
    const secret = `hash-${Date.now()}`;
    let caught: unknown;
    try {
      await db().insert(users).values({ email: uniqueEmail('nul'), name: 'bad\u0000name', passwordHash: `$argon2id$${secret}` });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    // What console.error(error) printed before: the parameters, hash included.
    expect((caught as Error).message).toContain(secret);
    const loggable = loggableError(caught);
    const logged = JSON.stringify(loggable);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain('bad');
    expect(loggable.query).toMatch(/^insert into "users"/);
    expect(loggable.cause?.code).toBe('22021');
  });
});
