import { sql } from 'drizzle-orm';
import type { SurveyGroup } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { followUpClickRate, type Rate } from '@/lib/metrics';
import { getSurveyInWorkspace } from '@/lib/surveys/get';
import type { FollowUpWhich } from '@/lib/surveys/public';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/** Which group each follow-up link is shown to (the result page of lib/surveys/render). */
export const FOLLOW_UP_GROUP: Record<FollowUpWhich, SurveyGroup> = { review: 'promoter', referral: 'promoter', next: 'passive' };

export interface FollowUpFigure {
  which: FollowUpWhich;
  group: SurveyGroup;
  clicks: number;
  groupAnswers: number;
  rate: Rate;
}

/**
 * Clicks on the thank-you page's tracked links (`survey_followup` events written by /s/…/go/…),
 * against the confirmed answers of the group that sees each link.
 */
export async function getSurveyFollowUps(ctx: WorkspaceCtx, surveyId: string, groupAnswers: Record<SurveyGroup, number>): Promise<FollowUpFigure[]> {
  assertRole(ctx, 'viewer');
  const survey = await getSurveyInWorkspace(ctx, surveyId);
  const rows = await executeRows<{ which: string; n: number }>(
    ctx.db,
    sql`select meta->>'which' as which, count(*)::int as n from events
        where workspace_id = ${ctx.workspaceId}::uuid and type = 'survey_followup' and meta->>'surveyId' = ${survey.id}
        group by 1`,
  );
  const clicks = new Map(rows.map((r) => [r.which, Number(r.n)]));
  return (Object.keys(FOLLOW_UP_GROUP) as FollowUpWhich[]).map((which) => {
    const group = FOLLOW_UP_GROUP[which];
    const n = clicks.get(which) ?? 0;
    return { which, group, clicks: n, groupAnswers: groupAnswers[group], rate: followUpClickRate(n, groupAnswers[group]) };
  });
}
