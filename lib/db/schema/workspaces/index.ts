import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { WorkspaceBenchmarks } from '@/lib/metrics/benchmarks';
import { users } from '../auth';
import { INDUSTRIES, LOCALES, ROLES } from './constants';
import { MAIL_SCORE_MODES } from '../surveys/constants';
import type { ActivitySignalKind } from '../sequences/constants';

export * from './constants';

export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey().defaultRandom(),
  /** Stable URL key (`/w/<slug>`); never changes when the workspace is renamed. */
  slug: text().notNull().unique(),
  name: text().notNull(),
  industry: text({ enum: INDUSTRIES }).notNull().default('ecommerce'),
  timezone: text().notNull().default('Europe/Amsterdam'),
  locale: text({ enum: LOCALES }).notNull().default('en'),
  reviewUrl: text(),
  referralUrl: text(),
  benchmarks: jsonb().$type<WorkspaceBenchmarks>().notNull(),
  /** Which signals count as activity for inactivity (days are benchmarks.inactivityDays); machine opens never count. */
  inactivitySignals: text().array().$type<ActivitySignalKind[]>().notNull().default(sql`'{open,click,reply,conversion,survey}'::text[]`),
  /** Scores clicked inside a mail: provisional until the person interacts with the page, or confirmed at once. */
  mailScoreMode: text({ enum: MAIL_SCORE_MODES }).notNull().default('provisional'),
  /** Conversions credit the last tracked click within this many days (lib/conversions). */
  attributionWindowDays: smallint().notNull().default(7),
  /** Public key of the browser snippet (`data-site`): identifies the workspace, grants nothing else. */
  siteKey: text()
    .notNull()
    .unique()
    .default(sql`replace(gen_random_uuid()::text, '-', '')`),
  /** Origins (https://shop.example) the snippet may report from; empty: any. */
  siteOrigins: text().array().notNull().default(sql`'{}'::text[]`),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: ROLES }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** sha256 of the one-time token; the token itself only exists in the mail. */
    tokenHash: text().notNull().unique(),
    invitedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invitations_workspace_idx').on(t.workspaceId, t.createdAt),
    uniqueIndex('invitations_one_open_per_email')
      .on(t.workspaceId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

/** Sending identity and SMTP per workspace; the password is encrypted at rest (lib/crypto). */
export const sendingSettings = pgTable('sending_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  fromName: text(),
  fromEmail: text(),
  replyTo: text(),
  smtpHost: text(),
  smtpPort: integer(),
  smtpSecure: boolean().notNull().default(false),
  smtpUser: text(),
  smtpPasswordEnc: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type SendingSettings = typeof sendingSettings.$inferSelect;
