import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import type { Db } from '@/lib/db/client';
import { campaigns, campaignSends, contacts, surveys, SURVEY_GROUPS, type Campaign, type CampaignAudience, type SurveyGroup } from '@/lib/db/schema';
import { invalid } from '@/lib/errors';
import { audienceSchema } from '@/lib/db/schema/campaigns/validation';
import { compileSegmentRules, onListSql } from '@/lib/segments/compile';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { getCampaignInWorkspace } from './guards';
import { sendReadiness } from './schedule';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/** The survey cadence a campaign is bound by: nobody gets the survey twice within `months`. */
export interface SurveyCadence {
  surveyId: string;
  months: number;
  /** The campaign being resolved: its own rows never count against it. */
  campaignId: string;
}

/** The cadence of a campaign that embeds a survey sent on a cadence; null otherwise. */
export async function cadenceOf(db: Db, campaign: Pick<Campaign, 'id' | 'workspaceId' | 'surveyId'>): Promise<SurveyCadence | null> {
  if (!campaign.surveyId) return null;
  const [row] = await db
    .select({ months: surveys.cadenceMonths })
    .from(surveys)
    .where(and(eq(surveys.id, campaign.surveyId), eq(surveys.workspaceId, campaign.workspaceId)));
  return row?.months ? { surveyId: campaign.surveyId, months: row.months, campaignId: campaign.id } : null;
}

/**
 * Contacts who received (or are about to receive: rows not yet sent count from the campaign's
 * start) ANY campaign embedding the same survey within the cadence. Failed and cancelled rows
 * never reached anyone, so they do not count.
 */
export function askedWithinCadenceSql(workspaceId: string, cadence: SurveyCadence): SQL {
  return sql`exists (
    select 1 from ${campaignSends} s join ${campaigns} c on c.id = s.campaign_id
    where s.workspace_id = ${workspaceId} and s.contact_id = ${contacts.id}
      and c.workspace_id = ${workspaceId} and c.survey_id = ${cadence.surveyId} and c.id <> ${cadence.campaignId}
      and s.status in ('pending', 'claimed', 'attempting', 'sent', 'unknown')
      and coalesce(s.sent_at, c.started_at, now()) > now() - make_interval(months => ${cadence.months}::int))`;
}

/** Contacts whose latest NPS answer puts them in `groups` (written only by recordAnswer). */
export const npsCategorySql = (groups: readonly SurveyGroup[]): SQL => inArray(contacts.npsCategory, [...groups]) as SQL;

/**
 * WHERE over `contacts` for a campaign audience: this workspace, status `subscribed`, the list,
 * segment or NPS groups, and — for a survey on a cadence — nobody asked within the cadence.
 * A list or segment of another workspace (or a deleted one) is NOT_FOUND.
 */
export async function audienceWhere(db: Db, workspaceId: string, audience: CampaignAudience, cadence?: SurveyCadence | null): Promise<SQL> {
  const parts: SQL[] = [eq(contacts.workspaceId, workspaceId), eq(contacts.status, 'subscribed')];
  const parsed = audienceSchema.parse(audience);
  if (parsed.type === 'list') {
    await getListInWorkspace(db, { workspaceId }, parsed.listId);
    parts.push(onListSql(workspaceId, parsed.listId));
  } else if (parsed.type === 'segment') {
    const segment = await getSegmentInWorkspace(db, { workspaceId }, parsed.segmentId);
    parts.push(compileSegmentRules(workspaceId, segmentRulesSchema.parse(segment.rules)));
  } else if (parsed.type === 'npsCategory') {
    parts.push(npsCategorySql(parsed.categories));
  }
  if (cadence) parts.push(sql`not ${askedWithinCadenceSql(workspaceId, cadence)}`);
  return and(...parts) as SQL;
}

/** Live "recipients" count for the campaign editor: who would get the mail if it started now. */
export async function countRecipients({ ctx, input }: { ctx: WorkspaceCtx; input: { audience: CampaignAudience; cadence?: SurveyCadence | null } }): Promise<number> {
  assertRole(ctx, 'viewer');
  const [row] = await ctx.db.select({ n: count() }).from(contacts).where(await audienceWhere(ctx.db, ctx.workspaceId, input.audience, input.cadence));
  return row.n;
}

/** Subscribed contacts per NPS group right now, for the audience picker's live counts. */
export async function countNpsGroups(ctx: WorkspaceCtx): Promise<Record<SurveyGroup, number>> {
  assertRole(ctx, 'viewer');
  const rows = await ctx.db
    .select({ group: contacts.npsCategory, n: count() })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.status, 'subscribed'), npsCategorySql(SURVEY_GROUPS)))
    .groupBy(contacts.npsCategory);
  const out = { promoter: 0, passive: 0, detractor: 0 } as Record<SurveyGroup, number>;
  for (const r of rows) if (r.group) out[r.group] = Number(r.n);
  return out;
}

/**
 * The "Send now" confirmation: how many would get this campaign's saved audience right now
 * (after the survey cadence). A campaign that could not be sent (no subject, no content) says so
 * here, before any dialog opens.
 */
export async function countCampaignRecipients({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string } }): Promise<number> {
  assertRole(ctx, 'viewer');
  const campaign = await getCampaignInWorkspace(ctx.db, ctx, input.campaignId);
  const gaps = sendReadiness(campaign);
  if (gaps.length) throw invalid(gaps[0]);
  return countRecipients({ ctx, input: { audience: campaign.audience, cadence: await cadenceOf(ctx.db, campaign) } });
}
