import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  primaryKey,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth';
import { contacts } from '../contacts';
import { workspaces } from '../workspaces';
import { AUDIENCE_KINDS, CAMPAIGN_CATEGORIES, CAMPAIGN_STATUSES, EVENT_TYPES, SEND_STATUSES, type AbVariable } from './constants';

export * from './constants';

export type CampaignAudience =
  | { type: 'all' }
  | { type: 'list'; listId: string }
  | { type: 'segment'; segmentId: string }
  /** Contacts whose latest NPS answer puts them in one of these groups (contacts.npsCategory). */
  | { type: 'npsCategory'; categories: ('promoter' | 'passive' | 'detractor')[] };

/** Content blocks of the editor; rendered to responsive HTML and plain text by lib/campaigns/render. */
export type ContentBlock =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'button'; text: string; url: string }
  | { type: 'image'; src: string; alt: string; href?: string }
  | { type: 'divider' }
  /** A survey's score buttons (11 for NPS, 5 for CSAT), each a personal tracked link. */
  | { type: 'survey'; surveyId: string }
  /** A button to this recipient's preference centre (`/p/<token>`): topics, frequency or unsubscribe. */
  | { type: 'preferences'; text: string };

export interface AbTestConfig {
  variable: AbVariable;
  /** Variant values in order; key A is the control. 2–4 variants. */
  variants: { key: string; value: string }[];
  /** Share of the audience in the test; the rest gets the winner later. 100 = plain split. */
  testPct: number;
  metric: 'click' | 'open';
  sendWinnerToRest: boolean;
  /** Set by the user to override the statistical verdict. */
  winnerOverride?: string | null;
}

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    category: text({ enum: CAMPAIGN_CATEGORIES }).notNull().default('newsletter'),
    audienceKind: text({ enum: AUDIENCE_KINDS }).notNull().default('b2c'),
    status: text({ enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    subject: text().notNull().default(''),
    previewText: text().notNull().default(''),
    blocks: jsonb().$type<ContentBlock[]>().notNull().default([]),
    audience: jsonb().$type<CampaignAudience>().notNull().default({ type: 'all' }),
    abTest: jsonb().$type<AbTestConfig | null>(),
    winnerKey: text(),
    scheduledAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Origin of tracked links in its mail, captured when it was scheduled (the worker has no request). */
    baseUrl: text(),
    /** The survey its score-button block embeds (at most one per campaign); cadence and reports key on it. */
    surveyId: uuid(),
    /** A re-engagement sequence's step mail (lib/sequences): kept out of the campaign list, never `sent` while the sequence runs. */
    sequenceId: uuid(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaigns_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('campaigns_sequence_idx').on(t.sequenceId).where(sql`${t.sequenceId} is not null`),
    index('campaigns_survey_idx').on(t.surveyId).where(sql`${t.surveyId} is not null`),
    index('campaigns_due_idx').on(t.scheduledAt).where(sql`${t.status} = 'scheduled'`),
  ],
);

/** The only URLs a tracked link may redirect to: frozen when the campaign starts sending. */
export const campaignLinks = pgTable(
  'campaign_links',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    url: text().notNull(),
  },
  (t) => [uniqueIndex('campaign_links_campaign_url_idx').on(t.campaignId, t.url)],
);

/**
 * One row per (campaign, contact) — per (enrolment, step campaign) for sequences: the unique index is what makes "nobody gets the same
 * campaign twice" a database rule rather than a hope.
 */
export const campaignSends = pgTable(
  'campaign_sends',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    variantKey: text(),
    /** A sequence step's row: the enrolment it belongs to (a contact who re-enters gets the step again, once per enrolment). */
    enrolmentId: bigint({ mode: 'number' }),
    /** Held back for "send the winner to the rest" of an A/B test. */
    heldForWinner: boolean().notNull().default(false),
    status: text({ enum: SEND_STATUSES }).notNull().default('pending'),
    claimedAt: timestamp({ withTimezone: true }),
    claimedBy: text(),
    sentAt: timestamp({ withTimezone: true }),
    error: text(),
    firstOpenAt: timestamp({ withTimezone: true }),
    firstHumanOpenAt: timestamp({ withTimezone: true }),
    firstClickAt: timestamp({ withTimezone: true }),
    firstHumanClickAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('campaign_sends_once_idx').on(t.campaignId, t.contactId).where(sql`${t.enrolmentId} is null`),
    uniqueIndex('campaign_sends_enrolment_once_idx').on(t.enrolmentId, t.campaignId).where(sql`${t.enrolmentId} is not null`),
    index('campaign_sends_queue_idx').on(t.campaignId, t.status),
  ],
);

/** Append-only tracking events. Reports read the roll-ups, never this table directly. */
export const events = pgTable(
  'events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    campaignId: uuid(),
    sendId: bigint({ mode: 'number' }),
    contactId: uuid(),
    linkId: bigint({ mode: 'number' }),
    type: text({ enum: EVENT_TYPES }).notNull(),
    /** Privacy-proxy opens, scanner clicks: kept, flagged, and left out of rates by default. */
    machine: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    meta: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('events_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('events_campaign_idx').on(t.campaignId, t.type),
    // A contact's timeline.
    index('events_contact_idx').on(t.workspaceId, t.contactId, t.createdAt),
    // Survey events are few among many: the burst check of a score click reads one mail's clicks,
    // the report counts one survey's follow-up clicks.
    index('events_survey_score_send_idx').on(t.sendId, t.createdAt).where(sql`${t.type} = 'survey_score'`),
    index('events_survey_followup_idx').on(t.workspaceId, sql`(${t.meta}->>'surveyId')`).where(sql`${t.type} = 'survey_followup'`),
  ],
);

/** Roll-ups written by lib/tracking/rollup from `events`; reports read only these. */
export const campaignStats = pgTable('campaign_stats', {
  campaignId: uuid()
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  workspaceId: uuid().notNull(),
  opens: integer().notNull().default(0),
  humanOpens: integer().notNull().default(0),
  clicks: integer().notNull().default(0),
  humanClicks: integer().notNull().default(0),
  unsubscribes: integer().notNull().default(0),
  bounces: integer().notNull().default(0),
  complaints: integer().notNull().default(0),
  conversions: integer().notNull().default(0),
  revenueCents: bigint({ mode: 'number' }).notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const campaignStatsHourly = pgTable(
  'campaign_stats_hourly',
  {
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    hour: timestamp({ withTimezone: true }).notNull(),
    opens: integer().notNull().default(0),
    humanOpens: integer().notNull().default(0),
    clicks: integer().notNull().default(0),
    humanClicks: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.hour] })],
);

/** Who clicked which link (first time), so unique clicks per link stay a cheap count. */
export const campaignLinkClickers = pgTable(
  'campaign_link_clickers',
  {
    linkId: bigint({ mode: 'number' })
      .notNull()
      .references(() => campaignLinks.id, { onDelete: 'cascade' }),
    sendId: bigint({ mode: 'number' }).notNull(),
    clicks: integer().notNull().default(0),
    humanClicks: integer().notNull().default(0),
    firstAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.sendId] })],
);

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignSend = typeof campaignSends.$inferSelect;
export type TrackingEvent = typeof events.$inferSelect;
