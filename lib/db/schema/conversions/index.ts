import { sql } from 'drizzle-orm';
import { bigint, bigserial, char, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces';
import { CONVERSION_VIA, GOAL_KINDS } from './constants';

export * from './constants';

const timestamptz = () => timestamp({ withTimezone: true });
const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** A conversion goal: what the API and the snippet record against, by `key`. */
export const conversionGoals = pgTable(
  'conversion_goals',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    key: text().notNull(),
    name: text().notNull(),
    kind: text({ enum: GOAL_KINDS }).notNull().default('macro'),
    /** Used when a conversion brings no value of its own; null: no value. */
    defaultValueCents: bigint({ mode: 'number' }),
    currency: char({ length: 3 }).notNull().default('EUR'),
    archivedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversion_goals_key_idx').on(t.workspaceId, t.key)],
);

/**
 * One recorded conversion with its attribution: the last tracked click (campaign link, SmartLink
 * button, survey follow-up) within the workspace's window, resolved from the click id at record
 * time and kept, so reports never re-derive it. A repeated order id of a goal counts once.
 */
export const conversions = pgTable(
  'conversions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    goalId: uuid()
      .notNull()
      .references(() => conversionGoals.id, { onDelete: 'cascade' }),
    orderId: text(),
    valueCents: bigint({ mode: 'number' }),
    currency: char({ length: 3 }),
    via: text({ enum: CONVERSION_VIA }).notNull(),
    contactId: uuid(),
    /** lib/tracking/source */
    source: text().notNull().default('direct'),
    device: text().notNull().default('other'),
    referrerHost: text(),
    utmSource: text(),
    visitor: text(),
    // Attribution (all null: not attributed).
    clickKind: smallint(),
    clickRef: bigint({ mode: 'number' }),
    clickedAt: timestamptz(),
    campaignId: uuid(),
    sendId: bigint({ mode: 'number' }),
    linkId: bigint({ mode: 'number' }),
    smartlinkPageId: uuid(),
    smartlinkItemId: bigint({ mode: 'number' }),
    surveyId: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversions_order_idx').on(t.workspaceId, t.goalId, t.orderId).where(sql`${t.orderId} is not null`),
    index('conversions_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('conversions_campaign_idx').on(t.campaignId).where(sql`${t.campaignId} is not null`),
    index('conversions_smartlink_idx').on(t.smartlinkPageId).where(sql`${t.smartlinkPageId} is not null`),
  ],
);

/**
 * Page views on the customer's site, sent by the snippet: the denominator of conversion rate by
 * source and device. `clickRef`/`clickKind` when the visit arrived through a tracked redirect.
 */
export const siteVisits = pgTable(
  'site_visits',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    visitor: text(),
    source: text().notNull().default('direct'),
    device: text().notNull().default('other'),
    referrerHost: text(),
    utmSource: text(),
    clickKind: smallint(),
    clickRef: bigint({ mode: 'number' }),
    campaignId: uuid(),
    contactId: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index('site_visits_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);

export type ConversionGoal = typeof conversionGoals.$inferSelect;
export type Conversion = typeof conversions.$inferSelect;
export type SiteVisit = typeof siteVisits.$inferSelect;
