import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { optionalPlainText, plainText, uuid } from '@/lib/validation/fields';
import { SURVEY_GROUPS } from '../surveys/constants';
import { AB_VARIABLES, AUDIENCE_KINDS, CAMPAIGN_CATEGORIES } from './constants';

const httpUrl = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(2000, tooLong(2000))
  .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }));

const blockText = (max: number) => z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(max, tooLong(max));

export const contentBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: blockText(200) }),
  z.object({ type: z.literal('text'), text: blockText(5000) }),
  z.object({ type: z.literal('button'), text: blockText(80), url: httpUrl }),
  z.object({ type: z.literal('image'), src: httpUrl, alt: z.string().trim().max(200, tooLong(200)), href: httpUrl.optional() }),
  z.object({ type: z.literal('divider') }),
  z.object({ type: z.literal('survey'), surveyId: z.uuid('validation.choose') }),
  z.object({ type: z.literal('preferences'), text: blockText(80) }),
]);

/** Blocks of one campaign: at most 50, and at most one survey (campaigns.surveyId names it). */
export const contentBlocksSchema = z
  .array(contentBlockSchema)
  .max(50, tooMany(50))
  .refine((blocks) => blocks.filter((b) => b.type === 'survey').length <= 1, 'validation.oneSurveyBlock');

export const audienceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('list'), listId: uuid }),
  z.object({ type: z.literal('segment'), segmentId: uuid }),
  z.object({
    type: z.literal('npsCategory'),
    categories: z
      .array(z.enum(SURVEY_GROUPS, { error: 'validation.choose' }))
      .min(1, 'validation.required')
      .max(SURVEY_GROUPS.length)
      .refine((c) => new Set(c).size === c.length, 'validation.invalid'),
  }),
]);

export const abTestSchema = z
  .object({
    variable: z.enum(AB_VARIABLES, { error: 'validation.choose' }),
    variants: z
      .array(z.object({ key: z.enum(['A', 'B', 'C', 'D']), value: plainText(200) }))
      .min(2, 'validation.abVariants')
      .max(4, 'validation.abVariants'),
    testPct: z.coerce.number().int('validation.wholeNumber').min(10, 'validation.abTestPct').max(100, 'validation.abTestPct'),
    metric: z.enum(['click', 'open']),
    sendWinnerToRest: z.boolean(),
    winnerOverride: z.enum(['A', 'B', 'C', 'D']).nullish(),
  })
  .refine((t) => new Set(t.variants.map((v) => v.key)).size === t.variants.length, { message: 'validation.invalid', path: ['variants'] });

/** What the editor saves; a draft may be incomplete, scheduling checks completeness. */
export const campaignDraftSchema = z.object({
  name: plainText(120),
  category: z.enum(CAMPAIGN_CATEGORIES, { error: 'validation.choose' }),
  audienceKind: z.enum(AUDIENCE_KINDS, { error: 'validation.choose' }),
  subject: optionalPlainText(200).transform((v) => v ?? ''),
  previewText: optionalPlainText(200).transform((v) => v ?? ''),
  blocks: contentBlocksSchema,
  audience: audienceSchema,
  abTest: abTestSchema.nullish(),
});
export type CampaignDraftInput = z.infer<typeof campaignDraftSchema>;

export const campaignRefSchema = z.object({ campaignId: uuid });
export const scheduleSchema = z.object({
  campaignId: uuid,
  /** ISO date-time; absent (and no sendAtLocal) means "send now". */
  sendAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }).optional(),
  /** `YYYY-MM-DDTHH:mm` on the workspace's clock (the schedule field); wins over sendAt. */
  sendAtLocal: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'validation.dateTime')
    .optional(),
});
