import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth';
import { workspaces } from '../workspaces';

/**
 * The secret an ESP presents when it posts bounces and complaints (lib/webhooks/secret.ts). Kept
 * encrypted (lib/crypto) because admins must be able to read it back. After a rotation the previous
 * secret still works until `previousValidUntil`, so the ESP can be updated without losing events.
 */
export const webhookSecrets = pgTable('webhook_secrets', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  secretEnc: text().notNull(),
  previousEnc: text(),
  previousValidUntil: timestamp({ withTimezone: true }),
  rotatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type WebhookSecretRow = typeof webhookSecrets.$inferSelect;

/** Events an outgoing webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['survey.answered', 'contact.reactivated', 'contact.sunset', 'conversion.recorded', 'contact.unsubscribed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** pending (queued or retrying) → succeeded | failed (gave up after the last attempt). */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * An outgoing webhook: a workspace's URL and the events it wants. The signing secret is kept
 * encrypted (lib/crypto) so admins can reveal it again.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    description: text(),
    events: text().array().$type<WebhookEvent[]>().notNull(),
    secretEnc: text().notNull(),
    active: boolean().notNull().default(true),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_workspace_idx').on(t.workspaceId)],
);

/**
 * One event for one endpoint, and its delivery log. Written in the same transaction as what it
 * reports (an outbox), delivered and retried by a `webhook.deliver` job.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The id receivers dedupe on (sent as `id` in the body and in a header). */
    eventId: uuid().notNull().defaultRandom(),
    event: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    isTest: boolean().notNull().default(false),
    status: text({ enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt)],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
