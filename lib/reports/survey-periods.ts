/**
 * Calendar periods of the survey trend. The database truncates each answer's time to its week
 * (ISO, Monday) or month on the workspace's clock and hands back the local date 'YYYY-MM-DD';
 * here the gaps between the first and last period are filled so quiet weeks show as gaps.
 */
export const TREND_PERIODS = ['week', 'month'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The period after `start` (a period's first day), as a calendar date. */
export function nextPeriod(start: string, period: TrendPeriod): string {
  if (period === 'week') return iso(utc(start) + 7 * DAY_MS);
  const d = new Date(utc(start));
  return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Every period start from `first` to `last` inclusive (both already period starts). */
export function periodRange(first: string, last: string, period: TrendPeriod): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, period)) out.push(p);
  return out;
}
