import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEPS,
  isControl,
  NURTURE_DAYS,
  RELAPSE_QUIET_DAYS,
  SEQUENCE_MAX_DAYS,
  SEQUENCE_MIN_DAYS,
  sequenceLengthWarning,
  sequenceSpanDays,
  stepOpenRateBenchmark,
} from './sequences';

const gaps = (...g: [number, number][]) => g.map(([min, max]) => ({ min, max }));

describe('DEFAULT_STEPS (PRODUCT.md §7)', () => {
  it.each([
    ['acknowledgement', 0, 0, 15, 20],
    ['valueReminder', 5, 7, 12, 17],
    ['incentive', 7, 10, 18, 25],
    ['preferenceUpdate', 7, 10, 10, 15],
    ['lastChance', 10, 14, 20, 27],
  ] as const)('%s: gap %i–%i days, open-rate benchmark %i–%i %%', (kind, gMin, gMax, oLow, oHigh) => {
    const step = DEFAULT_STEPS.find((s) => s.kind === kind)!;
    expect(step.gap).toEqual({ min: gMin, max: gMax });
    expect(stepOpenRateBenchmark(kind)).toEqual({ low: oLow, high: oHigh });
  });

  it('the default span is 4–6 weeks, inside the 3–8 week band', () => {
    expect(sequenceSpanDays(DEFAULT_STEPS.map((s) => s.gap))).toEqual({ min: 29, max: 41 });
    expect(sequenceLengthWarning(DEFAULT_STEPS.map((s) => s.gap))).toBeNull();
  });
});

describe('sequenceSpanDays', () => {
  it.each([
    ['step 1 never counts (it goes out at enrolment)', gaps([3, 9], [1, 2]), { min: 1, max: 2 }],
    ['one step only', gaps([0, 0]), { min: 0, max: 0 }],
    ['no steps', [], { min: 0, max: 0 }],
    ['sums min and max separately', gaps([0, 0], [5, 7], [7, 10]), { min: 12, max: 17 }],
  ])('%s', (_l, g, expected) => {
    expect(sequenceSpanDays(g)).toEqual(expected);
  });
});

describe('sequenceLengthWarning', () => {
  it.each([
    ['under 3 weeks even at the longest gaps', gaps([0, 0], [5, 5], [5, 5], [5, 5], [5, SEQUENCE_MIN_DAYS - 16]), 'tooShort'],
    ['exactly 3 weeks at the longest gaps is fine', gaps([0, 0], [5, 5], [5, 5], [5, 5], [5, SEQUENCE_MIN_DAYS - 15]), null],
    ['over 8 weeks even at the shortest gaps', gaps([0, 0], [15, 15], [15, 15], [15, 15], [SEQUENCE_MAX_DAYS - 44, 60]), 'tooLong'],
    ['exactly 8 weeks at the shortest gaps is fine', gaps([0, 0], [15, 15], [15, 15], [15, 15], [SEQUENCE_MAX_DAYS - 45, 60]), null],
    ['a range straddling both bounds is fine', gaps([0, 0], [1, 20], [1, 20], [1, 20], [1, 20]), null],
  ] as const)('%s', (_l, g, expected) => {
    expect(sequenceLengthWarning(g)).toBe(expected);
  });
});

describe('isControl', () => {
  it.each([
    [0, 10, true],
    [0.0999, 10, true],
    [0.1, 10, false],
    [0.99, 10, false],
    [0, 0, false],
    [0.4999, 50, true],
    [0.5, 50, false],
  ])('u = %f at %i %% → %s', (u, pct, expected) => {
    expect(isControl(u, pct)).toBe(expected);
  });
});

describe('nurture', () => {
  it('a 60-day window, a relapse after 30 quiet days inside it', () => {
    expect(NURTURE_DAYS).toBe(60);
    expect(RELAPSE_QUIET_DAYS).toBe(30);
  });
});
