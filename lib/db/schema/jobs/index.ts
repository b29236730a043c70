import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The job queue and schedules live in Postgres, so any number of workers on any number of
 * machines share them: a job is claimed with FOR UPDATE SKIP LOCKED and a lease.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kind: text().notNull(),
    /** Optional de-duplication key: one open job per key (e.g. `campaign.send:<id>`). */
    key: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    doneAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`${t.doneAt} is null`),
    uniqueIndex('jobs_open_key_idx').on(t.key).where(sql`${t.doneAt} is null`),
  ],
);

/** High-water marks of incremental jobs (e.g. the events roll-up). */
export const cursors = pgTable('cursors', {
  name: text().primaryKey(),
  position: bigint({ mode: 'number' }).notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Job = typeof jobs.$inferSelect;
