import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { contacts, type Contact } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { getContactInWorkspace } from '@/lib/contacts/guards';
import { addTags, createContact, removeTags, setContactStatus, updateContact } from '@/lib/contacts/manage';
import { contactFilterWhere, contactsPage } from '@/lib/contacts/query';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import type { apiContactSchema, contactListQuerySchema, contactUpsertSchema } from './schemas';

type ApiContact = z.infer<typeof apiContactSchema>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A contact as the API shows it: no internal fields (survey groups, preferences, lifetime value). */
export function toApiContact(c: Contact): ApiContact {
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    status: c.status,
    tags: c.tags,
    attributes: c.attributes,
    joinedAt: iso(c.joinedAt),
    lastOpenAt: iso(c.lastOpenAt),
    lastClickAt: iso(c.lastClickAt),
    lastActivityAt: iso(c.lastActivityAt),
    lastReplyAt: iso(c.lastReplyAt),
    lastVisitAt: iso(c.lastVisitAt),
    lastAppUseAt: iso(c.lastAppUseAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** GET /api/v1/contacts: the contacts table's own filter and keyset page, plus exact email and updated_since. */
export async function apiListContacts(ctx: WorkspaceCtx, q: z.output<typeof contactListQuerySchema>) {
  const parts: SQL[] = [await contactFilterWhere(ctx.db, ctx, { status: q.status, tag: q.tag })];
  if (q.email) parts.push(eq(contacts.email, q.email));
  if (q.updated_since) parts.push(gte(contacts.updatedAt, new Date(q.updated_since)));
  const page = await contactsPage(ctx.db, and(...parts) as SQL, q.cursor, q.limit);
  return { data: page.items.map(toApiContact), nextCursor: page.nextCursor };
}

export async function findContactByEmail(ctx: Pick<WorkspaceCtx, 'db' | 'workspaceId'>, email: string): Promise<Contact | null> {
  const [row] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.email, email)))
    .limit(1);
  return row ?? null;
}

/**
 * POST /api/v1/contacts: upsert by address through the contacts verbs (createContact, updateContact,
 * addTags, setContactStatus), in one transaction. Tags are added, attributes merged. An upsert never
 * re-subscribes: `status: 'subscribed'` applies to a new contact only; `unsubscribed` always applies.
 */
export async function apiUpsertContact(ctx: WorkspaceCtx, input: z.output<typeof contactUpsertSchema>): Promise<{ contact: Contact; created: boolean }> {
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const existing = await findContactByEmail(txCtx, input.email);
    if (!existing) {
      try {
        // A savepoint: a concurrent insert of the same address turns into an update below.
        const created = await createContact({ ctx: txCtx, input });
        return { contact: created, created: true };
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
      }
    }
    const current = existing ?? (await findContactByEmail(txCtx, input.email));
    if (!current) throw new AppError('CONFLICT', 'contactExists');
    const patch = {
      contactId: current.id,
      ...(input.firstName !== undefined ? { firstName: input.firstName } : {}),
      ...(input.lastName !== undefined ? { lastName: input.lastName } : {}),
      ...(input.attributes !== undefined ? { attributes: { ...current.attributes, ...input.attributes } } : {}),
    };
    let contact = Object.keys(patch).length > 1 ? await updateContact({ ctx: txCtx, input: patch }) : current;
    if (input.tags && input.tags.length > 0) {
      await addTags({ ctx: txCtx, input: { contactIds: [current.id], tags: input.tags } });
    }
    if (input.status === 'unsubscribed' && contact.status !== 'unsubscribed') {
      contact = await setContactStatus({ ctx: txCtx, input: { contactId: current.id, status: 'unsubscribed' } });
    }
    return { contact: await getContactInWorkspace(tx, ctx, current.id), created: false };
  });
}

export async function apiAddTags(ctx: WorkspaceCtx, contactId: string, tags: string[]): Promise<Contact> {
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    await addTags({ ctx: txCtx, input: { contactIds: [contactId], tags } });
    return getContactInWorkspace(tx, ctx, contactId);
  });
}

export async function apiRemoveTag(ctx: WorkspaceCtx, contactId: string, tag: string): Promise<Contact> {
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    await removeTags({ ctx: txCtx, input: { contactIds: [contactId], tags: [tag] } });
    return getContactInWorkspace(tx, ctx, contactId);
  });
}

/** GET /api/v1/tags: every tag of this workspace with its contacts, most used first. */
export async function apiListTags(ctx: WorkspaceCtx) {
  const rows = await executeRows<{ tag: string; n: number | string }>(
    ctx.db,
    sql`select t as tag, count(*) as n from ${contacts}, unnest(${contacts.tags}) as t
        where ${contacts.workspaceId} = ${ctx.workspaceId} group by t order by count(*) desc, t limit 1000`,
  );
  return { data: rows.map((r) => ({ tag: r.tag, contacts: Number(r.n) })) };
}
