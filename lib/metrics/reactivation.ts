import { percent, type Rate } from './rates';
import { twoProportionZTest } from './stats';
import { INACTIVITY_TIERS } from './benchmarks';

export interface GroupCounts {
  enrolled: number;
  reactivated: number;
}

/** Reactivation rate: reactivated ÷ enrolled, per group. */
export const reactivationRate = (g: GroupCounts): Rate => percent(g.reactivated, g.enrolled);

/**
 * Treatment against the hold-out control group: absolute lift in points, relative lift in %, and
 * the two-proportion z-test p-value. Relative lift is null when the control rate is 0 or unknown.
 */
export function reactivationLift(treatment: GroupCounts, control: GroupCounts) {
  const t = reactivationRate(treatment);
  const c = reactivationRate(control);
  const test = twoProportionZTest(
    { successes: control.reactivated, trials: control.enrolled },
    { successes: treatment.reactivated, trials: treatment.enrolled },
  );
  return {
    treatmentRate: t,
    controlRate: c,
    absoluteLift: t === null || c === null ? null : t - c,
    relativeLift: t === null || c === null || c === 0 ? null : ((t - c) / c) * 100,
    pValue: test?.pValue ?? null,
    significant: test ? test.pValue < 0.05 : false,
  };
}

export type InactivityTierId = (typeof INACTIVITY_TIERS)[number]['id'];

/** Tier for days since last engagement; null while still active (under 30 days). */
export function inactivityTier(daysInactive: number): InactivityTierId | null {
  for (const tier of INACTIVITY_TIERS) {
    if (daysInactive >= tier.fromDays && (tier.toDays === null || daysInactive <= tier.toDays)) return tier.id;
  }
  return null;
}
