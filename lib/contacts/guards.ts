import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { contacts, lists, segments, type Contact, type ContactList, type Segment } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

/** Fetch-or-throw: a contact of *this* workspace. Another tenant's contact id is simply not found. */
export async function getContactInWorkspace(tx: Db, ctx: Pick<WorkspaceCtx, 'workspaceId'>, contactId: string): Promise<Contact> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId)))
    .limit(1);
  if (!row) throw notFound('contactNotFound');
  return row;
}

export async function getListInWorkspace(tx: Db, ctx: Pick<WorkspaceCtx, 'workspaceId'>, listId: string): Promise<ContactList> {
  const [row] = await tx
    .select()
    .from(lists)
    .where(and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, listId)))
    .limit(1);
  if (!row) throw notFound('listNotFound');
  return row;
}

export async function getSegmentInWorkspace(tx: Db, ctx: Pick<WorkspaceCtx, 'workspaceId'>, segmentId: string): Promise<Segment> {
  const [row] = await tx
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, segmentId)))
    .limit(1);
  if (!row) throw notFound('segmentNotFound');
  return row;
}

/** All of `listIds` belong to this workspace, or NOT_FOUND. */
export async function assertListsInWorkspace(tx: Db, ctx: Pick<WorkspaceCtx, 'workspaceId'>, listIds: string[]): Promise<void> {
  if (listIds.length === 0) return;
  const found = await tx
    .select({ id: lists.id })
    .from(lists)
    .where(and(eq(lists.workspaceId, ctx.workspaceId), inArray(lists.id, listIds)));
  if (found.length !== new Set(listIds).size) throw notFound('listNotFound');
}
