import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { contacts } from '@/lib/db/schema/contacts';
import { INACTIVITY_SIGNALS, inactivityTierWindow, type InactivitySignal } from './inactivity';
import type { InactivityTierId } from './reactivation';
import type { ActivitySignalKind } from '@/lib/db/schema/sequences/constants';

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

/** The contact column(s) behind each activity signal a workspace may count (settings → inactivity). */
const SIGNAL_COLUMNS: Record<ActivitySignalKind, AnyPgColumn[]> = {
  open: [contacts.lastOpenAt],
  click: [contacts.lastClickAt],
  reply: [contacts.lastReplyAt],
  conversion: [contacts.lastPurchaseAt],
  visit: [contacts.lastVisitAt],
  survey: [contacts.npsAnsweredAt, contacts.csatAnsweredAt],
  appUse: [contacts.lastAppUseAt],
};

/**
 * A contact's last activity under the workspace's definition (joined_at when none is known), the
 * start of its inactivity clock. last_activity_at (opens, clicks, purchases and dates an import set
 * alone) only counts when all three of those signals do.
 */
export function definedLastActivitySql(signals: readonly ActivitySignalKind[]): SQL {
  const cols = new Set<AnyPgColumn>([contacts.joinedAt]);
  for (const s of signals) for (const c of SIGNAL_COLUMNS[s]) cols.add(c);
  if (signals.includes('open') && signals.includes('click') && signals.includes('conversion')) cols.add(contacts.lastActivityAt);
  return sql`greatest(${sql.join([...cols], sql`, `)})`;
}
