import { sql } from 'drizzle-orm';
import type { ResponseStatus, Survey } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { responseRate, type Rate } from '@/lib/metrics';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { addGroup, groupFigures, type GroupFigures } from './survey';

/**
 * The survey side of a survey mail's campaign report: its score buttons are not tracked links, so
 * the answers (and the response rate against delivered) are what "clicked" means for it.
 */
export interface CampaignSurveyFigures {
  survey: Pick<Survey, 'id' | 'name' | 'kind'>;
  statusCounts: Record<ResponseStatus, number>;
  /** Confirmed answers from this campaign's mails. */
  confirmed: GroupFigures;
  delivered: number;
  rate: Rate;
}

export async function getCampaignSurveyFigures(ctx: WorkspaceCtx, campaignId: string): Promise<CampaignSurveyFigures | null> {
  assertRole(ctx, 'viewer');
  const [survey] = await executeRows<{ id: string; name: string; kind: Survey['kind']; delivered: number }>(
    ctx.db,
    sql`select s.id, s.name, s.kind,
          (select count(*)::int from campaign_sends d where d.campaign_id = c.id and d.status = 'sent') as delivered
        from campaigns c join surveys s on s.id = c.survey_id and s.workspace_id = c.workspace_id
        where c.id = ${campaignId}::uuid and c.workspace_id = ${ctx.workspaceId}::uuid`,
  );
  if (!survey) return null;
  const rows = await executeRows<{ status: ResponseStatus; category: string; n: number }>(
    ctx.db,
    sql`select status, category, count(*)::int as n from survey_responses
        where campaign_id = ${campaignId}::uuid and workspace_id = ${ctx.workspaceId}::uuid and survey_id = ${survey.id}::uuid
        group by status, category`,
  );
  const statusCounts: Record<ResponseStatus, number> = { confirmed: 0, provisional: 0, flagged: 0 };
  let counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const r of rows) {
    statusCounts[r.status] += Number(r.n);
    if (r.status === 'confirmed') counts = addGroup(counts, r.category, r.n);
  }
  const delivered = Number(survey.delivered);
  return {
    survey: { id: survey.id, name: survey.name, kind: survey.kind },
    statusCounts,
    confirmed: groupFigures(survey.kind, counts),
    delivered,
    rate: responseRate(statusCounts.confirmed, delivered),
  };
}
