import { and, eq, inArray, sql } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { contacts, type Contact, type ContactStatus } from '@/lib/db/schema';
import type { ContactCreateInput, ContactUpdateInput } from '@/lib/db/schema/contacts/validation';
import { isUniqueViolation, textArray } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, notFound } from '@/lib/errors';
import { normalizeEmail } from '@/lib/validation/fields';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getContactInWorkspace } from './guards';
import { emitWebhookEvent } from '@/lib/webhooks/emit';

const inWorkspace = (ctx: WorkspaceCtx, contactId: string) =>
  and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId));

export async function createContact({ ctx, input }: { ctx: WorkspaceCtx; input: ContactCreateInput }): Promise<Contact> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(contacts)
      .values({
        workspaceId: ctx.workspaceId,
        email: normalizeEmail(input.email),
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        status: input.status ?? 'subscribed',
        tags: input.tags ?? [],
        attributes: input.attributes ?? {},
      })
      .onConflictDoNothing({ target: [contacts.workspaceId, contacts.email] })
      .returning();
    if (!row) throw conflict('contactExists');
    await writeAudit(tx, ctx, 'contact.created', row.id);
    return row;
  });
}

/** Changes only the fields present in `input`; the audit row names the fields, not their values. */
export async function updateContact({ ctx, input }: { ctx: WorkspaceCtx; input: ContactUpdateInput }): Promise<Contact> {
  assertRole(ctx, 'member');
  const patch: Partial<typeof contacts.$inferInsert> = {};
  if (input.email !== undefined) patch.email = normalizeEmail(input.email);
  if (input.firstName !== undefined) patch.firstName = input.firstName;
  if (input.lastName !== undefined) patch.lastName = input.lastName;
  if (input.attributes !== undefined) patch.attributes = input.attributes;
  return withTransaction(ctx.db, async (tx) => {
    await getContactInWorkspace(tx, ctx, input.contactId);
    let row: Contact;
    try {
      [row] = await tx
        .update(contacts)
        .set({ ...patch, updatedAt: new Date() })
        .where(inWorkspace(ctx, input.contactId))
        .returning();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('contactExists');
      throw e;
    }
    await writeAudit(tx, ctx, 'contact.updated', row.id, { fields: Object.keys(patch) });
    return row;
  });
}

/** The audit row keeps the id only: a deleted contact's address does not live on in the log. */
export async function deleteContact({ ctx, input }: { ctx: WorkspaceCtx; input: { contactId: string } }): Promise<void> {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const deleted = await tx.delete(contacts).where(inWorkspace(ctx, input.contactId)).returning({ id: contacts.id });
    if (deleted.length === 0) throw notFound('contactNotFound');
    await writeAudit(tx, ctx, 'contact.deleted', input.contactId);
  });
}

/**
 * Deletes every listed contact of this workspace, all or nothing: one id that is not this workspace's
 * contact makes the call NOT_FOUND and deletes nothing. One audit row with the count, no addresses.
 */
export async function deleteContacts({ ctx, input }: { ctx: WorkspaceCtx; input: { contactIds: string[] } }) {
  assertRole(ctx, 'member');
  const ids = [...new Set(input.contactIds)];
  return withTransaction(ctx.db, async (tx) => {
    const deleted = await tx
      .delete(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)))
      .returning({ id: contacts.id });
    if (deleted.length !== ids.length) throw notFound('contactNotFound');
    await writeAudit(tx, ctx, 'contacts.deleted', undefined, { contacts: deleted.length });
    return { deleted: deleted.length };
  });
}

export async function setContactStatus({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { contactId: string; status: ContactStatus };
}): Promise<Contact> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const before = await getContactInWorkspace(tx, ctx, input.contactId);
    const [row] = await tx
      .update(contacts)
      .set({ status: input.status, updatedAt: new Date() })
      .where(inWorkspace(ctx, input.contactId))
      .returning();
    await writeAudit(tx, ctx, 'contact.status.changed', row.id, { from: before.status, to: input.status });
    if (input.status === 'unsubscribed' && before.status !== 'unsubscribed') {
      // Unsubscribed by a team member: the outgoing `contact.unsubscribed` webhook, in this transaction.
      await emitWebhookEvent(tx, { workspaceId: ctx.workspaceId, event: 'contact.unsubscribed', data: { contactId: row.id, email: row.email, via: 'manual' } });
    }
    return row;
  });
}

interface TagsInput {
  contactIds: string[];
  tags: string[];
}

/**
 * Applies `tagsExpr` to every listed contact of this workspace, all or nothing: one id that is not
 * this workspace's contact makes the whole call NOT_FOUND and changes nothing.
 */
async function retag(ctx: WorkspaceCtx, input: TagsInput, action: string, tagsExpr: ReturnType<typeof sql>) {
  assertRole(ctx, 'member');
  const ids = [...new Set(input.contactIds)];
  return withTransaction(ctx.db, async (tx) => {
    const updated = await tx
      .update(contacts)
      .set({ tags: tagsExpr, updatedAt: new Date() })
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)))
      .returning({ id: contacts.id });
    if (updated.length !== ids.length) throw notFound('contactNotFound');
    await writeAudit(tx, ctx, action, undefined, { contacts: ids.length, tags: input.tags });
    return { updated: updated.length };
  });
}

/** Adds tags after the ones a contact already has, skipping duplicates. */
export function addTags({ ctx, input }: { ctx: WorkspaceCtx; input: TagsInput }) {
  const add = textArray([...new Set(input.tags)]);
  return retag(
    ctx,
    input,
    'contact.tags.added',
    sql`${contacts.tags} || array(select t from unnest(${add}) as t where not (t = any(${contacts.tags})))`,
  );
}

export function removeTags({ ctx, input }: { ctx: WorkspaceCtx; input: TagsInput }) {
  const remove = textArray(input.tags);
  return retag(
    ctx,
    input,
    'contact.tags.removed',
    sql`array(select t from unnest(${contacts.tags}) with ordinality as u(t, n) where not (t = any(${remove})) order by n)`,
  );
}
