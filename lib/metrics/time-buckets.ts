/**
 * The report chart's time axis: a bucket (minutes, hours or days) that fits the span of the data,
 * so a campaign clicked within twenty minutes is a line over twenty minutes, not two dots in one hour.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Bucket sizes the chart may use, smallest first. */
export const TIME_BUCKETS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, DAY] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

/** At most this many points on the chart; the smallest bucket that fits wins. */
export const CHART_MAX_POINTS = 72;

/** Data spanning at most this long is read per minute (first opens/clicks), not from the hourly roll-up. */
export const MINUTE_DATA_MAX_SPAN = 6 * HOUR;

/** The smallest bucket, not finer than the data's own resolution, giving ≤ CHART_MAX_POINTS points. */
export function chooseBucket(spanMs: number, resolution: TimeBucket = MINUTE): TimeBucket {
  const span = Math.max(0, spanMs);
  for (const b of TIME_BUCKETS) {
    if (b < resolution) continue;
    if (Math.floor(span / b) + 1 <= CHART_MAX_POINTS) return b;
  }
  return DAY;
}

export interface TimePoint {
  at: Date;
  opens: number;
  humanOpens: number;
  clicks: number;
  humanClicks: number;
}

/** Start of the day containing `t` on the clock of `timeZone`, as a UTC instant. */
function dayStart(t: number, timeZone: string): number {
  const p = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(t))
    .reduce<Record<string, number>>((acc, x) => (x.type === 'literal' ? acc : { ...acc, [x.type]: Number(x.value) }), {});
  return t - ((p.hour * 60 + p.minute) * MINUTE + (t % MINUTE));
}

/**
 * Sums points into buckets and fills the gaps between the first and last with zeros, so the
 * line shows quiet stretches. Days follow the workspace's calendar; shorter buckets the clock.
 */
export function bucketSeries(points: TimePoint[], timeZone: string, resolution: TimeBucket = MINUTE): { bucket: TimeBucket; points: TimePoint[] } {
  if (points.length === 0) return { bucket: chooseBucket(0, resolution), points: [] };
  const times = points.map((p) => p.at.getTime());
  const bucket = chooseBucket(Math.max(...times) - Math.min(...times), resolution);
  const floor = (t: number) => (bucket === DAY ? dayStart(t, timeZone) : Math.floor(t / bucket) * bucket);
  const sums = new Map<number, TimePoint>();
  for (const p of points) {
    const key = floor(p.at.getTime());
    const s = sums.get(key) ?? { at: new Date(key), opens: 0, humanOpens: 0, clicks: 0, humanClicks: 0 };
    s.opens += p.opens;
    s.humanOpens += p.humanOpens;
    s.clicks += p.clicks;
    s.humanClicks += p.humanClicks;
    sums.set(key, s);
  }
  const keys = [...sums.keys()].sort((a, b) => a - b);
  const out: TimePoint[] = [];
  // Day steps re-floor after +25 h, so a 23- or 25-hour DST day still lands on the next midnight.
  for (let k = keys[0]; k <= keys[keys.length - 1]; k = bucket === DAY ? floor(k + DAY + HOUR) : k + bucket) {
    out.push(sums.get(k) ?? { at: new Date(k), opens: 0, humanOpens: 0, clicks: 0, humanClicks: 0 });
  }
  return { bucket, points: out };
}
