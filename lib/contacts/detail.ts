import { and, asc, desc, eq, gte, like, lte } from 'drizzle-orm';
import { auditLog, campaigns, contactImports, events, listMembers, lists, users, type Contact, type EventType } from '@/lib/db/schema';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/** The lists one contact of this workspace is on (the contact must already have been fetched in-tenant). */
export async function contactLists(ctx: WorkspaceCtx, contactId: string) {
  assertRole(ctx, 'viewer');
  return ctx.db
    .select({ id: lists.id, name: lists.name, addedAt: listMembers.addedAt })
    .from(listMembers)
    .innerJoin(lists, and(eq(lists.id, listMembers.listId), eq(lists.workspaceId, ctx.workspaceId)))
    .where(and(eq(listMembers.workspaceId, ctx.workspaceId), eq(listMembers.contactId, contactId)))
    .orderBy(asc(lists.name));
}

export type TimelineEntry =
  | { kind: 'created'; at: Date; by: string | null }
  | { kind: 'imported'; at: Date; fileName: string; importId: string }
  | { kind: 'added'; at: Date }
  | { kind: 'updated'; at: Date; by: string | null; fields: string[] }
  | { kind: 'status'; at: Date; by: string | null; from: string | null; to: string | null }
  | { kind: 'lastOpen' | 'lastClick' | 'lastPurchase'; at: Date }
  | { kind: 'event'; at: Date; type: EventType; machine: boolean; campaignId: string | null; campaignName: string | null };

const TIMELINE_LIMIT = 100;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * What happened to one contact, newest first: its audit rows (created, updated, status changes),
 * the import that created it, the last open/click/purchase dates, and campaign events.
 * Tag and list changes are audited per call, not per contact, so they do not appear here.
 */
export async function contactTimeline(ctx: WorkspaceCtx, contact: Contact): Promise<TimelineEntry[]> {
  assertRole(ctx, 'viewer');
  const audit = await ctx.db
    .select({ action: auditLog.action, data: auditLog.data, at: auditLog.createdAt, by: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.target, contact.id), like(auditLog.action, 'contact.%')))
    .orderBy(desc(auditLog.createdAt))
    .limit(TIMELINE_LIMIT);
  const entries: TimelineEntry[] = audit.flatMap((a): TimelineEntry[] => {
    if (a.action === 'contact.created') return [{ kind: 'created', at: a.at, by: a.by }];
    if (a.action === 'contact.updated') {
      const fields = Array.isArray(a.data?.fields) ? a.data.fields.filter((f): f is string => typeof f === 'string') : [];
      return [{ kind: 'updated', at: a.at, by: a.by, fields }];
    }
    if (a.action === 'contact.status.changed') return [{ kind: 'status', at: a.at, by: a.by, from: str(a.data?.from), to: str(a.data?.to) }];
    return [];
  });

  if (!entries.some((e) => e.kind === 'created')) entries.push(await origin(ctx, contact));
  if (contact.lastOpenAt) entries.push({ kind: 'lastOpen', at: contact.lastOpenAt });
  if (contact.lastClickAt) entries.push({ kind: 'lastClick', at: contact.lastClickAt });
  if (contact.lastPurchaseAt) entries.push({ kind: 'lastPurchase', at: contact.lastPurchaseAt });

  const campaignEvents = await ctx.db
    .select({ type: events.type, machine: events.machine, at: events.createdAt, campaignId: events.campaignId, campaignName: campaigns.name })
    .from(events)
    .leftJoin(campaigns, and(eq(campaigns.id, events.campaignId), eq(campaigns.workspaceId, ctx.workspaceId)))
    .where(and(eq(events.workspaceId, ctx.workspaceId), eq(events.contactId, contact.id)))
    .orderBy(desc(events.createdAt))
    .limit(TIMELINE_LIMIT);
  for (const e of campaignEvents) entries.push({ kind: 'event', ...e });

  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, TIMELINE_LIMIT);
}

/** Imports write no per-contact audit row: a contact created inside a completed import's window came from it. */
async function origin(ctx: WorkspaceCtx, contact: Contact): Promise<TimelineEntry> {
  const [imp] = await ctx.db
    .select({ id: contactImports.id, fileName: contactImports.fileName })
    .from(contactImports)
    .where(
      and(
        eq(contactImports.workspaceId, ctx.workspaceId),
        eq(contactImports.status, 'completed'),
        lte(contactImports.createdAt, contact.createdAt),
        gte(contactImports.finishedAt, contact.createdAt),
      ),
    )
    .orderBy(desc(contactImports.createdAt))
    .limit(1);
  return imp ? { kind: 'imported', at: contact.createdAt, fileName: imp.fileName, importId: imp.id } : { kind: 'added', at: contact.createdAt };
}
