import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { contacts } from '@/lib/db/schema/contacts';
import { INACTIVITY_SIGNALS, inactivityTierWindow, type InactivitySignal } from './inactivity';
import type { InactivityTierId } from './reactivation';

/** `now() - n days` on the database clock, so every comparison in one statement shares one instant. */
export const daysAgoSql = (days: number): SQL => sql`(now() - make_interval(days => ${days}::int))`;

/** SQL twin of `lastEngagement`: greatest() skips nulls and is null only when every signal is. */
export function lastEngagementSql(columns: Record<InactivitySignal, AnyPgColumn>): SQL {
  return sql`greatest(${sql.join(
    INACTIVITY_SIGNALS.map((s) => columns[s]),
    sql`, `,
  )})`;
}

/** A contact's last engagement (joined_at when it never engaged): what tiers, health and segments read. */
export const contactLastEngagementSql = (): SQL =>
  lastEngagementSql({
    lastActivityAt: contacts.lastActivityAt,
    lastOpenAt: contacts.lastOpenAt,
    lastClickAt: contacts.lastClickAt,
    lastPurchaseAt: contacts.lastPurchaseAt,
    joinedAt: contacts.joinedAt,
  });

/** SQL twin of `inactivityTier(daysSince(at, now())) === tier`; false when `at` is null. */
export function inactivityTierSql(at: SQL, tier: InactivityTierId): SQL {
  const { minDays, maxDaysExclusive } = inactivityTierWindow(tier);
  const lower = sql`${at} <= ${daysAgoSql(minDays)}`;
  return maxDaysExclusive === null ? lower : sql`(${lower} and ${at} > ${daysAgoSql(maxDaysExclusive)})`;
}
