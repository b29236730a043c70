import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { CONTACT_LIMITS } from './constants';

/** Field rules shared by the contact forms, the CSV import and the segment rules. */
const MARKUP = /[<>]/;
const TAG_SEPARATORS = /[,;|]/;

/** Tags are lower-case so "VIP" and "vip" are one tag and tag filters match predictably. */
export const tagSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(CONTACT_LIMITS.tagLength, tooLong(CONTACT_LIMITS.tagLength))
  .refine((v) => !MARKUP.test(v) && !TAG_SEPARATORS.test(v), 'validation.tag');

export const tagsSchema = z
  .array(tagSchema)
  .max(CONTACT_LIMITS.tagsPerContact, tooMany(CONTACT_LIMITS.tagsPerContact))
  .transform((tags) => [...new Set(tags)]);

/** A CSV cell such as "vip, newsletter" (`,` `;` or `|` between tags). */
export const tagsCellSchema = z
  .string()
  .transform((cell) =>
    cell
      .split(TAG_SEPARATORS)
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(tagsSchema);

export const attributeKeySchema = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(new RegExp(`^[A-Za-z][A-Za-z0-9_-]{0,${CONTACT_LIMITS.attributeKeyLength - 1}}$`), 'validation.attributeKey');

export const attributeValueSchema = z
  .string({ error: 'validation.invalid' })
  .trim()
  .max(CONTACT_LIMITS.attributeValueLength, tooLong(CONTACT_LIMITS.attributeValueLength))
  .refine((v) => !MARKUP.test(v), 'validation.noMarkup');

export const attributesSchema = z
  .record(attributeKeySchema, attributeValueSchema)
  .refine((a) => Object.keys(a).length <= CONTACT_LIMITS.attributesPerContact, tooMany(CONTACT_LIMITS.attributesPerContact));
