import { smartLinkCtr, type Rate } from './rates';

/**
 * SmartLink analytics figures, PRODUCT.md §1: CTR = clicks ÷ visits × 100, per page, per kind and
 * per item. Never clamped: one visitor may click several items, so 2 clicks on 1 visit is 200 %.
 * Video links are counted on their own (not with buttons).
 */
export interface SmartlinkCounts {
  visits: number;
  uniqueVisitors: number;
  buttonClicks: number;
  imageClicks: number;
  videoClicks: number;
}

export interface SmartlinkFigures extends SmartlinkCounts {
  clicks: number;
  ctr: Rate;
  buttonCtr: Rate;
  imageCtr: Rate;
  videoCtr: Rate;
}

export function smartlinkFigures(c: SmartlinkCounts): SmartlinkFigures {
  const clicks = c.buttonClicks + c.imageClicks + c.videoClicks;
  return {
    ...c,
    clicks,
    ctr: smartLinkCtr(clicks, c.visits),
    buttonCtr: smartLinkCtr(c.buttonClicks, c.visits),
    imageCtr: smartLinkCtr(c.imageClicks, c.visits),
    videoCtr: smartLinkCtr(c.videoClicks, c.visits),
  };
}

/** One item's CTR against the page's visits in the same period. */
export const smartlinkItemCtr = (itemClicks: number, pageVisits: number): Rate => smartLinkCtr(itemClicks, pageVisits);

export interface Delta {
  /** current − previous (for rates: percentage points). */
  change: number | null;
  /** Relative change in %, null when the previous value is 0 or missing. */
  relative: Rate;
}

/** This period against the previous one of the same length. */
export function periodDelta(current: number | null, previous: number | null): Delta {
  if (current === null || previous === null) return { change: null, relative: null };
  return { change: current - previous, relative: previous === 0 ? null : ((current - previous) / Math.abs(previous)) * 100 };
}

export const SMARTLINK_PERIODS = [7, 30, 90] as const;
export type SmartlinkPeriodDays = (typeof SMARTLINK_PERIODS)[number];

export function smartlinkPeriod(raw: unknown): SmartlinkPeriodDays {
  const n = Number(raw);
  return (SMARTLINK_PERIODS as readonly number[]).includes(n) ? (n as SmartlinkPeriodDays) : 30;
}

/** Every calendar date 'YYYY-MM-DD' from `first` to `last` inclusive. */
export function dayRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end && out.length < 1000; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
