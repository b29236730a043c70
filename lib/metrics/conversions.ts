import type { Industry } from '@/lib/db/schema/workspaces/constants';
import { INDUSTRY_CONVERSION_KIND, type ConversionKind, type WorkspaceBenchmarks } from './benchmarks';
import { clickConversionRate, conversionRate, emailConversionRate, percent, type Rate } from './rates';
import { isSmallSample } from './sample';
import { rangeVerdict, type RangeVerdict } from './verdict';

/**
 * Conversion report formulas (PRODUCT.md §1, §2). Every rate goes through lib/metrics/rates
 * (`null` = "no data" when the denominator is 0, never clamped, one decimal when shown).
 *   site conversion rate      = conversions ÷ visitors × 100
 *   email conversion rate     = converters ÷ delivered × 100 (and ÷ human clickers × 100)
 *   change vs previous period = (current − previous) ÷ previous × 100
 */

export const CONVERSION_PERIOD_DAYS = [7, 30, 90] as const;
export type ConversionPeriodDays = (typeof CONVERSION_PERIOD_DAYS)[number];
export const DEFAULT_CONVERSION_PERIOD: ConversionPeriodDays = 30;
const DAY_MS = 86_400_000;

export interface Period {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** The last `days` days up to `now` and the equally long period right before it. */
export function conversionPeriods(days: number, now: Date): { current: Period; previous: Period } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a period needs whole days, got ${days}`);
  const to = new Date(now.getTime() + 1);
  const from = new Date(to.getTime() - days * DAY_MS);
  return { current: { from, to }, previous: { from: new Date(from.getTime() - days * DAY_MS), to: from } };
}

/** A query's `days` parameter: one of 7/30/90, else the default. */
export function parsePeriodDays(value: unknown): ConversionPeriodDays {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return (CONVERSION_PERIOD_DAYS as readonly number[]).includes(n) ? (n as ConversionPeriodDays) : DEFAULT_CONVERSION_PERIOD;
}

/** Relative change in percent; null when the previous period had nothing to compare with. */
export function relativeChange(current: number, previous: number): Rate {
  if (previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

/** Change of a rate in percentage points; null when either side has no data. */
export function pointChange(current: Rate, previous: Rate): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** Site conversion rate with its sample note: conversions ÷ visitors. */
export function siteConversion(conversions: number, visitors: number): { rate: Rate; smallSample: boolean } {
  return { rate: conversionRate(conversions, visitors), smallSample: visitors > 0 && isSmallSample(visitors) };
}

/** A campaign's email conversion: unique converters ÷ delivered and ÷ (human) clickers. */
export function emailConversion(converters: number, delivered: number, clickers: number) {
  return {
    ofDelivered: emailConversionRate(converters, delivered),
    ofClickers: clickConversionRate(converters, clickers),
    smallSample: delivered > 0 && isSmallSample(delivered),
  };
}

/** A share of a whole (e.g. a source's part of all conversions). */
export const conversionShare = (part: number, whole: number): Rate => percent(part, whole);

/** The benchmark a workspace's site conversion rate is read against, by industry. */
export function siteBenchmarkKind(industry: Industry): ConversionKind {
  return INDUSTRY_CONVERSION_KIND[industry];
}

export interface BenchmarkReading {
  kind: ConversionKind;
  range: { low: number; high: number };
  verdict: RangeVerdict | null;
}

/** A rate beside one §2 conversion benchmark of the workspace (its editable copy) and the reading. */
export function conversionReading(rate: Rate, benchmarks: WorkspaceBenchmarks, kind: ConversionKind): BenchmarkReading {
  const range = benchmarks.conversion[kind];
  return { kind, range, verdict: rangeVerdict(rate, range) };
}

/** An amount in whole cents as money: `€49.95` (en), `€ 49,95` (nl). */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** Several currencies side by side, largest first: `€49.95 · $10.00`; empty → `noData`. */
export function formatAmounts(amounts: { currency: string; cents: number }[], locale: string, noData = '—'): string {
  if (!amounts.length) return noData;
  return [...amounts]
    .sort((a, b) => b.cents - a.cents || a.currency.localeCompare(b.currency))
    .map((a) => formatMoney(a.cents, a.currency, locale))
    .join(' · ');
}
