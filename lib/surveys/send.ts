import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { createCampaign } from '@/lib/campaigns/manage';
import { surveySendProblem } from '@/lib/campaigns/survey-block';
import { writeAudit } from '@/lib/db/audit';
import { surveys, workspaces, SURVEY_CADENCES, type Campaign, type CampaignAudience, type Survey } from '@/lib/db/schema';
import { audienceSchema } from '@/lib/db/schema/campaigns/validation';
import { withTransaction } from '@/lib/db/transaction';
import { invalid, notFound } from '@/lib/errors';
import { translator } from '@/lib/i18n/translator';
import { uuid } from '@/lib/validation/fields';
import { addMonths } from './cadence';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/** "Send this survey": the audience, and optionally a cadence in months (3, 6 or 12). */
export const surveySendSchema = z.object({
  surveyId: uuid,
  audience: audienceSchema,
  cadenceMonths: z.coerce
    .number()
    .refine((n) => (SURVEY_CADENCES as readonly number[]).includes(n), 'validation.choose')
    .nullish()
    .transform((n) => (n ? (n as Survey['cadenceMonths']) : null)),
});
export type SurveySendInput = z.input<typeof surveySendSchema>;

/** A survey mail fits the "triggered" benchmark best: one relationship question, not a newsletter or a promotion. */
export const SURVEY_CAMPAIGN_CATEGORY = 'triggered' as const;

/**
 * Sends a survey through the campaign machinery: creates a campaign draft (name, subject and a
 * short intro in the workspace language, then the survey's score-button block) for the chosen
 * audience, and stores the cadence on the survey (nextWaveAt: when the worker creates the next
 * wave). The team then reviews and schedules the draft in the campaign editor. One transaction.
 */
export async function sendSurvey({ ctx, input }: { ctx: WorkspaceCtx; input: z.output<typeof surveySendSchema> }): Promise<Campaign> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const [survey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.id, input.surveyId), eq(surveys.workspaceId, ctx.workspaceId)))
      .for('update');
    if (!survey) throw notFound('surveyNotFound');
    if (surveySendProblem(survey) === 'campaignSurveyClosed') throw invalid('campaignSurveyClosed');
    const [ws] = await tx.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
    const t = translator(ws.locale);
    const date = new Intl.DateTimeFormat(ws.locale === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date());
    const campaign = await createCampaign({
      ctx: { ...ctx, db: tx },
      input: {
        name: t('surveys.send.mail.name', { survey: survey.name, date }).slice(0, 120),
        category: SURVEY_CAMPAIGN_CATEGORY,
        audienceKind: 'b2c',
        subject: t(`surveys.send.mail.subject.${survey.kind}`),
        previewText: t('surveys.send.mail.previewText'),
        blocks: [
          // The merge tag is assembled here: its braces would be ICU syntax inside a message.
          { type: 'text', text: `${t('surveys.send.mail.greeting')} {{ first_name | "${t('surveys.send.mail.greetingFallback')}" }},\n\n${t('surveys.send.mail.body')}` },
          { type: 'survey', surveyId: survey.id },
          { type: 'text', text: t('surveys.send.mail.thanks') },
        ],
        audience: input.audience as CampaignAudience,
        abTest: null,
      },
    });
    const cadence = input.cadenceMonths;
    await tx
      .update(surveys)
      .set({
        cadenceMonths: cadence,
        waveAudience: cadence ? (input.audience as CampaignAudience) : null,
        nextWaveAt: cadence ? addMonths(new Date(), cadence) : null,
        updatedAt: new Date(),
      })
      .where(and(eq(surveys.id, survey.id), eq(surveys.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'survey.sent', survey.id, { campaignId: campaign.id, cadenceMonths: cadence });
    return campaign;
  });
}
