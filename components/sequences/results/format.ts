import { formatPoints } from '@/lib/metrics';

/** Reports show amounts in euros until workspaces carry a currency; stored values are whole cents. */
const CURRENCY = 'EUR';

export function formatCents(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: CURRENCY }).format(cents / 100);
}

/** A p-value with three decimals; below 0.001 as "< 0.001". */
export function formatPValue(p: number | null, locale: string, noData: string): string {
  if (p === null) return noData;
  const fmt = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return p < 0.001 ? `< ${fmt.format(0.001)}` : fmt.format(p);
}

/** A relative change in percent, signed: `+64.7 %`. */
export const formatRelative = (value: number | null, locale: string, noData: string) => (value === null ? noData : `${formatPoints(value, locale)} %`);
