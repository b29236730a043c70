import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces';

export const MAIL_TRANSPORTS = ['outbox', 'smtp'] as const;
export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;

/** Every mail Pulse sends; with no SMTP configured this table *is* the outbox. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    /** Carries a one-time link (invitation, reset…): the outbox masks it for everyone but the recipient. */
    sensitive: boolean().notNull().default(false),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    transport: text({ enum: MAIL_TRANSPORTS }).notNull(),
    status: text({ enum: MAIL_STATUSES }).notNull().default('queued'),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('mail_messages_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);

export type MailMessage = typeof mailMessages.$inferSelect;
