import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { contacts } from '@/lib/db/schema/contacts';
import { countsLastActivity, INACTIVITY_SIGNALS, inactivityTierWindow, SIGNAL_FIELDS, type InactivitySignal } from './inactivity';
import type { InactivityTierId } from './reactivation';
import { ACTIVITY_SIGNALS, type ActivitySignalKind } from '@/lib/db/schema/sequences/constants';

/** `now() - n days` on the database clock, so every comparison in one statement shares one instant. */
export const daysAgoSql = (days: number): SQL => sql`(now() - make_interval(days => ${days}::int))`;

/** SQL twin of `lastEngagement`: greatest() skips nulls and is null only when every signal is. */
export function lastEngagementSql(columns: Record<InactivitySignal, AnyPgColumn>): SQL {
  return sql`greatest(${sql.join(
    INACTIVITY_SIGNALS.map((s) => columns[s]),
    sql`, `,
  )})`;
}

/** SQL twin of `inactivityTier(daysSince(at, now())) === tier`; false when `at` is null. */
export function inactivityTierSql(at: SQL, tier: InactivityTierId): SQL {
  const { minDays, maxDaysExclusive } = inactivityTierWindow(tier);
  const lower = sql`${at} <= ${daysAgoSql(minDays)}`;
  return maxDaysExclusive === null ? lower : sql`(${lower} and ${at} > ${daysAgoSql(maxDaysExclusive)})`;
}

/** A contact column by its field name in lib/metrics (SIGNAL_FIELDS). */
const column = (field: (typeof SIGNAL_FIELDS)[ActivitySignalKind][number]): AnyPgColumn => contacts[field];

/**
 * A contact's last activity under the workspace's definition (joined_at when none is known), the
 * start of its inactivity clock; the SQL twin of `definedLastActivity`.
 */
export function definedLastActivitySql(signals: readonly ActivitySignalKind[]): SQL {
  const cols = new Set<AnyPgColumn>([contacts.joinedAt]);
  for (const s of signals) for (const f of SIGNAL_FIELDS[s]) cols.add(column(f));
  if (countsLastActivity(signals)) cols.add(contacts.lastActivityAt);
  return sql`greatest(${sql.join([...cols], sql`, `)})`;
}

/**
 * The same, for SQL that only knows the workspace id (segment rules): the signals are read from the
 * workspaces row by uncorrelated subqueries (init plans: a primary-key lookup per statement, not per row).
 */
export function workspaceLastActivitySql(workspaceId: string): SQL {
  const signals = sql`(select w.inactivity_signals from workspaces w where w.id = ${workspaceId})`;
  const when = (kind: ActivitySignalKind, col: AnyPgColumn) => sql`case when ${signals} @> array[${kind}::text] then ${col} end`;
  const parts: SQL[] = [sql`${contacts.joinedAt}`];
  for (const kind of ACTIVITY_SIGNALS) for (const f of SIGNAL_FIELDS[kind]) parts.push(when(kind, column(f)));
  parts.push(sql`case when ${signals} @> array['open', 'click', 'conversion']::text[] then ${contacts.lastActivityAt} end`);
  return sql`greatest(${sql.join(parts, sql`, `)})`;
}
