import type { ActivitySignalKind } from '@/lib/db/schema/sequences/constants';
import { INACTIVITY_TIERS } from './benchmarks';
import { inactivityTier, type InactivityTierId } from './reactivation';

export const INACTIVITY_TIER_IDS = INACTIVITY_TIERS.map((t) => t.id) as [InactivityTierId, ...InactivityTierId[]];

/**
 * The contact timestamps that count as engagement; the latest one starts the inactivity clock, and
 * joinedAt stands in for a contact who never engaged. lastActivityAt (kept by the events roll-up)
 * already covers the others; they stay listed so dates an import wrote alone still count.
 */
export const INACTIVITY_SIGNALS = ['lastActivityAt', 'lastOpenAt', 'lastClickAt', 'lastPurchaseAt', 'joinedAt'] as const;
export type InactivitySignal = (typeof INACTIVITY_SIGNALS)[number];

const DAY_MS = 86_400_000;

/** Whole days from `from` to `now`, rounded down: the day count `inactivityTier` expects. */
export const daysSince = (from: Date, now: Date): number => Math.floor((now.getTime() - from.getTime()) / DAY_MS);

/** The latest known engagement signal of a contact, or null when none is known. */
export function lastEngagement(contact: Partial<Record<InactivitySignal, Date | null>>): Date | null {
  let latest: Date | null = null;
  for (const key of INACTIVITY_SIGNALS) {
    const at = contact[key];
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest;
}

/** A contact's tier at `now`; null while active or when no signal is known. */
export function contactInactivityTier(contact: Partial<Record<InactivitySignal, Date | null>>, now: Date) {
  const last = lastEngagement(contact);
  return last ? inactivityTier(daysSince(last, now)) : null;
}

/**
 * A tier as an elapsed-time window, for SQL that compares timestamps (index-friendly) instead of
 * computing day counts: floor(days) in [fromDays, toDays] ⟺ elapsed in [fromDays, toDays + 1) days.
 */
export function inactivityTierWindow(id: InactivityTierId): { minDays: number; maxDaysExclusive: number | null } {
  const tier = INACTIVITY_TIERS.find((t) => t.id === id);
  if (!tier) throw new Error(`unknown inactivity tier ${id}`);
  return { minDays: tier.fromDays, maxDaysExclusive: tier.toDays === null ? null : tier.toDays + 1 };
}

/** The contact fields behind each activity signal a workspace may count (settings → inactivity). */
export const SIGNAL_FIELDS = {
  open: ['lastOpenAt'],
  click: ['lastClickAt'],
  reply: ['lastReplyAt'],
  conversion: ['lastPurchaseAt'],
  visit: ['lastVisitAt'],
  survey: ['npsAnsweredAt', 'csatAnsweredAt'],
  appUse: ['lastAppUseAt'],
} as const satisfies Record<ActivitySignalKind, readonly string[]>;
type SignalField = (typeof SIGNAL_FIELDS)[ActivitySignalKind][number];

/**
 * last_activity_at (kept by the roll-up from opens, clicks and conversions, and dates an import set
 * alone) only stands for the definition when all three of those signals count.
 */
export const countsLastActivity = (signals: readonly ActivitySignalKind[]): boolean =>
  signals.includes('open') && signals.includes('click') && signals.includes('conversion');

export type DefinedActivityFields = Partial<Record<SignalField | 'lastActivityAt' | 'joinedAt', Date | null>>;

/** A contact's last activity under the workspace's definition (joinedAt when none is known); twin of definedLastActivitySql. */
export function definedLastActivity(contact: DefinedActivityFields, signals: readonly ActivitySignalKind[]): Date | null {
  const fields: (keyof DefinedActivityFields)[] = ['joinedAt', ...signals.flatMap((s) => SIGNAL_FIELDS[s])];
  if (countsLastActivity(signals)) fields.push('lastActivityAt');
  let latest: Date | null = null;
  for (const key of fields) {
    const at = contact[key];
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest;
}

/** Days inactive and tier under the workspace's definition; both null when nothing is known. */
export function definedInactivity(contact: DefinedActivityFields, signals: readonly ActivitySignalKind[], now: Date) {
  const last = definedLastActivity(contact, signals);
  if (!last) return { lastActivity: null, daysInactive: null, tier: null };
  const days = Math.max(0, daysSince(last, now));
  return { lastActivity: last, daysInactive: days, tier: inactivityTier(days) };
}
