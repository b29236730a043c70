import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SegmentRules } from '@/lib/segments/rules';
import { users } from '../auth';
import { workspaces } from '../workspaces';
import { CSAT_CATEGORIES, SURVEY_GROUPS } from '../surveys/constants';
import {
  CONTACT_STATUSES,
  IMPORT_STATUSES,
  type ContactAttributes,
  type ImportError,
  type ImportNotice,
  type ImportReject,
} from './constants';

export * from './constants';

export interface ContactPreferences {
  topics: string[];
  frequency: string;
  updatedAt: string;
}

const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
const timestamptz = () => timestamp({ withTimezone: true });

export const contacts = pgTable(
  'contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /** Always lower-case (checked): the unique key per workspace and what imports match on. */
    email: text().notNull(),
    firstName: text(),
    lastName: text(),
    status: text({ enum: CONTACT_STATUSES }).notNull().default('subscribed'),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb().$type<ContactAttributes>().notNull().default({}),
    /** Start of the inactivity clock when a contact never engaged; null only if explicitly unknown. */
    joinedAt: timestamptz().defaultNow(),
    /** Last human open and click: the events roll-up moves them forward only (imports may set them too). */
    lastOpenAt: timestamptz(),
    lastClickAt: timestamptz(),
    lastPurchaseAt: timestamptz(),
    /** Latest human engagement of any kind (open, click, conversion, purchase); never moved back. */
    lastActivityAt: timestamptz(),
    /** Signals a workspace may count as activity besides mail (settings → inactivity); written by the API and replies. */
    lastReplyAt: timestamptz(),
    lastVisitAt: timestamptz(),
    lastAppUseAt: timestamptz(),
    /** Lifetime purchase value in cents: the value tiers (high/mid/low) of re-engagement. */
    lifetimeValueCents: bigint({ mode: 'number' }).notNull().default(0),
    /** Saved in the preference centre: topics and frequency (null: never chosen). */
    preferences: jsonb().$type<ContactPreferences | null>(),
    /** Latest NPS answer's group (latest answer wins), set in the answer's own transaction. */
    npsCategory: text({ enum: SURVEY_GROUPS }),
    npsAnsweredAt: timestamptz(),
    /** Latest CSAT answer's group: satisfied (4–5), neutral (3), dissatisfied (1–2). */
    csatCategory: text({ enum: CSAT_CATEGORIES }),
    csatAnsweredAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_workspace_email_key').on(t.workspaceId, t.email),
    index('contacts_workspace_status_idx').on(t.workspaceId, t.status),
    // Also the keyset-pagination order of listContacts (newest first, id breaks ties).
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('contacts_tags_gin_idx').using('gin', t.tags),
    index('contacts_workspace_nps_idx').on(t.workspaceId, t.npsCategory).where(sql`${t.npsCategory} is not null`),
    check('contacts_email_lower_case', sql`${t.email} = lower(${t.email})`),
  ],
);

export const lists = pgTable(
  'lists',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lists_workspace_name_key').on(t.workspaceId, t.name)],
);

export const listMembers = pgTable(
  'list_members',
  {
    listId: uuid()
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    workspaceId: workspaceId(),
    addedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.contactId] }),
    index('list_members_workspace_contact_idx').on(t.workspaceId, t.contactId),
  ],
);

export const contactImports = pgTable(
  'contact_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    fileName: text().notNull(),
    status: text({ enum: IMPORT_STATUSES }).notNull().default('running'),
    /** Data rows read so far (header excluded); updated between batches while running. */
    totalRows: integer().notNull().default(0),
    insertedRows: integer().notNull().default(0),
    updatedRows: integer().notNull().default(0),
    rejectedRows: integer().notNull().default(0),
    /** Valid rows superseded by a later row with the same email in the same file. */
    duplicateRows: integer().notNull().default(0),
    /** The first IMPORT_LIMITS.maxRejectsKept rejects. */
    rejects: jsonb().$type<ImportReject[]>().notNull().default([]),
    /** What the import changed or left out of rows it kept (a bad tag or date, an in-file duplicate); capped like rejects. */
    notices: jsonb().$type<ImportNotice[]>().notNull().default([]),
    listId: uuid().references(() => lists.id, { onDelete: 'set null' }),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamptz().notNull().defaultNow(),
    finishedAt: timestamptz(),
    error: jsonb().$type<ImportError>(),
  },
  (t) => [index('contact_imports_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * Staging for a running import: valid rows land here in batches, then one transaction merges them
 * into contacts and deletes them. Rows never outlive their import (completed or failed).
 */
export const contactImportRows = pgTable(
  'contact_import_rows',
  {
    importId: uuid()
      .notNull()
      .references(() => contactImports.id, { onDelete: 'cascade' }),
    line: integer().notNull(),
    email: text().notNull(),
    firstName: text(),
    lastName: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb().$type<ContactAttributes>().notNull().default({}),
    joinedAt: timestamptz(),
    lastOpenAt: timestamptz(),
    lastClickAt: timestamptz(),
    lastPurchaseAt: timestamptz(),
    lifetimeValueCents: bigint({ mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

export const segments = pgTable(
  'segments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    rules: jsonb().$type<SegmentRules>().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('segments_workspace_name_key').on(t.workspaceId, t.name)],
);

export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
export type ContactList = typeof lists.$inferSelect;
export type ListMember = typeof listMembers.$inferSelect;
export type ContactImport = typeof contactImports.$inferSelect;
export type ContactImportRow = typeof contactImportRows.$inferInsert;
export type Segment = typeof segments.$inferSelect;
