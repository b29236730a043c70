import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth';
import { campaigns, type CampaignAudience } from '../campaigns';
import { contacts } from '../contacts';
import { workspaces } from '../workspaces';
import {
  RESPONSE_CHANNELS,
  RESPONSE_STATUSES,
  SURVEY_GROUPS,
  SURVEY_KINDS,
  SURVEY_LOCALES,
  SURVEY_STATUSES,
  type NextStep,
  type PerGroupText,
} from './constants';

export * from './constants';

const timestamptz = () => timestamp({ withTimezone: true });

export const surveys = pgTable(
  'surveys',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    kind: text({ enum: SURVEY_KINDS }).notNull().default('nps'),
    status: text({ enum: SURVEY_STATUSES }).notNull().default('draft'),
    /** Answers are refused from this moment on (the survey reads as closed). */
    closesAt: timestamptz(),
    /** The anonymous public link `/s/<token>`: 128 random bits, base64url (22 chars). */
    publicToken: text().notNull().unique(),
    locale: text({ enum: SURVEY_LOCALES }).notNull().default('auto'),
    /** Empty means the default question of the kind in the page's language. */
    question: text().notNull().default(''),
    /** The optional open follow-up, worded per group; a missing group asks nothing. */
    followUp: jsonb().$type<PerGroupText>().notNull().default({}),
    thankYou: jsonb().$type<PerGroupText>().notNull().default({}),
    /** Passives' configurable next step on the thank-you page. */
    passiveNextStep: jsonb().$type<NextStep | null>(),
    brandColor: text().notNull().default('#4f46e5'),
    logoUrl: text(),
    /** Members who get a mail for every detractor answer. */
    alertUserIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    changeWindowHours: integer().notNull().default(72),
    /** Re-ask at most every N months (3, 6, 12) when sent on a cadence; null: no cadence. */
    cadenceMonths: smallint(),
    /** The audience a cadence re-sends to, and when the next wave is due (the worker creates it). */
    waveAudience: jsonb().$type<CampaignAudience | null>(),
    nextWaveAt: timestamptz(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index('surveys_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('surveys_next_wave_idx').on(t.nextWaveAt).where(sql`${t.nextWaveAt} is not null`),
  ],
);

/**
 * One row per answer. Personal answers (a contact's link or a score in their mail) are one per
 * (survey, send): changing the answer updates the row (latest wins). Anonymous answers are one
 * per (survey, browser cookie); `submissionId` makes a replayed form post a no-op.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    contactId: uuid().references(() => contacts.id, { onDelete: 'set null' }),
    campaignId: uuid().references(() => campaigns.id, { onDelete: 'set null' }),
    sendId: bigint({ mode: 'number' }),
    channel: text({ enum: RESPONSE_CHANNELS }).notNull(),
    score: smallint().notNull(),
    /** Decided by lib/metrics in the answer's own transaction. */
    category: text({ enum: SURVEY_GROUPS }).notNull(),
    comment: text(),
    status: text({ enum: RESPONSE_STATUSES }).notNull().default('confirmed'),
    /** Why a mail score was flagged: head, early, burst. */
    flagReason: text(),
    /** Anonymous answers: the per-browser cookie's id. */
    browserKey: text(),
    /** The form's one-time id: a replayed post finds it and stores nothing new. */
    submissionId: text(),
    locale: text(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
    confirmedAt: timestamptz(),
  },
  (t) => [
    uniqueIndex('survey_responses_send_key').on(t.surveyId, t.sendId).where(sql`${t.sendId} is not null`),
    uniqueIndex('survey_responses_browser_key').on(t.surveyId, t.browserKey).where(sql`${t.browserKey} is not null`),
    uniqueIndex('survey_responses_submission_key').on(t.surveyId, t.submissionId).where(sql`${t.submissionId} is not null`),
    index('survey_responses_survey_created_idx').on(t.surveyId, t.createdAt),
    index('survey_responses_contact_idx').on(t.workspaceId, t.contactId, t.createdAt),
  ],
);

export type Survey = typeof surveys.$inferSelect;
export type NewSurvey = typeof surveys.$inferInsert;
export type SurveyResponse = typeof surveyResponses.$inferSelect;
