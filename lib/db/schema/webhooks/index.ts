import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
