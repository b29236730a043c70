import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '@/lib/db/schema';
import { workspaceProfileSchema } from '@/lib/db/schema/workspaces/validation';
import { listMembers, listOpenInvitations } from '@/lib/members/list';
import { inviteMember, resendInvitation, revokeInvitation } from '@/lib/members/invite';
import { changeMemberRole, removeMember } from '@/lib/members/manage';
import { findMembership, findWorkspaceForUser, listWorkspacesForUser, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { updateProfile } from '@/lib/workspaces/update';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, BASE_URL, ctxFor, makeUser, uniqueEmail, type MadeUser } from './support/factories';
import { snapshotWorkspace } from './support/snapshot';

const db = setupTestDb();

let a: MadeUser;
let b: MadeUser;
let aCtx: WorkspaceCtx;
let bInvitationId: string;
let bMemberId: string;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  a = await makeUser(db(), { workspaceName: 'Tenant A' });
  b = await makeUser(db(), { workspaceName: 'Tenant B' });
  aCtx = await ctxFor(db(), a.user.id, a.workspace.id);
  const bCtx = await ctxFor(db(), b.user.id, b.workspace.id);
  bMemberId = (await addMember(db(), b.workspace.id, 'member')).id;
  ({ invitationId: bInvitationId } = await inviteMember({ ctx: bCtx, input: { email: uniqueEmail('b-invitee'), role: 'admin', baseUrl: BASE_URL } }));
});

describe("A's owner acting on B's rows", () => {
  it.each([
    ["changeMemberRole on B's owner", 'memberNotFound', () => changeMemberRole({ ctx: aCtx, input: { userId: b.user.id, role: 'viewer' } })],
    ["changeMemberRole on B's member", 'memberNotFound', () => changeMemberRole({ ctx: aCtx, input: { userId: bMemberId, role: 'admin' } })],
    ["removeMember on B's owner", 'memberNotFound', () => removeMember({ ctx: aCtx, input: { userId: b.user.id } })],
    ["removeMember on B's member", 'memberNotFound', () => removeMember({ ctx: aCtx, input: { userId: bMemberId } })],
    ["resendInvitation on B's invitation", 'invitationNotFound', () => resendInvitation({ ctx: aCtx, input: { invitationId: bInvitationId, baseUrl: BASE_URL } })],
    ["revokeInvitation on B's invitation", 'invitationNotFound', () => revokeInvitation({ ctx: aCtx, input: { invitationId: bInvitationId } })],
  ] as const)('%s is NOT_FOUND (%s) and B is unchanged', async (_name, messageKey, call) => {
    const beforeB = await snapshotWorkspace(db(), b.workspace.id);
    const beforeA = await snapshotWorkspace(db(), a.workspace.id);
    await expectAppError(call(), 'NOT_FOUND', messageKey);
    expect(await snapshotWorkspace(db(), b.workspace.id)).toEqual(beforeB);
    expect(await snapshotWorkspace(db(), a.workspace.id)).toEqual(beforeA);
  });

  it("A's owner neither finds B by slug nor has a membership in it", async () => {
    expect(await findWorkspaceForUser(db(), a.user.id, b.workspace.slug)).toBeNull();
    expect(await findMembership(db(), a.user.id, b.workspace.id)).toBeNull();
    // Controls: the same lookups do work for each owner's own workspace.
    expect((await findWorkspaceForUser(db(), a.user.id, a.workspace.slug))?.workspace.id).toBe(a.workspace.id);
    expect(await findMembership(db(), b.user.id, b.workspace.id)).toBe('owner');
    expect((await listWorkspacesForUser(db(), a.user.id)).map((w) => w.id)).toEqual([a.workspace.id]);
  });

  it("A's lists show none of B's members or invitations", async () => {
    const members = await listMembers(aCtx);
    expect(members.map((m) => m.userId)).toEqual([a.user.id]);
    const invites = await listOpenInvitations(aCtx);
    expect(invites.map((i) => i.id)).not.toContain(bInvitationId);
  });
});

describe('the workspace comes from the server-resolved context only', () => {
  it("updateProfile with A's ctx changes A and only A, even with B's ids smuggled into the input", async () => {
    const beforeB = await snapshotWorkspace(db(), b.workspace.id);
    // What a hostile client could post; the action's schema strips unknown keys before the verb runs.
    const input = workspaceProfileSchema.parse({
      name: 'A renamed',
      industry: 'media',
      timezone: 'UTC',
      locale: 'nl',
      workspaceId: b.workspace.id,
      id: b.workspace.id,
      slug: b.workspace.slug,
      isDemo: true,
    });
    expect(Object.keys(input).sort()).toEqual(['industry', 'locale', 'name', 'timezone']);

    await updateProfile({ ctx: aCtx, input });

    const aRow = await getWorkspace(aCtx);
    expect(aRow).toMatchObject({ id: a.workspace.id, slug: a.workspace.slug, name: 'A renamed', industry: 'media', timezone: 'UTC', locale: 'nl', isDemo: false });
    expect(await snapshotWorkspace(db(), b.workspace.id)).toEqual(beforeB);
    const [bRow] = await db().select().from(workspaces).where(eq(workspaces.id, b.workspace.id));
    expect(bRow.name).toBe('Tenant B');
  });

  it("a ctx pointed at B by hand is still refused unless the DB says the user is a member there", async () => {
    // ctxFor reads the role from memberships, exactly like workspaceAction does; there is none for A in B.
    await expect(ctxFor(db(), a.user.id, b.workspace.id)).rejects.toThrow(/not a member/);
  });
});
