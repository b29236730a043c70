import { describe, expect, it } from 'vitest';
import { nextPeriod, periodRange } from './survey-periods';

describe('survey trend periods', () => {
  it.each([
    ['2026-11-30', 'week', '2026-12-07'],
    ['2026-12-28', 'week', '2027-01-04'],
    ['2026-03-23', 'week', '2026-03-30'], // across the DST change: calendar days, not 168 hours
    ['2026-01-01', 'month', '2026-02-01'],
    ['2026-12-01', 'month', '2027-01-01'],
  ] as const)('after %s (%s) comes %s', (start, period, next) => {
    expect(nextPeriod(start, period)).toBe(next);
  });

  it('fills the gaps between the first and the last period', () => {
    expect(periodRange('2026-11-02', '2026-11-23', 'week')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(periodRange('2026-10-01', '2027-01-01', 'month')).toEqual(['2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01']);
    expect(periodRange('2026-10-01', '2026-10-01', 'month')).toEqual(['2026-10-01']);
  });
});
