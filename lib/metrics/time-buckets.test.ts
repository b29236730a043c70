import { describe, expect, it } from 'vitest';
import { bucketSeries, chooseBucket, DAY, HOUR, MINUTE, type TimePoint } from './time-buckets';

describe('chooseBucket', () => {
  it.each([
    ['no span (one moment)', 0, MINUTE, MINUTE],
    ['20 minutes', 20 * MINUTE, MINUTE, MINUTE],
    ['71 minutes', 71 * MINUTE, MINUTE, MINUTE],
    ['72 minutes', 72 * MINUTE, MINUTE, 5 * MINUTE],
    ['5 hours', 5 * HOUR, MINUTE, 5 * MINUTE],
    ['6 hours', 6 * HOUR, MINUTE, 15 * MINUTE],
    ['a day of minute data', DAY, MINUTE, HOUR],
    ['30 minutes of hourly data', 30 * MINUTE, HOUR, HOUR],
    ['2 days of hourly data', 2 * DAY, HOUR, HOUR],
    ['4 days of hourly data', 4 * DAY, HOUR, DAY],
    ['a year', 365 * DAY, HOUR, DAY],
  ] as const)('%s → bucket', (_name, span, resolution, expected) => {
    expect(chooseBucket(span, resolution)).toBe(expected);
  });
});

const at = (iso: string, opens = 1, clicks = 0): TimePoint => ({ at: new Date(iso), opens, humanOpens: opens, clicks, humanClicks: clicks });

describe('bucketSeries', () => {
  it('spreads twenty minutes over minute buckets and fills the quiet minutes with zeros', () => {
    const { bucket, points } = bucketSeries([at('2026-05-04T10:00:10Z'), at('2026-05-04T10:00:50Z', 1, 1), at('2026-05-04T10:03:00Z')], 'Europe/Amsterdam');
    expect(bucket).toBe(MINUTE);
    expect(points.map((p) => [p.at.toISOString(), p.opens, p.clicks])).toEqual([
      ['2026-05-04T10:00:00.000Z', 2, 1],
      ['2026-05-04T10:01:00.000Z', 0, 0],
      ['2026-05-04T10:02:00.000Z', 0, 0],
      ['2026-05-04T10:03:00.000Z', 1, 0],
    ]);
  });

  it('sums a week of hourly data into days of the workspace calendar', () => {
    const { bucket, points } = bucketSeries(
      [at('2026-05-04T22:30:00Z', 2), at('2026-05-05T21:00:00Z', 3), at('2026-05-10T08:00:00Z', 1)],
      'Europe/Amsterdam',
      HOUR,
    );
    expect(bucket).toBe(DAY);
    // 22:30 UTC on the 4th is 00:30 on the 5th in Amsterdam (UTC+2): same day as 21:00 UTC the 5th.
    expect(points.map((p) => [p.at.toISOString(), p.opens])).toEqual([
      ['2026-05-04T22:00:00.000Z', 5],
      ['2026-05-05T22:00:00.000Z', 0],
      ['2026-05-06T22:00:00.000Z', 0],
      ['2026-05-07T22:00:00.000Z', 0],
      ['2026-05-08T22:00:00.000Z', 0],
      ['2026-05-09T22:00:00.000Z', 1],
    ]);
  });

  it('steps over a DST change to the next local midnight', () => {
    const { points } = bucketSeries([at('2026-03-27T12:00:00Z'), at('2026-03-31T12:00:00Z')], 'Europe/Amsterdam', HOUR);
    expect(points.map((p) => p.at.toISOString())).toEqual([
      '2026-03-26T23:00:00.000Z',
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
      '2026-03-30T22:00:00.000Z',
    ]);
  });

  it('is empty without data', () => {
    expect(bucketSeries([], 'UTC').points).toEqual([]);
  });
});
