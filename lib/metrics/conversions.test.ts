import { describe, expect, it } from 'vitest';
import { defaultBenchmarks } from './benchmarks';
import {
  conversionPeriods,
  conversionReading,
  emailConversion,
  formatAmounts,
  formatMoney,
  parsePeriodDays,
  pointChange,
  relativeChange,
  siteBenchmarkKind,
  siteConversion,
} from './conversions';
import { formatRate } from './rates';

describe('conversion formulas', () => {
  it('site conversion rate is conversions ÷ visitors × 100; no visitors is no data', () => {
    expect(siteConversion(150, 5000).rate).toBe(3);
    expect(siteConversion(1, 3).rate).toBeCloseTo(33.333, 3);
    expect(siteConversion(0, 0)).toEqual({ rate: null, smallSample: false });
    expect(siteConversion(4, 0).rate).toBeNull();
    expect(siteConversion(0, 120)).toEqual({ rate: 0, smallSample: false });
  });

  it('marks fewer than 100 visitors or delivered as a small sample', () => {
    expect(siteConversion(1, 99).smallSample).toBe(true);
    expect(siteConversion(1, 100).smallSample).toBe(false);
    expect(emailConversion(1, 50, 5).smallSample).toBe(true);
    expect(emailConversion(0, 0, 0).smallSample).toBe(false);
  });

  it('email conversion: converters ÷ delivered and ÷ clickers, never clamped, zero denominators → no data', () => {
    expect(emailConversion(25, 1000, 100)).toEqual({ ofDelivered: 2.5, ofClickers: 25, smallSample: false });
    expect(emailConversion(3, 0, 0)).toEqual({ ofDelivered: null, ofClickers: null, smallSample: false });
    // A converter found through the contact's last click may not be a counted clicker of this mail.
    expect(emailConversion(3, 200, 2).ofClickers).toBe(150);
  });

  it('rounds to one decimal with a Dutch comma when shown', () => {
    expect(formatRate(siteConversion(1, 3).rate, 'en')).toBe('33.3 %');
    expect(formatRate(siteConversion(1, 3).rate, 'nl')).toBe('33,3 %');
    expect(formatRate(siteConversion(2, 3).rate, 'nl')).toBe('66,7 %');
    expect(formatRate(siteConversion(0, 0).rate, 'nl', 'geen gegevens')).toBe('geen gegevens');
  });

  it('change against the previous period: relative for counts, points for rates, no data without a base', () => {
    expect(relativeChange(15, 10)).toBe(50);
    expect(relativeChange(5, 10)).toBe(-50);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(0, 0)).toBeNull();
    expect(pointChange(3.5, 2)).toBe(1.5);
    expect(pointChange(null, 2)).toBeNull();
    expect(pointChange(2, null)).toBeNull();
  });

  it('periods: the last N days and the N days before, back to back', () => {
    const now = new Date('2026-03-31T12:00:00.000Z');
    const { current, previous } = conversionPeriods(7, now);
    expect(current.to.getTime()).toBe(now.getTime() + 1);
    expect(current.to.getTime() - current.from.getTime()).toBe(7 * 86_400_000);
    expect(previous.to).toEqual(current.from);
    expect(previous.to.getTime() - previous.from.getTime()).toBe(7 * 86_400_000);
    expect(() => conversionPeriods(0, now)).toThrow(RangeError);
    expect(() => conversionPeriods(1.5, now)).toThrow(RangeError);
  });

  it('parses the period parameter to 7, 30 or 90 days', () => {
    expect(parsePeriodDays('7')).toBe(7);
    expect(parsePeriodDays('90')).toBe(90);
    expect(parsePeriodDays(['30', '7'])).toBe(30);
    expect(parsePeriodDays('31')).toBe(30);
    expect(parsePeriodDays(undefined)).toBe(30);
    expect(parsePeriodDays('abc')).toBe(30);
  });

  it('reads a rate against the workspace benchmark picked by industry (PRODUCT.md §2)', () => {
    const b = defaultBenchmarks('ecommerce');
    expect(siteBenchmarkKind('ecommerce')).toBe('ecommerce');
    expect(siteBenchmarkKind('saas')).toBe('saasTrial');
    expect(siteBenchmarkKind('media')).toBe('landingPage');
    expect(siteBenchmarkKind('b2b')).toBe('leadGen');
    expect(conversionReading(2.5, b, 'ecommerce')).toEqual({ kind: 'ecommerce', range: { low: 2, high: 4 }, verdict: 'within' });
    expect(conversionReading(1.9, b, 'ecommerce').verdict).toBe('below');
    expect(conversionReading(5.1, b, 'email').verdict).toBe('above');
    expect(conversionReading(null, b, 'email').verdict).toBeNull();
    // The workspace's edited copy is what counts.
    expect(conversionReading(5.1, { ...b, conversion: { ...b.conversion, email: { low: 1, high: 8 } } }, 'email').verdict).toBe('within');
  });

  it('formats money per currency: € 49,95 in Dutch, €49.95 in English', () => {
    expect(formatMoney(4995, 'EUR', 'en')).toBe('€49.95');
    expect(formatMoney(4995, 'EUR', 'nl').replace(/\u00a0/g, ' ')).toBe('€ 49,95');
    expect(formatAmounts([], 'en', 'no data')).toBe('no data');
    expect(formatAmounts([{ currency: 'USD', cents: 1000 }, { currency: 'EUR', cents: 4995 }], 'en')).toBe('€49.95 · $10.00');
  });
});
