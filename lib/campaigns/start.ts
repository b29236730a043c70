import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, campaignSends, contacts, type CampaignStatus } from '@/lib/db/schema';
import { abTestSchema } from '@/lib/db/schema/campaigns/validation';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { notFound } from '@/lib/errors';
import { JOB_KINDS, jobKey } from '@/lib/jobs/kinds';
import { enqueue } from '@/lib/jobs/queue';
import { inTestPhaseSql, variantSql } from './ab-split';
import { audienceWhere, cadenceOf } from './audience';
import { freezeCampaignLinks } from './freeze-links';
import { sendConfigFromEnv } from './send-config';
import { embeddedSurveyId, findEmbeddedSurvey, surveySendProblem } from './survey-block';

export interface StartResult {
  /** False when the campaign had already started, was cancelled or is scheduled later: nothing changed. */
  started: boolean;
  status: CampaignStatus;
  recipients: number;
  /** Rows held back for the A/B winner. */
  held: number;
}

/**
 * Starts a draft or scheduled campaign, in ONE transaction: freezes its links (the only URLs its
 * tracked links may redirect to), materialises one campaign_sends row per subscribed contact of
 * the audience with a single INSERT … SELECT, assigns A/B variants, and sets it `sending`.
 * Idempotent: a second call changes nothing, and ON CONFLICT keeps the rows unique regardless.
 */
export async function startCampaign(db: Db, campaignId: string, opts: { abWaitMs?: number } = {}): Promise<StartResult> {
  return withTransaction(db, async (tx) => {
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for('update');
    if (!campaign) throw notFound('campaignNotFound');
    // Not before its time (it may have been rescheduled after the worker picked it up).
    const early = campaign.status === 'scheduled' && campaign.scheduledAt !== null && campaign.scheduledAt.getTime() > Date.now();
    if ((campaign.status !== 'draft' && campaign.status !== 'scheduled') || early) {
      return { started: false, status: campaign.status, ...(await sendCounts(tx, campaignId)) };
    }
    // A survey closed (or deleted) since scheduling: back to draft for the team to decide, unsent.
    const surveyId = embeddedSurveyId(campaign.blocks);
    const survey = surveyId ? await findEmbeddedSurvey(tx, campaign.workspaceId, surveyId) : null;
    if (surveyId && (!survey || surveySendProblem(survey))) {
      await tx.update(campaigns).set({ status: 'draft', scheduledAt: null, updatedAt: sql`now()` }).where(eq(campaigns.id, campaignId));
      return { started: false, status: 'draft' as const, recipients: 0, held: 0 };
    }
    const ab = campaign.abTest ? abTestSchema.parse(campaign.abTest) : null;
    // For a survey on a cadence, contacts asked within it are left out here, in the same statement.
    const where = await audienceWhere(tx, campaign.workspaceId, campaign.audience, await cadenceOf(tx, campaign));

    await freezeCampaignLinks(tx, campaign);

    const variant = ab ? sql`case when ${inTestPhaseSql(sql`${contacts.id}`, campaignId, ab)} then ${variantSql(sql`${contacts.id}`, campaignId, ab)} end` : sql`null::text`;
    const held = ab ? sql`not ${inTestPhaseSql(sql`${contacts.id}`, campaignId, ab)}` : sql`false`;
    await tx.execute(sql`
      insert into ${campaignSends} (workspace_id, campaign_id, contact_id, email, variant_key, held_for_winner)
      select ${contacts.workspaceId}, ${campaignId}::uuid, ${contacts.id}, ${contacts.email}, ${variant}, ${held}
      from ${contacts} where ${where}
      on conflict (campaign_id, contact_id) where enrolment_id is null do nothing`);

    await tx.update(campaigns).set({ status: 'sending', startedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(campaigns.id, campaignId));
    if (ab) {
      const waitMs = opts.abWaitMs ?? sendConfigFromEnv().abWaitMs;
      await enqueue(tx, {
        kind: JOB_KINDS.campaignAbWinner,
        key: jobKey(JOB_KINDS.campaignAbWinner, campaignId),
        payload: { campaignId },
        runAt: new Date(Date.now() + waitMs),
      });
    }
    return { started: true, status: 'sending' as const, ...(await sendCounts(tx, campaignId)) };
  });
}

async function sendCounts(db: Db, campaignId: string): Promise<{ recipients: number; held: number }> {
  const [row] = await executeRows<{ recipients: number | string; held: number | string }>(
    db,
    sql`select count(*) as recipients, count(*) filter (where ${campaignSends.heldForWinner}) as held
        from ${campaignSends} where ${campaignSends.campaignId} = ${campaignId}`,
  );
  return { recipients: Number(row.recipients), held: Number(row.held) };
}
