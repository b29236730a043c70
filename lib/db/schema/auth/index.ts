import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../workspaces/constants';

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  /** Always stored lower-cased; see `normalizeEmail`. */
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  /** The user's own UI language; null means "use the workspace language". */
  locale: text({ enum: LOCALES }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Failed sign-in attempts, kept in Postgres so throttling holds across app instances. */
export const authFailures = pgTable(
  'auth_failures',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    key: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_failures_key_created_idx').on(t.key, t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
