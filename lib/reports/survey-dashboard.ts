import { sql } from 'drizzle-orm';
import { executeRows } from '@/lib/db/sql';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { addGroup, groupFigures, type GroupFigures } from './survey';

export const DASHBOARD_NPS_DAYS = 90;

export interface DashboardNps extends GroupFigures {
  days: number;
  /** NPS surveys with confirmed answers in the window. */
  surveys: number;
  /** The NPS survey answered most recently in the window: the card links to its report. */
  latest: { id: string; name: string } | null;
}

/**
 * The dashboard's NPS: every confirmed answer to any NPS survey of the workspace in the last 90
 * days. A workspace-wide pulse rather than one survey's, so a new survey with three answers does
 * not replace a steady one; the card names the window and links to the latest survey's report.
 */
export async function getDashboardNps(ctx: WorkspaceCtx, { now = new Date(), days = DASHBOARD_NPS_DAYS } = {}): Promise<DashboardNps> {
  assertRole(ctx, 'viewer');
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const window = sql`r.workspace_id = ${ctx.workspaceId}::uuid and r.status = 'confirmed' and r.created_at >= ${since}::timestamptz
    and r.created_at <= ${now.toISOString()}::timestamptz and s.kind = 'nps'`;
  const [groups, latest] = await Promise.all([
    executeRows<{ category: string; n: number; surveys: number }>(
      ctx.db,
      sql`select r.category, count(*)::int as n from survey_responses r join surveys s on s.id = r.survey_id and s.workspace_id = r.workspace_id
          where ${window} group by r.category`,
    ),
    executeRows<{ id: string; name: string; surveys: number }>(
      ctx.db,
      sql`select s.id, s.name, count(*) over ()::int as surveys from survey_responses r join surveys s on s.id = r.survey_id and s.workspace_id = r.workspace_id
          where ${window} group by s.id, s.name order by max(r.created_at) desc limit 1`,
    ),
  ]);
  const counts = groups.reduce((acc, r) => addGroup(acc, r.category, r.n), { promoters: 0, passives: 0, detractors: 0 });
  return {
    days,
    surveys: Number(latest[0]?.surveys ?? 0),
    latest: latest[0] ? { id: latest[0].id, name: latest[0].name } : null,
    ...groupFigures('nps', counts),
  };
}
