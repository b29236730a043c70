import { formatAmounts, formatPoints, formatRate, type Rate } from '@/lib/metrics';
import type { Amount } from '@/lib/reports/conversions';

export const money = (value: Amount[], locale: string, noData: string) => formatAmounts(value, locale, noData);
export const rate = (r: Rate, locale: string, noData: string) => formatRate(r, locale, noData);
/** A signed change, one decimal: `+12.5 %` (relative) or `+0.4 pt` (points). */
export const signed = (v: number | null, locale: string, noData: string, unit: string) => (v === null ? noData : `${formatPoints(v, locale)} ${unit}`);
