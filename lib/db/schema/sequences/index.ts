import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth';
import { campaigns } from '../campaigns';
import { contacts, lists } from '../contacts';
import { workspaces } from '../workspaces';
import {
  ENROLMENT_GROUPS,
  ENROLMENT_STATUSES,
  ENTRY_MODES,
  SEQUENCE_STATUSES,
  STEP_KINDS,
  SUNSET_ACTIONS,
  type ExitReason,
  type SequenceAudience,
} from './constants';

export * from './constants';

const timestamptz = () => timestamp({ withTimezone: true });
const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const sequences = pgTable(
  'sequences',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    status: text({ enum: SEQUENCE_STATUSES }).notNull().default('draft'),
    audience: jsonb().$type<SequenceAudience>().notNull().default({ type: 'tier', tiers: ['tier2'] }),
    entryMode: text({ enum: ENTRY_MODES }).notNull().default('once'),
    /** Days after leaving before a contact may enter again; null: never again. */
    reentryCooldownDays: integer(),
    /** Share of enrolled contacts held out at random (recorded at enrolment). */
    controlPct: smallint().notNull().default(10),
    sunsetAction: text({ enum: SUNSET_ACTIONS }).notNull().default('unsubscribe'),
    sunsetListId: uuid().references(() => lists.id, { onDelete: 'set null' }),
    /** Days between the last step and the removal it announces. */
    sunsetAfterDays: smallint().notNull().default(7),
    /** Origin of tracked links in its mail, captured on activation (the worker has no request). */
    baseUrl: text(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    activatedAt: timestamptz(),
    pausedAt: timestamptz(),
    stoppedAt: timestamptz(),
    /** Continuous entry: the last time the engine looked for contacts crossing the threshold. */
    lastEntryAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index('sequences_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('sequences_control_pct_range', sql`${t.controlPct} between 0 and 50`),
  ],
);

/** A step is a campaign (category re-engagement) edited in the campaign editor; this row adds its place and gap. */
export const sequenceSteps = pgTable(
  'sequence_steps',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    sequenceId: uuid()
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    /** 1-based. */
    position: smallint().notNull(),
    kind: text({ enum: STEP_KINDS }).notNull(),
    /** Days after the previous step (step 1: after enrolment, usually 0); the step goes out at the first send window from gapMinDays on. */
    gapMinDays: smallint().notNull(),
    gapMaxDays: smallint().notNull(),
    campaignId: uuid()
      .notNull()
      .unique()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('sequence_steps_position_idx').on(t.sequenceId, t.position),
    check('sequence_steps_gap_order', sql`${t.gapMinDays} >= 0 and ${t.gapMaxDays} >= ${t.gapMinDays}`),
  ],
);

export const sequenceEnrolments = pgTable(
  'sequence_enrolments',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    sequenceId: uuid()
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    group: text({ enum: ENROLMENT_GROUPS }).notNull(),
    status: text({ enum: ENROLMENT_STATUSES }).notNull().default('active'),
    /** Steps queued so far (0 = none yet). Control contacts stay at 0. */
    step: smallint().notNull().default(0),
    /** When the engine next acts on it (a step, the sunset, or the end of a control window); null once it left. */
    nextDueAt: timestamptz(),
    enrolledAt: timestamptz().notNull().defaultNow(),
    /** Inactivity tier and value tier at enrolment, for results per tier. */
    tier: text(),
    valueTier: text(),
    /** Days since last activity at enrolment: the `days_away` merge tag. */
    daysAway: integer(),
    lastStepAt: timestamptz(),
    /** The removal date the last step announces (`sunset_date` merge tag); for control: the end of its window. */
    sunsetAt: timestamptz(),
    exitedAt: timestamptz(),
    exitReason: text().$type<ExitReason>(),
    reactivatedAt: timestamptz(),
    /** Reactivated: end of the 60-day nurture window. */
    nurtureUntil: timestamptz(),
    /** Went quiet again within the nurture window. */
    relapsedAt: timestamptz(),
  },
  (t) => [
    // The engine's due-work query: an index scan over active rows only.
    index('sequence_enrolments_due_idx').on(t.nextDueAt).where(sql`${t.status} = 'active'`),
    // One active enrolment per contact and sequence; re-entry (after the cool-down) adds a new row.
    uniqueIndex('sequence_enrolments_active_idx').on(t.sequenceId, t.contactId).where(sql`${t.status} = 'active'`),
    index('sequence_enrolments_sequence_idx').on(t.sequenceId, t.status),
    index('sequence_enrolments_contact_idx').on(t.workspaceId, t.contactId),
    index('sequence_enrolments_nurture_idx').on(t.nurtureUntil).where(sql`${t.reactivatedAt} is not null and ${t.relapsedAt} is null`),
  ],
);

export type Sequence = typeof sequences.$inferSelect;
export type SequenceStep = typeof sequenceSteps.$inferSelect;
export type SequenceEnrolment = typeof sequenceEnrolments.$inferSelect;
