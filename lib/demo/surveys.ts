import { randomUUID } from 'node:crypto';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { startCampaign } from '@/lib/campaigns/start';
import type { Survey } from '@/lib/db/schema';
import { surveyInputSchema } from '@/lib/db/schema/surveys/validation';
import { createSurvey, openSurvey } from '@/lib/surveys/manage';
import { recordAnswer } from '@/lib/surveys/answer';
import { scoreClick } from '@/lib/surveys/score-click';
import { findAnswer, loadPersonalSurvey } from '@/lib/surveys/public';
import { sendSurvey, surveySendSchema } from '@/lib/surveys/send';
import { updateLinks } from '@/lib/workspaces/update';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import type { PlannedContact } from './contacts-plan';
import { backdateCampaign, deliverThroughClaims } from './deliver';
import type { PlannedCampaign } from './campaigns-plan';
import { planEngagement } from './engagement-plan';
import { timed } from './profile';
import { recordEngagement } from './tracking';
import { planLinkAnswers, planWaveAnswer, type PlannedAnswer } from './surveys-plan';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const SCANNER = 'Mozilla/5.0 (compatible; Barracuda Sentinel (EE))';

export interface DemoSurveySummary {
  surveys: number;
  answers: number;
}

/**
 * The roaster's surveys, through the product's verbs: the builder creates and opens them, the
 * quarterly NPS goes out twice by mail ("Send this survey", six-month cadence) and people click a
 * score in the mail (scoreClick, as /t/s/ does) and confirm it on their page; link scanners click
 * every score seconds after delivery and are flagged. The public links collect anonymous answers.
 */
export async function seedDemoSurveys(
  ctx: WorkspaceCtx,
  story: { contactOf: (contactId: string) => PlannedContact | undefined; daysAgo: (d: number, hour?: number) => Date; now: Date },
): Promise<DemoSurveySummary> {
  const db = ctx.db;
  const summary: DemoSurveySummary = { surveys: 0, answers: 0 };
  await updateLinks({ ctx, input: { reviewUrl: 'https://www.trustpilot.com/review/shop.example.com', referralUrl: 'https://shop.example.com/refer-a-friend' } });

  const base = { locale: 'auto', question: '', brandColor: '#7c2d12', logoUrl: '', changeWindowHours: '72', alertUserIds: [], closesAtLocal: '' } as const;
  const nps = await createSurvey({
    ctx,
    input: surveyInputSchema.parse({
      ...base,
      name: 'Quarterly NPS',
      kind: 'nps',
      followUp: { promoter: 'What do you love most about our coffee?', passive: 'What would make us a 10 for you?', detractor: 'What went wrong?' },
      thankYou: {
        promoter: 'Thank you! Would you share that in a review?',
        passive: 'Thanks for your honest answer. Our brewing guides might help you get even more out of your beans.',
        detractor: 'We are sorry to hear that. A roaster will read your answer and get back to you.',
      },
      passiveNextStep: { label: 'Read the brewing guides', url: 'https://shop.example.com/guides' },
    }),
  });
  await openSurvey({ ctx, input: { surveyId: nps.id } });
  const csat = await createSurvey({
    ctx,
    input: surveyInputSchema.parse({
      ...base,
      name: 'Delivery satisfaction',
      kind: 'csat',
      followUp: { detractor: 'What went wrong with your delivery?' },
      thankYou: { promoter: 'Thanks! Enjoy your coffee.', passive: 'Thanks, we will keep working on it.', detractor: 'Sorry about that. We will look into it today.' },
      passiveNextStep: null,
    }),
  });
  await openSurvey({ ctx, input: { surveyId: csat.id } });
  summary.surveys = 2;

  // Two mail waves, six months apart: the cadence leaves nobody asked twice within it.
  for (const [wave, daysAgo] of [['early', 215], ['late', 30]] as const) {
    const campaign = await sendSurvey({ ctx, input: surveySendSchema.parse({ surveyId: nps.id, audience: { type: 'all' }, cadenceMonths: 6 }) });
    await scheduleCampaign({ ctx, input: { campaignId: campaign.id } });
    await timed('start', () => startCampaign(db, campaign.id, { abWaitMs: 0 }));
    const sendAt = story.daysAgo(daysAgo, 10);
    const sent = await timed('deliver', () => deliverThroughClaims(db, { campaignId: campaign.id, at: sendAt, spacingMs: 100 }));
    // Opens (human and Apple's proxy), unsubscribes and bounces as for any mail; the answers below are the clicks.
    const delivered = sent.flatMap((s) => {
      const contact = story.contactOf(s.contactId);
      return contact ? [{ sendId: s.id, contact, sentAt: s.sentAt, variantKey: null, firstMail: false }] : [];
    });
    const engagement = planEngagement(surveyMailPlan(wave, daysAgo), delivered, 0);
    await timed('record', () => recordEngagement(db, { workspaceId: ctx.workspaceId, campaignId: campaign.id, linkIds: [], engagement }));
    await backdateCampaign(db, campaign.id, sendAt);
    for (const s of sent) {
      const contact = story.contactOf(s.contactId);
      const plan = contact ? planWaveAnswer(wave, contact, s.sentAt) : null;
      if (plan && plan.at.getTime() < story.now.getTime()) summary.answers += await answerInMail(ctx, nps, s.id, plan);
    }
  }

  for (const [survey, kind, count, days] of [[nps, 'nps', 140, 330], [csat, 'csat', 260, 120]] as const) {
    for (const a of planLinkAnswers(kind, count, days, story.now)) {
      await recordAnswer(db, { survey, channel: 'link', score: a.score, comment: a.comment, browserKey: `demo-${randomUUID()}`, submissionId: randomUUID(), locale: 'en', now: a.at });
      summary.answers++;
    }
  }
  return summary;
}

/** The survey mail as the engagement plan sees it: opened a little more than a newsletter, no links of its own. */
function surveyMailPlan(wave: string, daysAgo: number): PlannedCampaign {
  return {
    key: `survey-${wave}`,
    name: 'Quarterly NPS',
    category: 'triggered',
    audienceKind: 'b2c',
    audience: 'all',
    daysAgo,
    hour: 10,
    subject: '',
    previewText: '',
    blocks: [],
    openFactor: 1.1,
    clickFactor: 0,
  };
}

/** A score clicked in the mail (and, for scanners, every score), then the person's page confirms it. */
async function answerInMail(ctx: WorkspaceCtx, survey: Survey, sendId: number, a: PlannedAnswer): Promise<number> {
  const db = ctx.db;
  if (a.scanner) {
    for (let score = 0; score <= 10; score++) await scoreClick(db, { method: 'GET', headers: { 'user-agent': SCANNER } }, sendId, score, a.at);
    return 0;
  }
  await scoreClick(db, { method: 'GET', headers: { 'user-agent': PHONE } }, sendId, a.score, a.at);
  if (a.confirmedAfterMs === null) return 1;
  const [stored, loaded] = await Promise.all([findAnswer(db, survey.id, { sendId }), loadPersonalSurvey(db, sendId)]);
  if (!stored || !loaded) throw new Error(`demo seed: the score click of send ${sendId} stored nothing`);
  // What the personal page's form post does: the same answer, confirmed, with the comment.
  await recordAnswer(db, { survey, channel: 'email', score: a.score, comment: a.comment, contactId: loaded.send.contactId, campaignId: loaded.send.campaignId, sendId, status: 'confirmed', now: new Date(a.at.getTime() + a.confirmedAfterMs) });
  return 1;
}
