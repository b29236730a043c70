import { describe, expect, it } from 'vitest';
import { INDUSTRIES } from '@/lib/db/schema/workspaces/constants';
import { defaultBenchmarks, INACTIVITY_DEFAULT_DAYS, workspaceBenchmarksSchema } from './benchmarks';

describe('benchmark defaults (PRODUCT.md §2, §7)', () => {
  it.each(INDUSTRIES)('%s defaults pass their own validation', (industry) => {
    expect(workspaceBenchmarksSchema.safeParse(defaultBenchmarks(industry)).success).toBe(true);
  });

  it.each([
    ['ecommerce', 90],
    ['media', 60],
    ['b2b', 90],
    ['financial', 120],
  ] as const)('%s starts inactivity at %i days', (industry, days) => {
    expect(INACTIVITY_DEFAULT_DAYS[industry]).toBe(days);
    expect(defaultBenchmarks(industry).inactivityDays).toBe(days);
  });

  it('SaaS inactivity lies in the 30–60 day window', () => {
    expect(INACTIVITY_DEFAULT_DAYS.saas).toBeGreaterThanOrEqual(30);
    expect(INACTIVITY_DEFAULT_DAYS.saas).toBeLessThanOrEqual(60);
  });

  it('carries the literature figures', () => {
    const b = defaultBenchmarks('ecommerce');
    expect(b.ctrByCategory.welcome).toEqual({ low: 16, high: 26 });
    expect(b.ctrByAudience.b2c).toEqual({ low: 3, high: 5 });
    expect(b.conversion.googleAds).toEqual({ low: 7.52, high: 7.52 });
    expect(b.reengagement.winBack).toEqual({ low: 2, high: 5 });
    expect(b.controlGroupPct).toBe(10);
  });

  it('rejects a low above its high, negatives and text', () => {
    const b = defaultBenchmarks('saas');
    const bad = structuredClone(b) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    bad.ctrByCategory.newsletter = { low: 5, high: 1 };
    expect(workspaceBenchmarksSchema.safeParse(bad).error?.issues[0].message).toBe('validation.lowAboveHigh');
    const neg = structuredClone(b) as unknown as Record<string, unknown>;
    neg.controlGroupPct = -1;
    expect(workspaceBenchmarksSchema.safeParse(neg).error?.issues[0].message).toBe('validation.nonNegative');
    const text = structuredClone(b) as unknown as Record<string, unknown>;
    text.inactivityDays = 'ninety';
    expect(workspaceBenchmarksSchema.safeParse(text).success).toBe(false);
  });

  it.each([
    ['5,5', 5.5],
    [' 7.25 ', 7.25],
    [3, 3],
  ])('reads %j as %d (Dutch decimal comma included)', (input, expected) => {
    const b = structuredClone(defaultBenchmarks('saas')) as unknown as Record<string, unknown>;
    b.controlGroupPct = input;
    expect(workspaceBenchmarksSchema.parse(b).controlGroupPct).toBe(expected);
  });

  it.each([
    ['', 'validation.required'],
    ['ninety', 'validation.number'],
    ['1e3', 'validation.number'],
  ])('refuses %j with %s, never as 0', (input, message) => {
    const b = structuredClone(defaultBenchmarks('saas')) as unknown as Record<string, unknown>;
    b.inactivityDays = input;
    expect(workspaceBenchmarksSchema.safeParse(b).error?.issues[0].message).toBe(message);
  });
});
