import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { auditLog, invitations, mailMessages, memberships, sendingSettings, workspaces } from '@/lib/db/schema';

/** Every tenant-owned row a mutating verb could touch, in a stable order, for before/after equality. */
export async function snapshotWorkspace(db: Db, workspaceId: string) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return {
    workspace: workspace ?? null,
    memberships: await db
      .select()
      .from(memberships)
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(memberships.userId)),
    invitations: await db
      .select()
      .from(invitations)
      .where(eq(invitations.workspaceId, workspaceId))
      .orderBy(asc(invitations.id)),
    sendingSettings: await db.select().from(sendingSettings).where(eq(sendingSettings.workspaceId, workspaceId)),
    mailCount: (await db.select({ n: count() }).from(mailMessages).where(eq(mailMessages.workspaceId, workspaceId)))[0].n,
    auditCount: (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)))[0].n,
  };
}
