import { and, desc, eq, inArray } from 'drizzle-orm';
import { campaignLinks, mailMessages, users } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { neutraliseTracking, trackedLinkIds } from '@/lib/tracking/neutralise';
import { escapeHtml } from './html';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

export async function listOutbox(ctx: WorkspaceCtx, limit = 200) {
  assertRole(ctx, 'admin');
  return ctx.db
    .select({
      id: mailMessages.id,
      kind: mailMessages.kind,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      transport: mailMessages.transport,
      status: mailMessages.status,
      error: mailMessages.error,
      createdAt: mailMessages.createdAt,
    })
    .from(mailMessages)
    .where(eq(mailMessages.workspaceId, ctx.workspaceId))
    .orderBy(desc(mailMessages.createdAt))
    .limit(limit);
}

/**
 * One stored mail, as the Outbox shows it: a copy without the open pixel and with tracked links
 * pointing at their targets, so an admin viewing (or clicking in) it records no open or click.
 * A mail marked sensitive at creation (it carries a one-time link: invitation, reset,
 * verification) keeps its body from every viewer but its recipient, so no admin can take over
 * another person's link; `masked` tells the page to say so.
 */
export async function getOutboxMessage(ctx: WorkspaceCtx, id: string) {
  assertRole(ctx, 'admin');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await ctx.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.workspaceId, ctx.workspaceId), eq(mailMessages.id, id)))
    .limit(1);
  if (!row) throw notFound();
  if (row.sensitive) {
    const [viewer] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, ctx.userId)).limit(1);
    if (!viewer || viewer.email !== row.toAddress.trim().toLowerCase()) return { ...row, html: '', text: '', masked: true };
  }
  const ids = trackedLinkIds(row.html, row.text);
  const links = ids.length
    ? await ctx.db
        .select({ id: campaignLinks.id, url: campaignLinks.url })
        .from(campaignLinks)
        .where(and(eq(campaignLinks.workspaceId, ctx.workspaceId), inArray(campaignLinks.id, ids)))
    : [];
  const targets = new Map(links.map((l) => [l.id, l.url]));
  return { ...row, html: neutraliseTracking(row.html, targets, escapeHtml), text: neutraliseTracking(row.text, targets), masked: false };
}
