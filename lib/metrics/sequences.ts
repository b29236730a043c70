import type { BehaviourSegment, StepKind } from '@/lib/db/schema/sequences/constants';

/**
 * Re-engagement timing and expectations (PRODUCT.md §7): pure, table-tested, the one home of
 * these numbers for the builder, the engine and the results page.
 */
const r = (low: number, high: number) => ({ low, high });

/** Days after the previous step (step 1: at enrolment), and each step's open-rate benchmark. */
export const DEFAULT_STEPS: readonly { kind: StepKind; gap: { min: number; max: number }; openRate: { low: number; high: number } }[] = [
  { kind: 'acknowledgement', gap: { min: 0, max: 0 }, openRate: r(15, 20) },
  { kind: 'valueReminder', gap: { min: 5, max: 7 }, openRate: r(12, 17) },
  { kind: 'incentive', gap: { min: 7, max: 10 }, openRate: r(18, 25) },
  { kind: 'preferenceUpdate', gap: { min: 7, max: 10 }, openRate: r(10, 15) },
  { kind: 'lastChance', gap: { min: 10, max: 14 }, openRate: r(20, 27) },
];

export const stepOpenRateBenchmark = (kind: StepKind) => DEFAULT_STEPS.find((s) => s.kind === kind)!.openRate;

/** Under 3 weeks does ~30 % worse; over 8 weeks the sequence fades. */
export const SEQUENCE_MIN_DAYS = 21;
export const SEQUENCE_MAX_DAYS = 56;

/** First to last step, at the shortest and the longest gaps. */
export function sequenceSpanDays(gaps: readonly { min: number; max: number }[]): { min: number; max: number } {
  return gaps.slice(1).reduce((acc, g) => ({ min: acc.min + g.min, max: acc.max + g.max }), { min: 0, max: 0 });
}

/** 'tooShort' when even the longest gaps stay under 3 weeks, 'tooLong' when even the shortest exceed 8. */
export function sequenceLengthWarning(gaps: readonly { min: number; max: number }[]): 'tooShort' | 'tooLong' | null {
  const span = sequenceSpanDays(gaps);
  if (span.max < SEQUENCE_MIN_DAYS) return 'tooShort';
  if (span.min > SEQUENCE_MAX_DAYS) return 'tooLong';
  return null;
}

/** Behaviour segments and their expected reactivation (PRODUCT.md §7). */
export const BEHAVIOUR_EXPECTED: Record<BehaviourSegment, { low: number; high: number }> = {
  stoppedClicking: r(12, 18),
  stoppedBuying: r(18, 25),
  neverEngaged: r(2, 5),
};

/**
 * Value tiers over contacts with purchases: the top 20 % by lifetime value are high, the next
 * 30 % mid; everyone else (no purchases included) is low.
 */
export const VALUE_TIER_QUANTILES = { high: 0.8, mid: 0.5 } as const;

/** After reactivation: the nurture window, and how long a quiet spell inside it counts as a relapse. */
export const NURTURE_DAYS = 60;
export const RELAPSE_QUIET_DAYS = 30;

/** Recorded once at enrolment: `u` uniform in [0, 1), `pct` the control share in percent. */
export const isControl = (u: number, pct: number): boolean => u * 100 < pct;
