import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth';
import { workspaces } from '../workspaces';

/** read: GET endpoints only · write: everything (read included). */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Public API keys (`pk_live_<prefix>_<secret>`, shown once). Only a SHA-256 of the whole key is
 * stored — keys are 192-bit random, so a fast hash is enough and lookups stay one index probe.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** The first characters of the key, shown in Settings to tell keys apart. */
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    scope: text({ enum: API_KEY_SCOPES }).notNull().default('read'),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
