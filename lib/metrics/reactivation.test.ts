import { describe, expect, it } from 'vitest';
import { defaultBenchmarks } from './benchmarks';
import { inactivityTier, reactivationLift, reactivationRate } from './reactivation';
import { ctrVerdict, rangeVerdict } from './verdict';

describe('reactivation', () => {
  it('rate per group, no data without enrolment', () => {
    expect(reactivationRate({ enrolled: 900, reactivated: 45 })).toBe(5);
    expect(reactivationRate({ enrolled: 0, reactivated: 0 })).toBeNull();
  });

  it('lift over the control group with significance', () => {
    const r = reactivationLift({ enrolled: 9000, reactivated: 450 }, { enrolled: 1000, reactivated: 20 });
    expect(r.treatmentRate).toBe(5);
    expect(r.controlRate).toBe(2);
    expect(r.absoluteLift).toBeCloseTo(3, 10);
    expect(r.relativeLift).toBeCloseTo(150, 10);
    expect(r.significant).toBe(true);
  });

  it('relative lift is no data when the control never reactivated', () => {
    expect(reactivationLift({ enrolled: 100, reactivated: 5 }, { enrolled: 10, reactivated: 0 }).relativeLift).toBeNull();
  });

  it.each([
    [10, null],
    [30, 'tier1'],
    [60, 'tier1'],
    [61, 'tier2'],
    [120, 'tier2'],
    [121, 'tier3'],
    [365, 'tier3'],
    [366, 'tier4'],
    [2000, 'tier4'],
  ])('%i days inactive → %s', (days, tier) => {
    expect(inactivityTier(days)).toBe(tier);
  });
});

describe('benchmark verdicts', () => {
  const reading = defaultBenchmarks('ecommerce').ctrReading;
  it.each([
    [0.5, 'weak'],
    [1.5, 'average'],
    [2, 'good'],
    [4, 'good'],
    [4.1, 'strong'],
    [10, 'exceptional'],
    [null, null],
  ])('CTR %s → %s', (rate, verdict) => {
    expect(ctrVerdict(rate, reading)).toBe(verdict);
  });
  it.each([
    [1, 'below'],
    [3, 'within'],
    [6, 'above'],
    [null, null],
  ])('%s against 2–4 → %s', (rate, verdict) => {
    expect(rangeVerdict(rate, { low: 2, high: 4 })).toBe(verdict);
  });
});
