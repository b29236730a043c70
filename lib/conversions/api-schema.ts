import { z } from 'zod';
import { CURRENCY, GOAL_KEY } from '@/lib/db/schema/conversions/constants';

/**
 * The contract of POST /api/v1/conversions (answered bare by lib/conversions/api-http.ts) and of
 * the snippet's conversion message: one schema for validation and for the OpenAPI document.
 * `value` is in major units (49.95); it is stored as cents.
 */
export const MAX_CONVERSION_AGE_DAYS = 30;

export const conversionRequestSchema = z
  .object({
    goal: z.string().regex(GOAL_KEY).describe('The goal key, as set up in Conversions → Setup (e.g. `purchase`).'),
    orderId: z.string().trim().min(1).max(200).optional().describe('A repeated order id of the same goal counts once.'),
    value: z.number().finite().min(0).max(1e10).optional().describe('Value in major units (49.95); default: the goal\'s value.'),
    currency: z.string().regex(CURRENCY).optional().describe('ISO 4217 code; default: the goal\'s currency.'),
    clickId: z.string().max(100).optional().describe('The `pulse_cid` the visitor arrived with (the snippet keeps it).'),
    email: z.email().max(320).optional().describe('The converting contact, when known.'),
    contactId: z.uuid().optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional().describe(`When it happened; not in the future, at most ${MAX_CONVERSION_AGE_DAYS} days ago. Default: now.`),
  })
  .strict();
export type ConversionRequest = z.infer<typeof conversionRequestSchema>;

export const conversionResponseSchema = z.object({
  id: z.string().describe('The conversion id (a string of digits).'),
  status: z.enum(['recorded', 'duplicate']),
  attributed: z.boolean(),
  campaignId: z.uuid().nullable(),
  smartlinkPageId: z.uuid().nullable(),
  surveyId: z.uuid().nullable(),
});
export type ConversionResponse = z.infer<typeof conversionResponseSchema>;
