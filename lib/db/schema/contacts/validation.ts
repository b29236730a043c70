import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { optionalPlainText, plainText, searchText, uuid } from '@/lib/validation/fields';
import { CSAT_CATEGORIES, SURVEY_GROUPS } from '../surveys/constants';
import { CONTACT_LIMITS, CONTACT_STATUSES } from './constants';
import { attributeKeySchema, attributesSchema, attributeValueSchema, contactEmailSchema as email, tagSchema, tagsCellSchema, tagsSchema } from './fields';

export * from './fields';

const personName = optionalPlainText(CONTACT_LIMITS.nameLength);
const status = z.enum(CONTACT_STATUSES, { error: 'validation.choose' });
const ids = z.array(uuid).min(1, 'validation.required').max(CONTACT_LIMITS.bulkIds, tooMany(CONTACT_LIMITS.bulkIds));

export const contactCreateSchema = z.object({
  email,
  firstName: personName,
  lastName: personName,
  status: status.optional(),
  tags: tagsSchema.optional(),
  attributes: attributesSchema.optional(),
});
export type ContactCreateInput = z.infer<typeof contactCreateSchema>;

/** The "new contact" form: tags typed as "vip, newsletter" in one field. */
export const contactCreateFormSchema = contactCreateSchema.extend({ tags: tagsCellSchema.optional() });

/** Only the fields present change; `attributes` replaces the whole set. */
export const contactUpdateSchema = z.object({
  contactId: uuid,
  email: email.optional(),
  firstName: personName,
  lastName: personName,
  attributes: attributesSchema.optional(),
});
export type ContactUpdateInput = z.infer<typeof contactUpdateSchema>;

export const contactRefSchema = z.object({ contactId: uuid });
export const contactBulkRefSchema = z.object({ contactIds: ids });
export const contactStatusSchema = z.object({ contactId: uuid, status });
export const contactTagsSchema = z.object({
  contactIds: ids,
  tags: z.array(tagSchema).min(1, 'validation.required').max(CONTACT_LIMITS.tagsPerContact, tooMany(CONTACT_LIMITS.tagsPerContact)),
});

export const listNameSchema = z.object({ name: plainText(80) });
export const listRefSchema = z.object({ listId: uuid });
export const listRenameSchema = z.object({ listId: uuid, name: plainText(80) });
export const listMembersSchema = z.object({ listId: uuid, contactIds: ids });

/** The filter of the contacts table; listContacts, countContacts and the CSV export share it. */
export const contactFilterSchema = z.object({
  q: searchText(200).optional(),
  status: status.optional(),
  listId: uuid.optional(),
  tag: tagSchema.optional(),
  segmentId: uuid.optional(),
  /** The latest NPS answer's group, or the latest CSAT answer's. */
  nps: z.enum(SURVEY_GROUPS, { error: 'validation.choose' }).optional(),
  csat: z.enum(CSAT_CATEGORIES, { error: 'validation.choose' }).optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const listContactsSchema = contactFilterSchema.extend({
  cursor: z.string().max(300, 'validation.invalid').optional(),
  limit: z.coerce
    .number()
    .int('validation.wholeNumber')
    .min(1, 'validation.positive')
    .max(CONTACT_LIMITS.maxPageSize, 'validation.tooLarge')
    .optional(),
});
export type ListContactsInput = z.infer<typeof listContactsSchema>;

const header = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(200, tooLong(200));

/** Which CSV header feeds which contact field; attributes map an attribute key to a header. */
export const importMappingSchema = z.object({
  email: header,
  firstName: header.optional(),
  lastName: header.optional(),
  tags: header.optional(),
  joinedAt: header.optional(),
  lastOpenAt: header.optional(),
  lastClickAt: header.optional(),
  lastPurchaseAt: header.optional(),
  lifetimeValue: header.optional(),
  attributes: z
    .record(attributeKeySchema, header)
    .refine((a) => Object.keys(a).length <= CONTACT_LIMITS.attributesPerContact, tooMany(CONTACT_LIMITS.attributesPerContact))
    .optional(),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The form fields that come with an upload (the file itself arrives as a stream). */
export const importRequestSchema = z.object({
  fileName: plainText(255),
  mapping: importMappingSchema,
  listId: uuid.nullish(),
});

/**
 * One CSV row after mapping; a failure refuses the row. Empty cells become null / are left out, so they
 * never erase stored data. Tags and dates are checked one by one elsewhere: a bad one is left out, the row kept.
 */
export const importRowSchema = z.object({
  email,
  firstName: personName,
  lastName: personName,
  attributes: z.record(attributeKeySchema, attributeValueSchema),
});

export const segmentInputSchema = z.object({ name: plainText(80), rules: segmentRulesSchema });
export type SegmentInput = z.infer<typeof segmentInputSchema>;
export const segmentUpdateSchema = segmentInputSchema.partial().extend({ segmentId: uuid });
export const segmentRefSchema = z.object({ segmentId: uuid });
