import { and, count, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { auditLog, memberships, sendingSettings } from '@/lib/db/schema';

/** Real setup state read from the data (audit log and settings), not a checklist stored aside. */
export async function getSetupProgress(db: Db, workspaceId: string) {
  const actions = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId));
  const done = new Set(actions.map((a) => a.action));
  const [sending] = await db
    .select({ fromEmail: sendingSettings.fromEmail })
    .from(sendingSettings)
    .where(eq(sendingSettings.workspaceId, workspaceId));
  const [team] = await db.select({ n: count() }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId)));
  return {
    profileTouched: done.has('workspace.profile.updated'),
    sendingConfigured: Boolean(sending?.fromEmail),
    benchmarksTouched: done.has('workspace.benchmarks.updated') || done.has('workspace.benchmarks.reset'),
    hasTeam: team.n > 1 || done.has('member.invited'),
  };
}
