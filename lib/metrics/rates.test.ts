import { describe, expect, it } from 'vitest';
import {
  clickConversionRate,
  conversionRate,
  ctor,
  ctr,
  emailConversionRate,
  formatRate,
  listDecay,
  openRate,
  percent,
  smartLinkCtr,
} from './rates';

describe('rates (PRODUCT.md §1 worked examples)', () => {
  it.each([
    ['CTR: 250 unique clickers of 10,000 delivered', ctr(250, 10_000), 2.5],
    ['CTOR: 250 clickers of 1,000 openers', ctor(250, 1_000), 25],
    ['open rate: 2,000 of 10,000', openRate(2_000, 10_000), 20],
    ['conversion: 150 purchases of 5,000 visitors', conversionRate(150, 5_000), 3],
    ['email conversion vs delivered', emailConversionRate(30, 10_000), 0.3],
    ['email conversion vs clickers', clickConversionRate(30, 250), 12],
    ['SmartLink CTR: 9 clicks on 1 visit', smartLinkCtr(9, 1), 900],
    ['list decay: 260 of 1,000 inactive in 12 months', listDecay(260, 1_000), 26],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toBeCloseTo(expected, 10);
  });

  it.each([ctr, ctor, openRate, conversionRate, smartLinkCtr, listDecay])('%o: zero denominator is "no data" (null)', (fn) => {
    expect(fn(0, 0)).toBeNull();
    expect(fn(5, 0)).toBeNull();
  });

  it('never clamps above 100 %', () => {
    expect(smartLinkCtr(1_234, 100)).toBe(1_234);
  });

  it('refuses negative or non-finite counts', () => {
    expect(() => percent(-1, 10)).toThrow(RangeError);
    expect(() => percent(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('formatRate', () => {
  it.each([
    [2.5, 'en', '2.5 %'],
    [2.5, 'nl', '2,5 %'],
    [900, 'nl', '900,0 %'],
    [1234.56, 'en', '1,234.6 %'],
    [0, 'en', '0.0 %'],
  ])('%d in %s → %s', (rate, locale, expected) => {
    expect(formatRate(rate, locale)).toBe(expected);
  });
  it('shows no data for null, not 0 %', () => {
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatRate(null, 'nl', 'geen data')).toBe('geen data');
  });
});
