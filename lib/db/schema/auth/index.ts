import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../workspaces/constants';

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  /** Always stored lower-cased; see `normalizeEmail`. */
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  /** The user's own UI language; null means "use the workspace language". */
  locale: text({ enum: LOCALES }),
  /** Embedded in the session cookie; bumped on sign-out and password change, which ends every older session. */
  sessionVersion: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Fixed-window counters for every throttle (sign-in, sign-up, test sends), kept in Postgres so all
 * app instances agree. `hits` is taken atomically *before* the guarded work (see lib/auth/throttle).
 */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  hits: integer().notNull(),
  windowStart: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
