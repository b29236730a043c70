import { z } from 'zod';
import { WEBHOOK_EVENTS } from '@/lib/db/schema';
import { optionalPlainText, uuid } from '@/lib/validation/fields';
import { MAX_WEBHOOK_URL_LENGTH } from './guard';

/** The events as a list, or as the form posts them (`events.0=survey.answered`, one checkbox each). */
const events = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v as Record<string, unknown>) : v === undefined ? [] : v),
  z
    .array(z.enum(WEBHOOK_EVENTS, { error: 'validation.choose' }))
    .min(1, 'errors.webhookOutEventsRequired')
    .transform((list) => WEBHOOK_EVENTS.filter((e) => list.includes(e))),
);

export const webhookEndpointSchema = z.object({
  url: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(MAX_WEBHOOK_URL_LENGTH, 'errors.webhookOutUrlInvalid'),
  events,
  description: optionalPlainText(200),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointSchema>;

export const webhookEndpointIdSchema = z.object({ endpointId: uuid });
export const webhookEndpointActiveSchema = z.object({ endpointId: uuid, active: z.boolean() });
export const webhookDeliveryIdSchema = z.object({ deliveryId: z.coerce.number().int().positive() });
