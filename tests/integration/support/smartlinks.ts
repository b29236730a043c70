import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { smartlinkHits, type SmartlinkHit } from '@/lib/db/schema';
import { createSmartlinkPage, saveSmartlinkPage, setSmartlinkPublished, setSmartlinkSlug, type SmartlinkWithItems } from '@/lib/smartlinks/manage';
import type { SmartlinkContent } from '@/lib/smartlinks/validation';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

/** A page built through the builder's own service verbs (create → save → slug → publish). */
export async function makeSmartlinkPage(
  ctx: WorkspaceCtx,
  opts: { slug: string; items: SmartlinkContent['items']; publish?: boolean; title?: string },
): Promise<SmartlinkWithItems> {
  const created = await createSmartlinkPage({ ctx, input: { title: opts.title ?? 'My links' } });
  const saved = await saveSmartlinkPage({
    ctx,
    input: { pageId: created.id, title: opts.title ?? 'My links', bio: 'Hello there', avatarUrl: null, theme: { preset: 'light', accent: null, buttonStyle: 'rounded' }, items: opts.items },
  });
  await setSmartlinkSlug({ ctx, input: { pageId: created.id, slug: opts.slug } });
  const page = opts.publish === false ? saved.page : await setSmartlinkPublished({ ctx, input: { pageId: created.id, publish: true } });
  return { page, items: saved.items };
}

export const button = (label: string, url: string) => ({ kind: 'button' as const, label, url, imageUrl: null });

export async function pageHits(db: Db, pageId: string, type?: 'visit' | 'click'): Promise<SmartlinkHit[]> {
  return db
    .select()
    .from(smartlinkHits)
    .where(type ? and(eq(smartlinkHits.pageId, pageId), eq(smartlinkHits.type, type)) : eq(smartlinkHits.pageId, pageId))
    .orderBy(asc(smartlinkHits.id));
}
