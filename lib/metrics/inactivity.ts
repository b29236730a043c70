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
