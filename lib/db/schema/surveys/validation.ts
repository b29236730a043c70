import { z } from 'zod';
import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { hasControlChars, optionalPlainText, plainText, uuid } from '@/lib/validation/fields';
import { MAIL_SCORE_MODES, SURVEY_KINDS, SURVEY_LIMITS, SURVEY_LOCALES } from './constants';

/** The builder's input, shared by its actions and (later) the API. Messages are i18n keys. */
const MARKUP = /[<>]/;

/** `#4f46e5`: the colour input's own format, so the page and the mail row get exactly this. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/i;
export const hexColor = z
  .string({ error: 'validation.hexColor' })
  .trim()
  .regex(HEX_COLOR, 'validation.hexColor')
  .transform((v) => v.toLowerCase());

/** A logo is loaded by every respondent's browser: https only (no mixed content, no javascript:). */
export const optionalHttpsUrl = z
  .string({ error: 'validation.invalid' })
  .trim()
  .max(2000, tooLong(2000))
  .transform((v) => (v === '' ? null : v))
  .pipe(z.url({ protocol: /^https$/, error: 'validation.httpsUrl' }).nullable())
  .nullish()
  .transform((v) => v ?? null);

const httpUrl = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(2000, tooLong(2000))
  .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }));

/** A text that may span lines (thank-you texts): newlines kept, every other control character refused. */
const multilineText = (max: number) =>
  z
    .string({ error: 'validation.invalid' })
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, tooLong(max))
        .refine((v) => !MARKUP.test(v), 'validation.noMarkup')
        .refine((v) => !hasControlChars(v.replace(/\n/g, ' ')), 'validation.controlChars'),
    );

const dropEmpty = (o: Record<string, string | null | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as Record<string, string>;

/** One optional text per group; empty groups are left out (the page asks or says nothing extra). */
const perGroup = (text: z.ZodType<string | null | undefined>) =>
  z
    .object({ promoter: text, passive: text, detractor: text })
    .partial()
    .default({})
    .transform(dropEmpty);

const nextStepSchema = z
  .object({ label: plainText(80), url: httpUrl })
  .nullish()
  .transform((v) => v ?? null);

/** Both fields empty means "no next step"; one without the other is an error on the empty one. */
const optionalNextStep = z.preprocess((v) => {
  if (!v || typeof v !== 'object') return null;
  const { label, url } = v as { label?: unknown; url?: unknown };
  const blank = (x: unknown) => x === undefined || x === null || (typeof x === 'string' && x.trim() === '');
  return blank(label) && blank(url) ? null : v;
}, nextStepSchema);

/** `YYYY-MM-DDTHH:mm` on the workspace's clock (the datetime-local field); empty: no close date. */
const wallTime = z
  .string({ error: 'validation.dateTime' })
  .trim()
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), 'validation.dateTime')
  .transform((v) => (v === '' ? null : v))
  .nullish()
  .transform((v) => v ?? null);

const wholeHours = z.coerce
  .number({ error: 'validation.number' })
  .int('validation.wholeNumber')
  .min(0, 'validation.nonNegative')
  .max(SURVEY_LIMITS.maxChangeWindowHours, 'validation.changeWindow');

export const surveyInputSchema = z.object({
  name: plainText(SURVEY_LIMITS.nameLength),
  kind: z.enum(SURVEY_KINDS, { error: 'validation.choose' }),
  locale: z.enum(SURVEY_LOCALES, { error: 'validation.choose' }),
  question: optionalPlainText(SURVEY_LIMITS.questionLength).transform((v) => v ?? ''),
  followUp: perGroup(optionalPlainText(SURVEY_LIMITS.followUpLength)),
  thankYou: perGroup(multilineText(SURVEY_LIMITS.thankYouLength)),
  passiveNextStep: optionalNextStep,
  brandColor: hexColor,
  logoUrl: optionalHttpsUrl,
  changeWindowHours: wholeHours,
  alertUserIds: z
    .array(uuid)
    .max(SURVEY_LIMITS.maxAlertRecipients, tooMany(SURVEY_LIMITS.maxAlertRecipients))
    .default([])
    .transform((ids) => [...new Set(ids)]),
  /** The close date as the workspace's wall-clock time; the verb turns it into UTC. */
  closesAtLocal: wallTime,
});
export type SurveyInput = z.infer<typeof surveyInputSchema>;
/** What a caller may hand in before parsing (the builder's draft). */
export type SurveyInputDraft = z.input<typeof surveyInputSchema>;

export const surveyRefSchema = z.object({ surveyId: uuid });

export const mailScoreModeSchema = z.object({ mailScoreMode: z.enum(MAIL_SCORE_MODES, { error: 'validation.choose' }) });
