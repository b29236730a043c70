import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { User } from '@/lib/db/schema';
import { auditLog, campaigns, contacts, listMembers } from '@/lib/db/schema';
import { createList, addListMembers } from '@/lib/contacts/lists';
import { createCampaign } from '@/lib/campaigns/manage';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { snapshotContacts } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser, type MadeUser } from './support/factories';

// The real actions, schema, workspace resolver and verbs; only "who is signed in" (a cookie in the
// browser) and "which database" are supplied by the test.
const signedIn = vi.hoisted(() => ({ user: null as User | null, db: null as unknown }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => signedIn.user }));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  getDb: () => signedIn.db,
}));

const { createContactAction, deleteContactAction, deleteContactsAction, updateContactAction } = await import('@/lib/actions/contacts');
const { deleteCampaignAction } = await import('@/lib/actions/campaigns');

const db = setupTestDb();
let owner: MadeUser;
let viewer: User;
let member: User;
let stranger: MadeUser;

beforeAll(async () => {
  signedIn.db = db();
  owner = await makeUser(db(), { workspaceName: 'Manage' });
  viewer = await addMember(db(), owner.workspace.id, 'viewer');
  member = await addMember(db(), owner.workspace.id, 'member');
  stranger = await makeUser(db(), { workspaceName: 'Other tenant' });
});

const as = (user: User) => {
  signedIn.user = user;
};
const ws = () => owner.workspace.id;
const audit = async (action: string) =>
  db().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws()), eq(auditLog.action, action)));
const contactRow = async (id: string) => (await db().select().from(contacts).where(eq(contacts.id, id)))[0];

async function addContact(email: string, extra: Record<string, unknown> = {}) {
  as(member);
  const r = await createContactAction({ workspaceId: ws(), email, ...extra } as never);
  expect(r?.serverError ?? r?.validationErrors).toBeUndefined();
  return r!.data!.id;
}

describe('add a contact by hand', () => {
  it('a member adds one with names, status, typed tags and attributes; one audit row', async () => {
    as(member);
    const r = await createContactAction({
      workspaceId: ws(),
      email: '  Nieuw@Example.TEST ',
      firstName: 'Nina',
      lastName: '',
      status: 'unsubscribed',
      tags: 'VIP, klant, vip',
      attributes: { city: 'Utrecht' },
    } as never);
    const row = await contactRow(r!.data!.id);
    expect(row).toMatchObject({
      workspaceId: ws(),
      email: 'nieuw@example.test',
      firstName: 'Nina',
      lastName: null,
      status: 'unsubscribed',
      tags: ['vip', 'klant'],
      attributes: { city: 'Utrecht' },
    });
    expect(await audit('contact.created')).toEqual([expect.objectContaining({ target: row.id, actorUserId: member.id })]);
  });

  it('bad input leaves nothing: invalid email, markup, a bad tag, a bad attribute name, an existing address', async () => {
    const before = await snapshotContacts(db(), ws());
    as(member);
    const bad = [
      { email: 'not-an-address' },
      { email: 'ok@example.test', firstName: '<b>x</b>' },
      { email: 'ok@example.test', tags: 'fine, <script>' },
      { email: 'ok@example.test', attributes: { '1city': 'x' } },
      { email: 'ok@example.test', status: 'vip' },
    ];
    for (const input of bad) {
      const r = await createContactAction({ workspaceId: ws(), ...input } as never);
      expect(r?.validationErrors, JSON.stringify(input)).toBeDefined();
    }
    await addContact('dupe@example.test');
    const mid = await snapshotContacts(db(), ws());
    const r = await createContactAction({ workspaceId: ws(), email: 'DUPE@example.test' } as never);
    expect(r?.serverError).toMatchObject({ code: 'CONFLICT', messageKey: 'contactExists' });
    expect(await snapshotContacts(db(), ws())).toEqual(mid);
    expect(mid.contacts.length).toBe(before.contacts.length + 1);
  });

  it('a viewer and a stranger cannot add', async () => {
    const before = await snapshotContacts(db(), ws());
    as(viewer);
    expect((await createContactAction({ workspaceId: ws(), email: 'v@example.test' } as never))?.serverError).toMatchObject({ code: 'FORBIDDEN' });
    as(stranger.user);
    expect((await createContactAction({ workspaceId: ws(), email: 's@example.test' } as never))?.serverError).toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshotContacts(db(), ws())).toEqual(before);
  });
});

describe('edit a contact', () => {
  it('changes email, names and the attribute set; audit names the fields', async () => {
    const id = await addContact('edit-me@example.test', { firstName: 'Old', attributes: { plan: 'free', city: 'Gouda' } });
    as(member);
    const r = await updateContactAction({ workspaceId: ws(), contactId: id, email: 'Edited@Example.test', firstName: 'New', lastName: 'Name', attributes: { plan: 'pro' } } as never);
    expect(r?.data).toEqual({ id, email: 'edited@example.test' });
    expect(await contactRow(id)).toMatchObject({ email: 'edited@example.test', firstName: 'New', lastName: 'Name', attributes: { plan: 'pro' } });
    const rows = await audit('contact.updated');
    expect(rows.at(-1)).toMatchObject({ target: id, data: { fields: ['email', 'firstName', 'lastName', 'attributes'] } });
  });

  it('a viewer, another tenant and bad input change nothing', async () => {
    const id = await addContact('keep-me@example.test', { firstName: 'Keep' });
    const before = await contactRow(id);
    as(viewer);
    expect((await updateContactAction({ workspaceId: ws(), contactId: id, firstName: 'X' } as never))?.serverError).toMatchObject({ code: 'FORBIDDEN' });
    as(stranger.user);
    // Their own workspace id with our contact id: the contact is not theirs.
    expect((await updateContactAction({ workspaceId: stranger.workspace.id, contactId: id, firstName: 'X' } as never))?.serverError).toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'contactNotFound',
    });
    as(member);
    expect((await updateContactAction({ workspaceId: ws(), contactId: id, email: 'nope' } as never))?.validationErrors).toBeDefined();
    expect(await contactRow(id)).toEqual(before);
  });
});

describe('delete contacts', () => {
  it('deletes one contact with its list memberships; the audit row keeps no address', async () => {
    const id = await addContact('single@example.test');
    const ctx = await ctxFor(db(), owner.user.id, ws());
    const list = await createList({ ctx, input: { name: 'Deletable' } });
    await addListMembers({ ctx, input: { listId: list.id, contactIds: [id] } });
    as(member);
    const r = await deleteContactAction({ workspaceId: ws(), contactId: id } as never);
    expect(r?.serverError).toBeUndefined();
    expect(await contactRow(id)).toBeUndefined();
    expect(await db().select().from(listMembers).where(eq(listMembers.contactId, id))).toEqual([]);
    const [row] = (await audit('contact.deleted')).filter((a) => a.target === id);
    expect(JSON.stringify(row)).not.toContain('single@example.test');
  });

  it('bulk delete removes exactly the selection, all or nothing', async () => {
    const ids = [await addContact('b1@example.test'), await addContact('b2@example.test'), await addContact('b3@example.test')];
    const theirs = await (async () => {
      as(stranger.user);
      const r = await createContactAction({ workspaceId: stranger.workspace.id, email: 'theirs@example.test' } as never);
      return r!.data!.id;
    })();
    const before = await snapshotContacts(db(), ws());
    as(member);
    // One id of another workspace: nothing at all is deleted, here or there.
    const mixed = await deleteContactsAction({ workspaceId: ws(), contactIds: [ids[0], theirs] } as never);
    expect(mixed?.serverError).toMatchObject({ code: 'NOT_FOUND', messageKey: 'contactNotFound' });
    expect(await snapshotContacts(db(), ws())).toEqual(before);
    expect(await contactRow(theirs)).toBeDefined();
    expect((await deleteContactsAction({ workspaceId: ws(), contactIds: [] } as never))?.validationErrors).toBeDefined();
    expect((await deleteContactsAction({ workspaceId: ws(), contactIds: ['not-a-uuid'] } as never))?.validationErrors).toBeDefined();

    const r = await deleteContactsAction({ workspaceId: ws(), contactIds: [ids[0], ids[1], ids[0]] } as never);
    expect(r?.data).toEqual({ deleted: 2 });
    expect(await contactRow(ids[0])).toBeUndefined();
    expect(await contactRow(ids[1])).toBeUndefined();
    expect(await contactRow(ids[2])).toBeDefined();
    expect((await audit('contacts.deleted')).at(-1)).toMatchObject({ actorUserId: member.id, data: { contacts: 2 } });
  });

  it('a viewer and a stranger cannot delete', async () => {
    const id = await addContact('stays@example.test');
    as(viewer);
    expect((await deleteContactAction({ workspaceId: ws(), contactId: id } as never))?.serverError).toMatchObject({ code: 'FORBIDDEN' });
    expect((await deleteContactsAction({ workspaceId: ws(), contactIds: [id] } as never))?.serverError).toMatchObject({ code: 'FORBIDDEN' });
    as(stranger.user);
    expect((await deleteContactAction({ workspaceId: stranger.workspace.id, contactId: id } as never))?.serverError).toMatchObject({ code: 'NOT_FOUND' });
    expect((await deleteContactsAction({ workspaceId: stranger.workspace.id, contactIds: [id] } as never))?.serverError).toMatchObject({ code: 'NOT_FOUND' });
    expect(await contactRow(id)).toBeDefined();
  });
});

describe('delete a draft campaign', () => {
  const draft = (name: string) => ({
    name,
    category: 'newsletter' as const,
    audienceKind: 'b2c' as const,
    subject: 'Hi',
    previewText: '',
    blocks: [{ type: 'text' as const, text: 'Hello' }],
    audience: { type: 'all' as const },
  });

  it('a member deletes a draft (and lands on the list); scheduled ones, viewers and strangers are refused', async () => {
    const ctx = await ctxFor(db(), owner.user.id, ws());
    const d = await createCampaign({ ctx, input: draft('Draft to delete') });
    const s = await createCampaign({ ctx, input: draft('Scheduled') });
    await scheduleCampaign({ ctx, input: { campaignId: s.id, sendAt: new Date(Date.now() + 86_400_000).toISOString() } });
    const exists = async (id: string) => (await db().select().from(campaigns).where(eq(campaigns.id, id))).length === 1;

    as(viewer);
    expect((await deleteCampaignAction({ workspaceId: ws(), campaignId: d.id, slug: owner.workspace.slug } as never))?.serverError).toMatchObject({ code: 'FORBIDDEN' });
    as(stranger.user);
    expect((await deleteCampaignAction({ workspaceId: stranger.workspace.id, campaignId: d.id, slug: 'x' } as never))?.serverError).toMatchObject({ code: 'NOT_FOUND' });
    as(member);
    expect((await deleteCampaignAction({ workspaceId: ws(), campaignId: s.id, slug: owner.workspace.slug } as never))?.serverError).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'campaignNotDraft',
    });
    expect(await exists(d.id)).toBe(true);
    expect(await exists(s.id)).toBe(true);

    // Success ends in a redirect to the campaign list, which Next turns into a navigation.
    const done = await deleteCampaignAction({ workspaceId: ws(), campaignId: d.id, slug: owner.workspace.slug } as never).catch((e: { digest?: string }) => e.digest);
    expect(String(done)).toContain(`/w/${owner.workspace.slug}/campaigns`);
    expect(await exists(d.id)).toBe(false);
    expect(await audit('campaign.deleted')).toEqual([expect.objectContaining({ target: d.id, actorUserId: member.id })]);
  });
});
