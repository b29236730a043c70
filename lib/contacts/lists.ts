import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { contacts, listMembers, lists, type ContactList } from '@/lib/db/schema';
import { isUniqueViolation } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, notFound } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getListInWorkspace } from './guards';

export async function listLists(ctx: WorkspaceCtx) {
  assertRole(ctx, 'viewer');
  return ctx.db
    .select({ id: lists.id, name: lists.name, createdAt: lists.createdAt, members: count(listMembers.contactId) })
    .from(lists)
    .leftJoin(listMembers, eq(listMembers.listId, lists.id))
    .where(eq(lists.workspaceId, ctx.workspaceId))
    .groupBy(lists.id)
    .orderBy(asc(lists.name));
}

export async function createList({ ctx, input }: { ctx: WorkspaceCtx; input: { name: string } }): Promise<ContactList> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(lists)
      .values({ workspaceId: ctx.workspaceId, name: input.name })
      .onConflictDoNothing({ target: [lists.workspaceId, lists.name] })
      .returning();
    if (!row) throw conflict('listExists');
    await writeAudit(tx, ctx, 'list.created', row.id, { name: row.name });
    return row;
  });
}

export async function renameList({ ctx, input }: { ctx: WorkspaceCtx; input: { listId: string; name: string } }): Promise<ContactList> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const before = await getListInWorkspace(tx, ctx, input.listId);
    let row: ContactList;
    try {
      [row] = await tx
        .update(lists)
        .set({ name: input.name })
        .where(and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, input.listId)))
        .returning();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('listExists');
      throw e;
    }
    await writeAudit(tx, ctx, 'list.renamed', row.id, { from: before.name, to: row.name });
    return row;
  });
}

/** Deletes the list and its memberships; the contacts themselves stay. */
export async function deleteList({ ctx, input }: { ctx: WorkspaceCtx; input: { listId: string } }): Promise<void> {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .delete(lists)
      .where(and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, input.listId)))
      .returning({ name: lists.name });
    if (!row) throw notFound('listNotFound');
    await writeAudit(tx, ctx, 'list.deleted', input.listId, { name: row.name });
  });
}

/** All or nothing: every contact must be this workspace's, or the call is NOT_FOUND. Already-members are skipped. */
export async function addListMembers({ ctx, input }: { ctx: WorkspaceCtx; input: { listId: string; contactIds: string[] } }) {
  assertRole(ctx, 'member');
  const ids = [...new Set(input.contactIds)];
  return withTransaction(ctx.db, async (tx) => {
    await getListInWorkspace(tx, ctx, input.listId);
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)));
    if (found.length !== ids.length) throw notFound('contactNotFound');
    const added = await tx
      .insert(listMembers)
      .values(found.map((c) => ({ listId: input.listId, contactId: c.id, workspaceId: ctx.workspaceId })))
      .onConflictDoNothing()
      .returning({ contactId: listMembers.contactId });
    await writeAudit(tx, ctx, 'list.members.added', input.listId, { added: added.length });
    return { added: added.length };
  });
}

/** Contacts that are not on the list are ignored; the list itself must be this workspace's. */
export async function removeListMembers({ ctx, input }: { ctx: WorkspaceCtx; input: { listId: string; contactIds: string[] } }) {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    await getListInWorkspace(tx, ctx, input.listId);
    const removed = await tx
      .delete(listMembers)
      .where(
        and(
          eq(listMembers.workspaceId, ctx.workspaceId),
          eq(listMembers.listId, input.listId),
          inArray(listMembers.contactId, [...new Set(input.contactIds)]),
        ),
      )
      .returning({ contactId: listMembers.contactId });
    await writeAudit(tx, ctx, 'list.members.removed', input.listId, { removed: removed.length });
    return { removed: removed.length };
  });
}
