import { z } from 'zod';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { plainText, uuid } from '@/lib/validation/fields';
import { tooLong } from '@/lib/i18n/message-key';
import { SURVEY_GROUPS } from '../surveys/constants';
import { BEHAVIOUR_SEGMENTS, ENTRY_MODES, SEQUENCE_LIMITS, SUNSET_ACTIONS, VALUE_TIERS } from './constants';

const unique = <T>(a: T[]) => new Set(a).size === a.length;

export const sequenceAudienceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('segment'), segmentId: uuid }),
  z.object({ type: z.literal('tier'), tiers: z.array(z.enum(INACTIVITY_TIER_IDS, { error: 'validation.choose' })).min(1, 'validation.required').refine(unique, 'validation.invalid') }),
  z.object({ type: z.literal('behaviour'), segment: z.enum(BEHAVIOUR_SEGMENTS, { error: 'validation.choose' }) }),
  z.object({ type: z.literal('value'), tiers: z.array(z.enum(VALUE_TIERS, { error: 'validation.choose' })).min(1, 'validation.required').refine(unique, 'validation.invalid') }),
  z.object({ type: z.literal('npsCategory'), categories: z.array(z.enum(SURVEY_GROUPS, { error: 'validation.choose' })).min(1, 'validation.required').refine(unique, 'validation.invalid') }),
]);

const whole = (min: number, max: number) =>
  z.coerce.number({ error: 'validation.wholeNumber' }).int('validation.wholeNumber').min(min, min === 0 ? 'validation.nonNegative' : 'validation.positive').max(max, 'validation.tooLarge');

export const siteUrlSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(2000, tooLong(2000))
  .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }));

/** A new sequence: the default template, its buttons leading to `siteUrl`. */
export const sequenceCreateSchema = z.object({
  name: plainText(SEQUENCE_LIMITS.nameLength),
  siteUrl: siteUrlSchema,
  audience: sequenceAudienceSchema,
});
export type SequenceCreateInput = z.infer<typeof sequenceCreateSchema>;

/** Everything the builder edits besides the step mails (those go through the campaign editor). */
export const sequenceSettingsSchema = z
  .object({
    sequenceId: uuid,
    name: plainText(SEQUENCE_LIMITS.nameLength),
    audience: sequenceAudienceSchema,
    entryMode: z.enum(ENTRY_MODES, { error: 'validation.choose' }),
    /** null: a contact who left never enters again. */
    reentryCooldownDays: whole(1, SEQUENCE_LIMITS.maxCooldownDays).nullable(),
    controlPct: whole(0, SEQUENCE_LIMITS.maxControlPct),
    sunsetAction: z.enum(SUNSET_ACTIONS, { error: 'validation.choose' }),
    sunsetListId: uuid.nullable(),
    sunsetAfterDays: whole(1, SEQUENCE_LIMITS.maxSunsetAfterDays),
    /** Gaps of steps 2–5 (step 1 goes out at enrolment). */
    gaps: z
      .array(z.object({ min: whole(1, SEQUENCE_LIMITS.maxGapDays), max: whole(1, SEQUENCE_LIMITS.maxGapDays) }).refine((g) => g.min <= g.max, { message: 'validation.lowAboveHigh', path: ['max'] }))
      .length(4),
  })
  .refine((s) => s.sunsetAction !== 'list' || s.sunsetListId !== null, { message: 'validation.choose', path: ['sunsetListId'] });
export type SequenceSettingsInput = z.infer<typeof sequenceSettingsSchema>;

export const sequenceRefSchema = z.object({ sequenceId: uuid });
