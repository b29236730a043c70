import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import type { Db } from '@/lib/db/client';
import { smartlinkItems, smartlinkPages, type SmartlinkItem, type SmartlinkPage } from '@/lib/db/schema';
import { SMARTLINK_SLUG } from '@/lib/db/schema/smartlinks/constants';
import { isUniqueViolation } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, invalid, notFound } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import type { SmartlinkContent } from './validation';

/**
 * The SmartLink builder's service verbs. Every read and write is scoped to the caller's
 * workspace; writes need a member (viewers read only) and run in one transaction each.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SmartlinkListRow {
  id: string;
  slug: string;
  title: string;
  status: SmartlinkPage['status'];
  items: number;
  updatedAt: Date;
}

export async function listSmartlinkPages(ctx: WorkspaceCtx): Promise<SmartlinkListRow[]> {
  return ctx.db
    .select({
      id: smartlinkPages.id,
      slug: smartlinkPages.slug,
      title: smartlinkPages.title,
      status: smartlinkPages.status,
      updatedAt: smartlinkPages.updatedAt,
      items: sql<number>`(select count(*)::int from smartlink_items i where i.page_id = smartlink_pages.id and i.archived_at is null)`.mapWith(Number),
    })
    .from(smartlinkPages)
    .where(eq(smartlinkPages.workspaceId, ctx.workspaceId))
    .orderBy(desc(smartlinkPages.createdAt));
}

export interface SmartlinkWithItems {
  page: SmartlinkPage;
  /** Live items in page order. */
  items: SmartlinkItem[];
}

/** The page and its live items, only inside the caller's workspace (else NOT_FOUND). */
export async function getSmartlinkPage(ctx: WorkspaceCtx, pageId: string, db: Db = ctx.db): Promise<SmartlinkWithItems> {
  // A page id from a URL may be anything: only a UUID reaches the database.
  if (!UUID.test(pageId)) throw notFound('smartlinkNotFound');
  const [page] = await db
    .select()
    .from(smartlinkPages)
    .where(and(eq(smartlinkPages.id, pageId), eq(smartlinkPages.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!page) throw notFound('smartlinkNotFound');
  const items = await db
    .select()
    .from(smartlinkItems)
    .where(and(eq(smartlinkItems.pageId, page.id), eq(smartlinkItems.workspaceId, ctx.workspaceId), isNull(smartlinkItems.archivedAt)))
    .orderBy(asc(smartlinkItems.position), asc(smartlinkItems.id));
  return { page, items };
}

/** Every item the page ever had (archived ones too), for the analytics. */
export async function allSmartlinkItems(ctx: WorkspaceCtx, pageId: string): Promise<SmartlinkItem[]> {
  return ctx.db
    .select()
    .from(smartlinkItems)
    .where(and(eq(smartlinkItems.pageId, pageId), eq(smartlinkItems.workspaceId, ctx.workspaceId)))
    .orderBy(asc(smartlinkItems.archivedAt), asc(smartlinkItems.position), asc(smartlinkItems.id));
}

/** A slug proposal from the title: lower-case ASCII words and a random tail, within SMARTLINK_SLUG. */
export function proposeSlug(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  const tail = randomBytes(4).toString('hex').slice(0, 6);
  const slug = base ? `${base}-${tail}` : `page-${tail}`;
  return SMARTLINK_SLUG.test(slug) ? slug : `page-${tail}`;
}

/** A new draft page with a proposed slug; the editor changes the rest. */
export async function createSmartlinkPage({ ctx, input }: { ctx: WorkspaceCtx; input: { title: string } }): Promise<SmartlinkPage> {
  assertRole(ctx, 'member');
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTransaction(ctx.db, async (tx) => {
        const [row] = await tx
          .insert(smartlinkPages)
          .values({ workspaceId: ctx.workspaceId, createdById: ctx.userId, title: input.title, slug: proposeSlug(input.title) })
          .returning();
        await writeAudit(tx, ctx, 'smartlink.created', row.id, { slug: row.slug });
        return row;
      });
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 2) throw e;
    }
  }
}

/**
 * Saves the page's content and its items in the given order. Items with an id must be live items
 * of this page (else refused); items left out are archived, never deleted, so their clicks stay.
 */
export async function saveSmartlinkPage({ ctx, input }: { ctx: WorkspaceCtx; input: SmartlinkContent & { pageId: string } }): Promise<SmartlinkWithItems> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getSmartlinkPage(ctx, input.pageId, tx);
    const live = new Map(current.items.map((i) => [i.id, i]));
    const kept = new Set<number>();
    for (const item of input.items) {
      if (item.id == null) continue;
      if (!live.has(item.id) || kept.has(item.id)) throw invalid('smartlinkItemUnknown');
      kept.add(item.id);
    }
    const now = new Date();
    for (const old of current.items) {
      if (!kept.has(old.id)) await tx.update(smartlinkItems).set({ archivedAt: now }).where(and(eq(smartlinkItems.id, old.id), eq(smartlinkItems.workspaceId, ctx.workspaceId)));
    }
    for (const [position, item] of input.items.entries()) {
      const values = { kind: item.kind, label: item.label, url: item.url, imageUrl: item.imageUrl ?? null, position };
      if (item.id != null) {
        await tx.update(smartlinkItems).set(values).where(and(eq(smartlinkItems.id, item.id), eq(smartlinkItems.workspaceId, ctx.workspaceId)));
      } else {
        await tx.insert(smartlinkItems).values({ ...values, workspaceId: ctx.workspaceId, pageId: current.page.id });
      }
    }
    await tx
      .update(smartlinkPages)
      .set({ title: input.title, bio: input.bio, avatarUrl: input.avatarUrl, theme: input.theme, updatedAt: now })
      .where(and(eq(smartlinkPages.id, current.page.id), eq(smartlinkPages.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'smartlink.updated', current.page.id, { items: input.items.length, archived: current.items.length - kept.size });
    return getSmartlinkPage(ctx, current.page.id, tx);
  });
}

/** Whether `slug` is free for this page (its own current slug counts as free). Shape checked first. */
export async function smartlinkSlugAvailable(ctx: WorkspaceCtx, slug: string, pageId?: string | null): Promise<'available' | 'taken' | 'invalid'> {
  const s = slug.trim().toLowerCase();
  if (!SMARTLINK_SLUG.test(s)) return 'invalid';
  const [row] = await ctx.db
    .select({ id: smartlinkPages.id })
    .from(smartlinkPages)
    .where(pageId ? and(eq(smartlinkPages.slug, s), ne(smartlinkPages.id, pageId)) : eq(smartlinkPages.slug, s))
    .limit(1);
  return row ? 'taken' : 'available';
}

/** Changes the public address; slugs are global, a taken one is a conflict (the old address stops working). */
export async function setSmartlinkSlug({ ctx, input }: { ctx: WorkspaceCtx; input: { pageId: string; slug: string } }): Promise<SmartlinkPage> {
  assertRole(ctx, 'member');
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const { page } = await getSmartlinkPage(ctx, input.pageId, tx);
      if (page.slug === input.slug) return page;
      const [taken] = await tx.select({ id: smartlinkPages.id }).from(smartlinkPages).where(eq(smartlinkPages.slug, input.slug)).limit(1);
      if (taken) throw conflict('smartlinkSlugTaken');
      const [row] = await tx
        .update(smartlinkPages)
        .set({ slug: input.slug, updatedAt: new Date() })
        .where(and(eq(smartlinkPages.id, page.id), eq(smartlinkPages.workspaceId, ctx.workspaceId)))
        .returning();
      await writeAudit(tx, ctx, 'smartlink.slugChanged', page.id, { from: page.slug, to: row.slug });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('smartlinkSlugTaken');
    throw e;
  }
}

/** Published: served at /l/<slug>. Unpublished: back to a draft, the address answers 404. */
export async function setSmartlinkPublished({ ctx, input }: { ctx: WorkspaceCtx; input: { pageId: string; publish: boolean } }): Promise<SmartlinkPage> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const { page } = await getSmartlinkPage(ctx, input.pageId, tx);
    const [row] = await tx
      .update(smartlinkPages)
      .set(input.publish ? { status: 'published', publishedAt: page.publishedAt ?? new Date(), updatedAt: new Date() } : { status: 'draft', updatedAt: new Date() })
      .where(and(eq(smartlinkPages.id, page.id), eq(smartlinkPages.workspaceId, ctx.workspaceId)))
      .returning();
    if (page.status !== row.status) await writeAudit(tx, ctx, input.publish ? 'smartlink.published' : 'smartlink.unpublished', page.id, { slug: row.slug });
    return row;
  });
}

/** Deletes the page, its items and its hits (irreversible). */
export async function deleteSmartlinkPage({ ctx, input }: { ctx: WorkspaceCtx; input: { pageId: string } }): Promise<void> {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const { page } = await getSmartlinkPage(ctx, input.pageId, tx);
    // Hits carry no foreign key (append-only hot path): removed here, in the same transaction.
    await tx.execute(sql`delete from smartlink_hits where page_id = ${page.id} and workspace_id = ${ctx.workspaceId}`);
    await tx.delete(smartlinkPages).where(and(eq(smartlinkPages.id, page.id), eq(smartlinkPages.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'smartlink.deleted', page.id, { slug: page.slug, title: page.title });
  });
}
