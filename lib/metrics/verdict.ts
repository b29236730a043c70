import type { Rate } from './rates';
import type { WorkspaceBenchmarks } from './benchmarks';

export type CtrVerdict = 'weak' | 'average' | 'good' | 'strong' | 'exceptional';

/** Reading of an email CTR (PRODUCT.md §2): < 1 % weak, 2–4 % good, > 4 % strong, ≥ 10 % exceptional. */
export function ctrVerdict(rate: Rate, reading: WorkspaceBenchmarks['ctrReading']): CtrVerdict | null {
  if (rate === null) return null;
  if (rate >= reading.exceptionalFrom) return 'exceptional';
  if (rate > reading.strongAbove) return 'strong';
  if (rate >= reading.goodFrom) return 'good';
  if (rate < reading.weakBelow) return 'weak';
  return 'average';
}

export type RangeVerdict = 'below' | 'within' | 'above';

/** Where a rate sits against a benchmark range (low–high). */
export function rangeVerdict(rate: Rate, range: { low: number; high: number }): RangeVerdict | null {
  if (rate === null) return null;
  if (rate < range.low) return 'below';
  if (rate > range.high) return 'above';
  return 'within';
}
