import { z } from 'zod';
import { CONTACT_STATUSES } from '@/lib/db/schema/contacts/constants';
import { attributesSchema, contactEmailSchema, tagSchema, tagsSchema } from '@/lib/db/schema/contacts/fields';
import { conversionRequestSchema, conversionResponseSchema } from '@/lib/conversions/api-schema';
import { CONVERSION_VIA, GOAL_KEY } from '@/lib/db/schema/conversions/constants';
import { SURVEY_GROUPS } from '@/lib/db/schema/surveys/constants';
import { optionalPlainText } from '@/lib/validation/fields';

/**
 * The zod schemas of the public API v1: the handlers validate with them and lib/api/openapi builds
 * the OpenAPI document from them, so the document cannot drift from what the API accepts and says.
 */

export const API_PAGE_SIZE = 50;
export const API_MAX_PAGE_SIZE = 100;
/** The furthest back an event's `occurredAt` may lie. */
export const API_EVENT_MAX_AGE_DAYS = 365;

const isoDateTime = z.iso.datetime({ offset: true });
const nullableDateTime = isoDateTime.nullable();

// ── errors ───────────────────────────────────────────────────────────────────────────────────────
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(['VALIDATION', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL']),
      messageKey: z.string().meta({ description: 'Stable i18n key of the message (errors.<key>).' }),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      issues: z
        .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
        .optional()
        .meta({ description: 'Validation issues (400 only).' }),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'The one error shape of every Pulse HTTP API.' });

// ── pagination ───────────────────────────────────────────────────────────────────────────────────
export const pageQuerySchema = z.object({
  cursor: z.string().max(300).optional().meta({ description: 'nextCursor of the previous page (opaque).' }),
  limit: z.coerce.number().int().min(1).max(API_MAX_PAGE_SIZE).default(API_PAGE_SIZE).meta({ description: `1–${API_MAX_PAGE_SIZE}, default ${API_PAGE_SIZE}.` }),
});

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id, description: 'Newest first. nextCursor is null on the last page.' });

// ── contacts ─────────────────────────────────────────────────────────────────────────────────────
export const apiContactSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    status: z.enum(CONTACT_STATUSES),
    tags: z.array(z.string()),
    attributes: z.record(z.string(), z.string()),
    joinedAt: nullableDateTime,
    lastOpenAt: nullableDateTime,
    lastClickAt: nullableDateTime,
    lastActivityAt: nullableDateTime,
    lastReplyAt: nullableDateTime,
    lastVisitAt: nullableDateTime,
    lastAppUseAt: nullableDateTime,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Contact' });

export const contactListQuerySchema = pageQuerySchema.extend({
  email: contactEmailSchema.optional().meta({ description: 'Exact address.' }),
  status: z.enum(CONTACT_STATUSES).optional(),
  tag: tagSchema.optional(),
  updated_since: isoDateTime.optional().meta({ description: 'Only contacts changed at or after this time.' }),
});

export const contactPathSchema = z.object({ id: z.uuid() });
export const contactTagPathSchema = z.object({ id: z.uuid(), tag: tagSchema });

/** Upsert by address. `status` only ever unsubscribes: an upsert never re-subscribes anyone. */
export const contactUpsertSchema = z
  .object({
    email: contactEmailSchema,
    firstName: optionalPlainText(100).optional(),
    lastName: optionalPlainText(100).optional(),
    tags: tagsSchema.optional().meta({ description: 'Added to the tags the contact already has.' }),
    attributes: attributesSchema.optional().meta({ description: 'Merged into the existing attributes.' }),
    status: z.enum(['subscribed', 'unsubscribed']).optional().meta({
      description: 'subscribed applies to new contacts only; an existing unsubscribed, bounced or complained contact is never re-subscribed.',
    }),
  })
  .strict()
  .meta({ id: 'ContactUpsert' });

export const contactUpsertResultSchema = z.object({ data: apiContactSchema, created: z.boolean() }).meta({ id: 'ContactUpsertResult' });
export const contactResultSchema = z.object({ data: apiContactSchema }).meta({ id: 'ContactResult' });

// ── tags ─────────────────────────────────────────────────────────────────────────────────────────
export const tagsBodySchema = z
  .object({ tags: z.array(tagSchema).min(1).max(50) })
  .strict()
  .meta({ id: 'TagsBody' });
export const tagListSchema = z
  .object({ data: z.array(z.object({ tag: z.string(), contacts: z.int().min(0) })) })
  .meta({ id: 'TagList', description: 'Every tag in use with its number of contacts, most used first.' });

// ── events ───────────────────────────────────────────────────────────────────────────────────────
export const API_EVENT_TYPES = ['reply', 'site_visit', 'app_use', 'login'] as const;

export const eventBodySchema = z
  .object({
    type: z.enum(API_EVENT_TYPES).meta({ description: 'login counts as app use.' }),
    contactId: z.uuid().optional(),
    email: contactEmailSchema.optional(),
    occurredAt: isoDateTime.optional().meta({ description: `Default now; not in the future, at most ${API_EVENT_MAX_AGE_DAYS} days ago.` }),
  })
  .strict()
  .refine((b) => (b.contactId === undefined) !== (b.email === undefined), { message: 'apiContactRef', path: ['contactId'] })
  .meta({ id: 'EventBody', description: 'Activity the mail cannot see. Exactly one of contactId and email.' });

export const eventResultSchema = z
  .object({
    data: z.object({
      contactId: z.uuid(),
      type: z.enum(API_EVENT_TYPES),
      occurredAt: isoDateTime,
      reactivated: z.boolean().meta({ description: 'Active sequence enrolments ended as reactivated.' }),
    }),
  })
  .meta({ id: 'EventResult' });

export const eventListQuerySchema = pageQuerySchema
  .extend({ contactId: z.uuid().optional(), email: contactEmailSchema.optional() })
  .refine((q) => (q.contactId === undefined) !== (q.email === undefined), { message: 'apiContactRef', path: ['contactId'] });

export const apiEventSchema = z
  .object({
    id: z.string(),
    type: z.string().meta({ description: 'open, click, unsubscribe, bounce, complaint, conversion, survey_score, survey_followup, preference_update' }),
    campaignId: z.uuid().nullable(),
    machine: z.boolean().meta({ description: 'A privacy proxy or scanner, not a person.' }),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Event' });

// ── conversions ──────────────────────────────────────────────────────────────────────────────────
export const conversionListQuerySchema = pageQuerySchema.extend({
  goal: z.string().regex(GOAL_KEY).optional().meta({ description: 'Goal key.' }),
  since: isoDateTime.optional(),
});

export const apiConversionSchema = z
  .object({
    id: z.string(),
    goal: z.string(),
    orderId: z.string().nullable(),
    value: z.number().nullable().meta({ description: 'Major units (49.95).' }),
    currency: z.string().nullable(),
    via: z.enum(CONVERSION_VIA),
    contactId: z.uuid().nullable(),
    source: z.string(),
    device: z.string(),
    attributed: z.boolean(),
    campaignId: z.uuid().nullable(),
    smartlinkPageId: z.uuid().nullable(),
    surveyId: z.uuid().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Conversion' });

/**
 * POST /api/v1/conversions is answered bare by lib/conversions/api-http.ts; its contract is
 * lib/conversions/api-schema.ts, the schemas that handler validates with, named here for the document.
 */
export const conversionBodySchema = conversionRequestSchema.meta({ id: 'ConversionBody' });
export const conversionRecordSchema = conversionResponseSchema.meta({
  id: 'ConversionRecord',
  description: '201 recorded; 200 duplicate (the order id of this goal was recorded before).',
});

// ── survey responses ─────────────────────────────────────────────────────────────────────────────
export const surveyResponseListQuerySchema = pageQuerySchema.extend({
  surveyId: z.uuid().optional(),
  category: z.enum(SURVEY_GROUPS).optional(),
  since: isoDateTime.optional(),
});

export const apiSurveyResponseSchema = z
  .object({
    id: z.string(),
    surveyId: z.uuid(),
    contactId: z.uuid().nullable(),
    campaignId: z.uuid().nullable(),
    channel: z.string(),
    score: z.int(),
    category: z.enum(SURVEY_GROUPS),
    comment: z.string().nullable(),
    status: z.string(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'SurveyResponse' });
