import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { startCampaign } from '@/lib/campaigns/start';
import { campaignSends } from '@/lib/db/schema';
import { getCampaignSurveyFigures } from '@/lib/reports/survey-campaign';
import { recordAnswer } from '@/lib/surveys/answer';
import { sendSurvey, surveySendSchema } from '@/lib/surveys/send';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { deliverAll, makeContacts, useSmtp } from './support/sending';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
let ctx: WorkspaceCtx;
let other: WorkspaceCtx;

beforeAll(async () => {
  process.env.PULSE_BASE_URL = 'https://pulse.example';
  const a = await makeUser(db(), { workspaceName: 'Survey report A' });
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  const b = await makeUser(db(), { workspaceName: 'Survey report B' });
  other = await ctxFor(db(), b.user.id, b.workspace.id);
  await useSmtp(db(), ctx.workspaceId, null);
});

describe("a survey mail's campaign report", () => {
  it('counts the answers from its own mails: confirmed against delivered, provisional and flagged apart', async () => {
    const survey = await makeSurvey(db(), ctx.workspaceId);
    await makeContacts(db(), ctx.workspaceId, 4);
    const campaign = await sendSurvey({ ctx, input: surveySendSchema.parse({ surveyId: survey.id, audience: { type: 'all' } }) });
    await scheduleCampaign({ ctx, input: { campaignId: campaign.id } });
    await startCampaign(db(), campaign.id);
    const { sent } = await deliverAll(db(), campaign.id);
    expect(sent).toBeGreaterThanOrEqual(4);
    const sends = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    const answer = (i: number, score: number, status: 'confirmed' | 'provisional' | 'flagged') =>
      recordAnswer(db(), { survey, channel: 'email', score, contactId: sends[i].contactId, campaignId: campaign.id, sendId: sends[i].id, status, flagReason: status === 'flagged' ? 'early' : null });
    await answer(0, 10, 'confirmed');
    await answer(1, 3, 'confirmed');
    await answer(2, 9, 'provisional');
    await answer(3, 0, 'flagged');
    // An answer on the public link is not this mail's.
    await recordAnswer(db(), { survey, channel: 'link', score: 10, browserKey: 'b', submissionId: 's' });

    const figures = await getCampaignSurveyFigures(ctx, campaign.id);
    expect(figures?.survey.id).toBe(survey.id);
    expect(figures?.statusCounts).toEqual({ confirmed: 2, provisional: 1, flagged: 1 });
    expect(figures?.confirmed.counts).toEqual({ promoters: 1, passives: 0, detractors: 1 });
    expect(figures?.confirmed.score).toBe(0);
    expect(figures?.delivered).toBe(sent);
    expect(figures?.rate).toBeCloseTo((2 / sent) * 100, 10);
    // Another workspace sees nothing of it.
    expect(await getCampaignSurveyFigures(other, campaign.id)).toBeNull();
  });
});
