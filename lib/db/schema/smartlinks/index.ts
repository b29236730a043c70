import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth';
import { workspaces } from '../workspaces';
import { SMARTLINK_HIT_TYPES, SMARTLINK_ITEM_KINDS, SMARTLINK_STATUSES, DEFAULT_SMARTLINK_THEME, type SmartlinkTheme } from './constants';

export * from './constants';

const timestamptz = () => timestamp({ withTimezone: true });
const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** A link-in-bio page, public at /l/<slug> once published. */
export const smartlinkPages = pgTable(
  'smartlink_pages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    /** Global: /l/<slug>. */
    slug: text().notNull().unique(),
    title: text().notNull(),
    bio: text(),
    /** https URL of the avatar image; null: initials. */
    avatarUrl: text(),
    theme: jsonb().$type<SmartlinkTheme>().notNull().default(DEFAULT_SMARTLINK_THEME),
    status: text({ enum: SMARTLINK_STATUSES }).notNull().default('draft'),
    publishedAt: timestamptz(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index('smartlink_pages_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * A button, image or video link on a page. Removing an item archives it (archived_at), so its
 * clicks stay in the analytics; the tracked redirect only reaches live items of a published page.
 */
export const smartlinkItems = pgTable(
  'smartlink_items',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    pageId: uuid()
      .notNull()
      .references(() => smartlinkPages.id, { onDelete: 'cascade' }),
    kind: text({ enum: SMARTLINK_ITEM_KINDS }).notNull().default('button'),
    label: text().notNull(),
    /** The redirect target (http/https only). */
    url: text().notNull(),
    /** Image items: the https image shown; video items: an optional thumbnail. */
    imageUrl: text(),
    position: integer().notNull(),
    archivedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index('smartlink_items_page_idx').on(t.pageId, t.position)],
);

/**
 * Append-only visits and clicks. `visitor` is a keyed hash (never the raw cookie or address) that
 * makes unique visitors countable per page; machine hits (bots, link-preview fetchers, prefetches)
 * are kept and flagged, and left out by default, as in campaign reports.
 */
export const smartlinkHits = pgTable(
  'smartlink_hits',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    pageId: uuid().notNull(),
    /** Clicks: the item clicked; visits: null. */
    itemId: bigint({ mode: 'number' }),
    type: text({ enum: SMARTLINK_HIT_TYPES }).notNull(),
    visitor: text(),
    machine: boolean().notNull().default(false),
    /** Why a hit is a machine: 'bot' | 'preview' | 'prefetch' | 'head' | 'no-agent'. */
    machineReason: text(),
    /** lib/tracking/source: email | social | search | ai | direct | other. */
    source: text(),
    /** lib/tracking/source: desktop | mobile | tablet | other. */
    device: text(),
    referrerHost: text(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index('smartlink_hits_page_idx').on(t.pageId, t.createdAt),
    index('smartlink_hits_item_idx').on(t.itemId, t.createdAt).where(sql`${t.itemId} is not null`),
  ],
);

export type SmartlinkPage = typeof smartlinkPages.$inferSelect;
export type SmartlinkItem = typeof smartlinkItems.$inferSelect;
export type SmartlinkHit = typeof smartlinkHits.$inferSelect;
