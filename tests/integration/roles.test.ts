import { beforeAll, describe, expect, it } from 'vitest';
import { inviteMember, resendInvitation, revokeInvitation } from '@/lib/members/invite';
import { changeMemberRole, removeMember } from '@/lib/members/manage';
import { defaultBenchmarks } from '@/lib/metrics/benchmarks';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { deleteWorkspace } from '@/lib/workspaces/delete';
import { sendTestEmail, updateSending } from '@/lib/workspaces/sending';
import { resetBenchmarks, updateBenchmarks, updateLinks, updateProfile } from '@/lib/workspaces/update';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, BASE_URL, ctxFor, makeUser, uniqueEmail } from './support/factories';
import { snapshotWorkspace } from './support/snapshot';

const db = setupTestDb();

/** One workspace, fully furnished so that every verb would have something to change. */
interface Fixture {
  workspaceId: string;
  workspaceName: string;
  ownerId: string;
  victimId: string;
  invitationId: string;
  ctx: Record<'viewer' | 'member', WorkspaceCtx>;
}
let f: Fixture;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  const owner = await makeUser(db());
  const workspaceId = owner.workspace.id;
  const ownerCtx = await ctxFor(db(), owner.user.id, workspaceId);
  const custom = defaultBenchmarks('ecommerce');
  custom.controlGroupPct = 25;
  await updateBenchmarks({ ctx: ownerCtx, input: { benchmarks: custom } });
  await updateSending({
    ctx: ownerCtx,
    input: { fromName: 'Owner', fromEmail: 'owner@example.test', smtpHost: null, smtpSecure: false, smtpPassword: 'owner-secret' },
  });
  const { invitationId } = await inviteMember({ ctx: ownerCtx, input: { email: uniqueEmail('pending'), role: 'member', baseUrl: BASE_URL } });
  const viewer = await addMember(db(), workspaceId, 'viewer');
  const member = await addMember(db(), workspaceId, 'member');
  const victim = await addMember(db(), workspaceId, 'member');
  f = {
    workspaceId,
    workspaceName: owner.workspace.name,
    ownerId: owner.user.id,
    victimId: victim.id,
    invitationId,
    ctx: {
      viewer: await ctxFor(db(), viewer.id, workspaceId),
      member: await ctxFor(db(), member.id, workspaceId),
    },
  };
});

type Verb = [name: string, messageKey: string, call: (ctx: WorkspaceCtx) => Promise<unknown>];

const verbs: Verb[] = [
  ['updateProfile', 'adminOnly', (ctx) => updateProfile({ ctx, input: { name: 'Taken over', industry: 'saas', timezone: 'UTC', locale: 'nl' } })],
  ['updateLinks', 'adminOnly', (ctx) => updateLinks({ ctx, input: { reviewUrl: 'https://evil.example/review', referralUrl: null } })],
  ['updateBenchmarks', 'adminOnly', (ctx) => updateBenchmarks({ ctx, input: { benchmarks: { ...defaultBenchmarks('saas'), controlGroupPct: 50 } } })],
  ['resetBenchmarks', 'adminOnly', (ctx) => resetBenchmarks({ ctx })],
  [
    'updateSending',
    'adminOnly',
    (ctx) => updateSending({ ctx, input: { smtpHost: 'smtp.evil.example', smtpPort: 25, smtpSecure: false, clearPassword: true } }),
  ],
  ['sendTestEmail', 'adminOnly', (ctx) => sendTestEmail({ ctx, input: { to: 'attacker@example.test' } })],
  ['deleteWorkspace (right name)', 'ownerOnly', (ctx) => deleteWorkspace({ ctx, input: { confirmName: f.workspaceName } })],
  ['inviteMember', 'adminOnly', (ctx) => inviteMember({ ctx, input: { email: uniqueEmail('sneaky'), role: 'viewer', baseUrl: BASE_URL } })],
  ['inviteMember (as owner)', 'adminOnly', (ctx) => inviteMember({ ctx, input: { email: uniqueEmail('sneaky'), role: 'owner', baseUrl: BASE_URL } })],
  ['resendInvitation', 'adminOnly', (ctx) => resendInvitation({ ctx, input: { invitationId: f.invitationId, baseUrl: BASE_URL } })],
  ['revokeInvitation', 'adminOnly', (ctx) => revokeInvitation({ ctx, input: { invitationId: f.invitationId } })],
  ['changeMemberRole of someone else', 'adminOnly', (ctx) => changeMemberRole({ ctx, input: { userId: f.victimId, role: 'viewer' } })],
  ['changeMemberRole of the owner', 'adminOnly', (ctx) => changeMemberRole({ ctx, input: { userId: f.ownerId, role: 'viewer' } })],
  ['changeMemberRole of self to admin', 'adminOnly', (ctx) => changeMemberRole({ ctx, input: { userId: ctx.userId, role: 'admin' } })],
  ['removeMember of someone else', 'adminOnly', (ctx) => removeMember({ ctx, input: { userId: f.victimId } })],
  ['removeMember of the owner', 'adminOnly', (ctx) => removeMember({ ctx, input: { userId: f.ownerId } })],
];

describe.each(['viewer', 'member'] as const)('as a %s', (role) => {
  it('the context carries the role read from the database', () => {
    expect(f.ctx[role].role).toBe(role);
  });

  it.each(verbs)('%s is FORBIDDEN (%s) and changes nothing', async (_name, messageKey, call) => {
    const before = await snapshotWorkspace(db(), f.workspaceId);
    expect(before.workspace).not.toBeNull();
    await expectAppError(call(f.ctx[role]), 'FORBIDDEN', messageKey);
    expect(await snapshotWorkspace(db(), f.workspaceId)).toEqual(before);
  });
});

describe('the same verbs are not refused for an admin (the table above can fail)', () => {
  it('an admin passes the role check for updateLinks and the workspace changes', async () => {
    const admin = await addMember(db(), f.workspaceId, 'admin');
    const ctx = await ctxFor(db(), admin.id, f.workspaceId);
    const before = await snapshotWorkspace(db(), f.workspaceId);
    await updateLinks({ ctx, input: { reviewUrl: 'https://example.test/review', referralUrl: null } });
    const after = await snapshotWorkspace(db(), f.workspaceId);
    expect(after).not.toEqual(before);
    expect(after.workspace?.reviewUrl).toBe('https://example.test/review');
  });
});
