import { describe, expect, it } from 'vitest';
import { contactLists, contactTimeline } from '@/lib/contacts/detail';
import { importContacts } from '@/lib/contacts/import';
import { addListMembers, createList } from '@/lib/contacts/lists';
import { createContact, setContactStatus, updateContact } from '@/lib/contacts/manage';
import { getContact, listContacts } from '@/lib/contacts/query';
import { campaigns, events } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { csvStream, daysAgo } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

async function freshCtx(name: string): Promise<WorkspaceCtx> {
  const owner = await makeUser(db(), { workspaceName: name, name: `${name} Owner` });
  return ctxFor(db(), owner.user.id, owner.workspace.id);
}

describe('contact detail', () => {
  it('lists only this workspace’s lists a contact is on', async () => {
    const ctx = await freshCtx('Lists');
    const c = await createContact({ ctx, input: { email: 'on-lists@example.test' } });
    const [a, b] = [await createList({ ctx, input: { name: 'B list' } }), await createList({ ctx, input: { name: 'A list' } })];
    await createList({ ctx, input: { name: 'Not on it' } });
    await addListMembers({ ctx, input: { listId: a.id, contactIds: [c.id] } });
    await addListMembers({ ctx, input: { listId: b.id, contactIds: [c.id] } });
    expect((await contactLists(ctx, c.id)).map((l) => l.name)).toEqual(['A list', 'B list']);
    const other = await freshCtx('Other');
    expect(await contactLists(other, c.id)).toEqual([]);
  });

  it('shows creation, changes, status changes, activity dates and campaign events, newest first', async () => {
    const ctx = await freshCtx('Timeline');
    const created = await createContact({ ctx, input: { email: 'timeline@example.test' } });
    await updateContact({ ctx, input: { contactId: created.id, firstName: 'Tim' } });
    await setContactStatus({ ctx, input: { contactId: created.id, status: 'unsubscribed' } });
    const [campaign] = await db().insert(campaigns).values({ workspaceId: ctx.workspaceId, name: 'Spring sale' }).returning();
    await db().insert(events).values([
      { workspaceId: ctx.workspaceId, contactId: created.id, campaignId: campaign.id, type: 'open', createdAt: daysAgo(2) },
      { workspaceId: ctx.workspaceId, contactId: created.id, campaignId: campaign.id, type: 'click', machine: true, createdAt: daysAgo(1) },
    ]);
    const contact = await getContact({ ctx, input: { contactId: created.id } });
    const entries = await contactTimeline(ctx, contact);
    expect(entries.map((e) => e.kind)).toEqual(['status', 'updated', 'created', 'event', 'event']);
    expect(entries[0]).toMatchObject({ kind: 'status', from: 'subscribed', to: 'unsubscribed', by: 'Timeline Owner' });
    expect(entries[1]).toMatchObject({ kind: 'updated', fields: ['firstName'] });
    expect(entries[3]).toMatchObject({ kind: 'event', type: 'click', machine: true, campaignName: 'Spring sale' });
    expect(entries[4]).toMatchObject({ kind: 'event', type: 'open' });
  });

  it('names the import a contact came from, and never another workspace’s rows', async () => {
    const ctx = await freshCtx('Imported');
    await importContacts({
      ctx,
      input: { fileName: 'shop.csv', source: csvStream(['email', 'imported@example.test']), mapping: { email: 'email' } },
    });
    const page = await listContacts(ctx);
    const contact = page.items[0];
    expect(await contactTimeline(ctx, contact)).toEqual([{ kind: 'imported', at: contact.createdAt, fileName: 'shop.csv', importId: expect.any(String) }]);

    // A viewer may read it; another workspace's events for the same contact id never show.
    const viewer = await addMember(db(), ctx.workspaceId, 'viewer');
    const viewerCtx = await ctxFor(db(), viewer.id, ctx.workspaceId);
    const other = await freshCtx('Elsewhere');
    await db().insert(events).values({ workspaceId: other.workspaceId, contactId: contact.id, type: 'open' });
    expect((await contactTimeline(viewerCtx, contact)).map((e) => e.kind)).toEqual(['imported']);
  });
});
