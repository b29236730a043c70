import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contacts } from '@/lib/db/schema';
import { contactFilterSchema } from '@/lib/db/schema/contacts/validation';
import { getContactInWorkspace } from '@/lib/contacts/guards';
import { addListMembers, createList, deleteList, listLists, removeListMembers, renameList } from '@/lib/contacts/lists';
import { addTags, createContact, deleteContact, removeTags, setContactStatus, updateContact } from '@/lib/contacts/manage';
import { countContacts, getContact, listContacts } from '@/lib/contacts/query';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { makeContact, snapshotContacts } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser, type MadeUser } from './support/factories';

const db = setupTestDb();

async function workspace(name: string): Promise<{ owner: MadeUser; ctx: WorkspaceCtx }> {
  const owner = await makeUser(db(), { workspaceName: name });
  return { owner, ctx: await ctxFor(db(), owner.user.id, owner.workspace.id) };
}

async function auditRows(workspaceId: string, action: string) {
  return db().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));
}

describe('contact CRUD', () => {
  it('creates with a lower-cased email and an audit row; the same address in other case conflicts', async () => {
    const { owner, ctx } = await workspace('Crud');
    const c = await createContact({ ctx, input: { email: 'Anna.de.Vries@Example.NL', firstName: 'Anna', tags: ['vip'], attributes: { city: 'Utrecht' } } });
    expect(c).toMatchObject({
      workspaceId: owner.workspace.id,
      email: 'anna.de.vries@example.nl',
      firstName: 'Anna',
      lastName: null,
      status: 'subscribed',
      tags: ['vip'],
      attributes: { city: 'Utrecht' },
    });
    expect(c.joinedAt).toBeInstanceOf(Date);
    expect(await auditRows(owner.workspace.id, 'contact.created')).toMatchObject([{ target: c.id, actorUserId: owner.user.id }]);
    await expectAppError(createContact({ ctx, input: { email: 'ANNA.de.vries@example.nl' } }), 'CONFLICT', 'contactExists');
  });

  it('updates only the given fields; taking another contact’s email conflicts and changes nothing', async () => {
    const { owner, ctx } = await workspace('Update');
    const a = await createContact({ ctx, input: { email: 'a@example.test', firstName: 'A', lastName: 'Alpha' } });
    const b = await createContact({ ctx, input: { email: 'b@example.test' } });
    const updated = await updateContact({ ctx, input: { contactId: a.id, firstName: 'Ada', attributes: { plan: 'pro' } } });
    expect(updated).toMatchObject({ firstName: 'Ada', lastName: 'Alpha', attributes: { plan: 'pro' }, email: 'a@example.test' });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(a.updatedAt.getTime());
    const [audit] = await auditRows(owner.workspace.id, 'contact.updated');
    expect(audit.data).toEqual({ fields: ['firstName', 'attributes'] });

    await expectAppError(updateContact({ ctx, input: { contactId: b.id, email: 'A@example.test' } }), 'CONFLICT', 'contactExists');
    expect((await getContactInWorkspace(db(), ctx, b.id)).email).toBe('b@example.test');
  });

  it('sets the status with from/to in the audit row', async () => {
    const { owner, ctx } = await workspace('Status');
    const c = await createContact({ ctx, input: { email: 'status@example.test' } });
    expect((await setContactStatus({ ctx, input: { contactId: c.id, status: 'unsubscribed' } })).status).toBe('unsubscribed');
    expect((await auditRows(owner.workspace.id, 'contact.status.changed'))[0].data).toEqual({ from: 'subscribed', to: 'unsubscribed' });
  });

  it('adds tags after the existing ones without duplicates and removes them in bulk', async () => {
    const { ctx } = await workspace('Tags');
    const a = await createContact({ ctx, input: { email: 'ta@example.test', tags: ['b', 'a'] } });
    const b = await createContact({ ctx, input: { email: 'tb@example.test' } });
    expect(await addTags({ ctx, input: { contactIds: [a.id, b.id], tags: ['a', 'c', 'c'] } })).toEqual({ updated: 2 });
    expect((await getContactInWorkspace(db(), ctx, a.id)).tags).toEqual(['b', 'a', 'c']);
    expect((await getContactInWorkspace(db(), ctx, b.id)).tags).toEqual(['a', 'c']);
    await removeTags({ ctx, input: { contactIds: [a.id, b.id], tags: ['a', 'x'] } });
    expect((await getContactInWorkspace(db(), ctx, a.id)).tags).toEqual(['b', 'c']);
    expect((await getContactInWorkspace(db(), ctx, b.id)).tags).toEqual(['c']);
  });

  it('deletes a contact, its list memberships with it', async () => {
    const { owner, ctx } = await workspace('Delete');
    const c = await createContact({ ctx, input: { email: 'gone@example.test' } });
    const list = await createList({ ctx, input: { name: 'Newsletter' } });
    await addListMembers({ ctx, input: { listId: list.id, contactIds: [c.id] } });
    await deleteContact({ ctx, input: { contactId: c.id } });
    await expectAppError(getContact({ ctx, input: { contactId: c.id } }), 'NOT_FOUND', 'contactNotFound');
    expect((await listLists(ctx))[0].members).toBe(0);
    expect(await auditRows(owner.workspace.id, 'contact.deleted')).toMatchObject([{ target: c.id, data: null }]);
    await expectAppError(deleteContact({ ctx, input: { contactId: c.id } }), 'NOT_FOUND', 'contactNotFound');
  });
});

describe('lists', () => {
  it('create, rename, members in and out, delete (contacts stay)', async () => {
    const { ctx } = await workspace('Lists');
    const list = await createList({ ctx, input: { name: 'Klanten' } });
    await expectAppError(createList({ ctx, input: { name: 'Klanten' } }), 'CONFLICT', 'listExists');
    const other = await createList({ ctx, input: { name: 'Prospects' } });
    await expectAppError(renameList({ ctx, input: { listId: other.id, name: 'Klanten' } }), 'CONFLICT', 'listExists');
    expect((await renameList({ ctx, input: { listId: list.id, name: 'Customers' } })).name).toBe('Customers');

    const a = await createContact({ ctx, input: { email: 'la@example.test' } });
    const b = await createContact({ ctx, input: { email: 'lb@example.test' } });
    expect(await addListMembers({ ctx, input: { listId: list.id, contactIds: [a.id, b.id] } })).toEqual({ added: 2 });
    expect(await addListMembers({ ctx, input: { listId: list.id, contactIds: [a.id] } })).toEqual({ added: 0 });
    expect((await listContacts(ctx, { listId: list.id })).items.map((c) => c.email).sort()).toEqual(['la@example.test', 'lb@example.test']);
    expect(await removeListMembers({ ctx, input: { listId: list.id, contactIds: [a.id] } })).toEqual({ removed: 1 });
    expect((await listLists(ctx)).map((l) => [l.name, l.members])).toEqual([
      ['Customers', 1],
      ['Prospects', 0],
    ]);
    await deleteList({ ctx, input: { listId: list.id } });
    expect(await countContacts(ctx)).toBe(2);
    await expectAppError(listContacts(ctx, { listId: list.id }), 'NOT_FOUND', 'listNotFound');
  });
});

describe('listContacts', () => {
  let ctx: WorkspaceCtx;
  beforeAll(async () => {
    ({ ctx } = await workspace('Search'));
    await createContact({ ctx, input: { email: 'jan.jansen@example.nl', firstName: 'Jan', lastName: 'Jansen', tags: ['vip'] } });
    await createContact({ ctx, input: { email: 'piet_de_boer@example.nl', firstName: 'Piet', lastName: 'de Boer', status: 'bounced' } });
    await createContact({ ctx, input: { email: 'klaas@example.nl', firstName: '100% Klaas', tags: ['vip', 'b2b'] } });
    await createContact({ ctx, input: { email: 'pietje@example.nl' } });
  });
  const emails = async (input: Parameters<typeof listContacts>[1]) => (await listContacts(ctx, input)).items.map((c) => c.email).sort();

  it('searches email, first, last and full name case-insensitively', async () => {
    expect(await emails({ q: 'JANSEN' })).toEqual(['jan.jansen@example.nl']);
    expect(await emails({ q: 'jan jansen' })).toEqual(['jan.jansen@example.nl']);
    expect(await emails({ q: 'piet' })).toEqual(['piet_de_boer@example.nl', 'pietje@example.nl']);
    expect(await emails({ q: 'de boer' })).toEqual(['piet_de_boer@example.nl']);
  });

  it('takes % and _ in the search literally', async () => {
    expect(await emails({ q: '%' })).toEqual(['klaas@example.nl']);
    expect(await emails({ q: '_' })).toEqual(['piet_de_boer@example.nl']);
    expect(await emails({ q: 'piet_' })).toEqual(['piet_de_boer@example.nl']);
  });

  it('filters by status and tag, combined with search', async () => {
    expect(await emails({ status: 'bounced' })).toEqual(['piet_de_boer@example.nl']);
    expect(await emails({ tag: 'vip' })).toEqual(['jan.jansen@example.nl', 'klaas@example.nl']);
    expect(await emails({ tag: 'vip', q: 'klaas' })).toEqual(['klaas@example.nl']);
    // What an action passes on: the shared schema lower-cases tags like it does when storing them.
    expect(await countContacts(ctx, contactFilterSchema.parse({ tag: ' VIP ' }))).toBe(2);
  });

  it('pages newest first with a cursor, exactly once each, also when created_at ties', async () => {
    const { owner, ctx: pctx } = await workspace('Paging');
    // One statement: every row gets the same created_at (transaction time), so only the id orders them.
    await db()
      .insert(contacts)
      .values(Array.from({ length: 23 }, (_, i) => ({ workspaceId: owner.workspace.id, email: `p${i}@example.test` })));
    await makeContact(db(), owner.workspace.id, { email: 'newest@example.test', createdAt: new Date(Date.now() + 60_000) });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listContacts(pctx, { limit: 5, cursor });
      seen.push(...page.items.map((c) => c.email));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen[0]).toBe('newest@example.test');
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    await expectAppError(listContacts(pctx, { cursor: 'not-a-cursor' }), 'VALIDATION', 'invalidCursor');
  });
});

describe('roles', () => {
  it('a viewer reads but every write is FORBIDDEN and changes nothing', async () => {
    const { owner, ctx } = await workspace('Roles');
    const c = await createContact({ ctx, input: { email: 'r@example.test' } });
    const list = await createList({ ctx, input: { name: 'L' } });
    const viewer = await addMember(db(), owner.workspace.id, 'viewer');
    const vctx = await ctxFor(db(), viewer.id, owner.workspace.id);

    expect((await listContacts(vctx)).items.map((x) => x.id)).toEqual([c.id]);
    expect((await getContact({ ctx: vctx, input: { contactId: c.id } })).id).toBe(c.id);
    expect(await countContacts(vctx)).toBe(1);
    expect(await listLists(vctx)).toHaveLength(1);

    const before = await snapshotContacts(db(), owner.workspace.id);
    const writes = [
      () => createContact({ ctx: vctx, input: { email: 'new@example.test' } }),
      () => updateContact({ ctx: vctx, input: { contactId: c.id, firstName: 'X' } }),
      () => deleteContact({ ctx: vctx, input: { contactId: c.id } }),
      () => setContactStatus({ ctx: vctx, input: { contactId: c.id, status: 'unsubscribed' } }),
      () => addTags({ ctx: vctx, input: { contactIds: [c.id], tags: ['x'] } }),
      () => removeTags({ ctx: vctx, input: { contactIds: [c.id], tags: ['x'] } }),
      () => createList({ ctx: vctx, input: { name: 'M' } }),
      () => renameList({ ctx: vctx, input: { listId: list.id, name: 'M' } }),
      () => deleteList({ ctx: vctx, input: { listId: list.id } }),
      () => addListMembers({ ctx: vctx, input: { listId: list.id, contactIds: [c.id] } }),
      () => removeListMembers({ ctx: vctx, input: { listId: list.id, contactIds: [c.id] } }),
    ];
    for (const write of writes) await expectAppError(write(), 'FORBIDDEN', 'readOnly');
    expect(await snapshotContacts(db(), owner.workspace.id)).toEqual(before);

    const member = await addMember(db(), owner.workspace.id, 'member');
    const mctx = await ctxFor(db(), member.id, owner.workspace.id);
    expect((await createContact({ ctx: mctx, input: { email: 'bymember@example.test' } })).email).toBe('bymember@example.test');
  });
});

describe('tenant isolation', () => {
  let a: { owner: MadeUser; ctx: WorkspaceCtx };
  let b: { owner: MadeUser; ctx: WorkspaceCtx };
  let aContactId: string;
  let aListId: string;
  let bContactId: string;
  let bListId: string;

  beforeAll(async () => {
    a = await workspace('Tenant A');
    b = await workspace('Tenant B');
    aContactId = (await createContact({ ctx: a.ctx, input: { email: 'shared@example.test', firstName: 'A' } })).id;
    aListId = (await createList({ ctx: a.ctx, input: { name: 'A list' } })).id;
    bContactId = (await createContact({ ctx: b.ctx, input: { email: 'shared@example.test', firstName: 'B', tags: ['b'] } })).id;
    bListId = (await createList({ ctx: b.ctx, input: { name: 'B list' } })).id;
    await addListMembers({ ctx: b.ctx, input: { listId: bListId, contactIds: [bContactId] } });
  });

  it.each([
    ['getContact', 'contactNotFound', () => getContact({ ctx: a.ctx, input: { contactId: bContactId } })],
    ['updateContact', 'contactNotFound', () => updateContact({ ctx: a.ctx, input: { contactId: bContactId, firstName: 'Hacked' } })],
    ['deleteContact', 'contactNotFound', () => deleteContact({ ctx: a.ctx, input: { contactId: bContactId } })],
    ['setContactStatus', 'contactNotFound', () => setContactStatus({ ctx: a.ctx, input: { contactId: bContactId, status: 'complained' } })],
    ['addTags (A and B ids)', 'contactNotFound', () => addTags({ ctx: a.ctx, input: { contactIds: [aContactId, bContactId], tags: ['x'] } })],
    ['removeTags', 'contactNotFound', () => removeTags({ ctx: a.ctx, input: { contactIds: [bContactId], tags: ['b'] } })],
    ['renameList', 'listNotFound', () => renameList({ ctx: a.ctx, input: { listId: bListId, name: 'Hacked' } })],
    ['deleteList', 'listNotFound', () => deleteList({ ctx: a.ctx, input: { listId: bListId } })],
    ['addListMembers (B list)', 'listNotFound', () => addListMembers({ ctx: a.ctx, input: { listId: bListId, contactIds: [aContactId] } })],
    ['addListMembers (B contact)', 'contactNotFound', () => addListMembers({ ctx: a.ctx, input: { listId: aListId, contactIds: [bContactId] } })],
    ['removeListMembers', 'listNotFound', () => removeListMembers({ ctx: a.ctx, input: { listId: bListId, contactIds: [bContactId] } })],
    ['listContacts by B list', 'listNotFound', () => listContacts(a.ctx, { listId: bListId })],
  ] as const)("%s with B's id is NOT_FOUND and neither tenant changes", async (_name, messageKey, call) => {
    const beforeA = await snapshotContacts(db(), a.owner.workspace.id);
    const beforeB = await snapshotContacts(db(), b.owner.workspace.id);
    await expectAppError(call(), 'NOT_FOUND', messageKey);
    expect(await snapshotContacts(db(), a.owner.workspace.id)).toEqual(beforeA);
    expect(await snapshotContacts(db(), b.owner.workspace.id)).toEqual(beforeB);
  });

  it("A's views contain only A's contacts, even for the same address and tag", async () => {
    expect((await listContacts(a.ctx)).items.map((c) => c.id)).toEqual([aContactId]);
    expect((await listContacts(a.ctx, { q: 'shared' })).items.map((c) => c.id)).toEqual([aContactId]);
    expect(await countContacts(a.ctx, { tag: 'b' })).toBe(0);
    expect((await listLists(a.ctx)).map((l) => l.id)).toEqual([aListId]);
  });
});
