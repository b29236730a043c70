import { describe, expect, it } from 'vitest';
import { formatRate } from './rates';
import { dayRange, periodDelta, smartlinkFigures, smartlinkItemCtr, smartlinkPeriod } from './smartlinks';

describe('smartlinkFigures', () => {
  it('is clicks ÷ visits × 100 and never clamps: 2 clicks on 1 visit is 200 %', () => {
    const f = smartlinkFigures({ visits: 1, uniqueVisitors: 1, buttonClicks: 2, imageClicks: 0, videoClicks: 0 });
    expect(f.clicks).toBe(2);
    expect(f.ctr).toBe(200);
    expect(f.buttonCtr).toBe(200);
    expect(f.imageCtr).toBe(0);
    expect(formatRate(f.ctr, 'nl')).toBe('200,0 %');
  });

  it('counts videos on their own and in the overall CTR', () => {
    const f = smartlinkFigures({ visits: 4, uniqueVisitors: 3, buttonClicks: 1, imageClicks: 2, videoClicks: 3 });
    expect([f.clicks, f.ctr, f.buttonCtr, f.imageCtr, f.videoCtr]).toEqual([6, 150, 25, 50, 75]);
  });

  it('has no data (null), not 0 %, without visits', () => {
    const f = smartlinkFigures({ visits: 0, uniqueVisitors: 0, buttonClicks: 3, imageClicks: 0, videoClicks: 0 });
    expect(f.ctr).toBeNull();
    expect(smartlinkItemCtr(0, 0)).toBeNull();
    expect(smartlinkItemCtr(9, 1)).toBe(900);
  });
});

describe('periodDelta', () => {
  it('gives the change and the relative change', () => {
    expect(periodDelta(15, 10)).toEqual({ change: 5, relative: 50 });
    expect(periodDelta(5, 10)).toEqual({ change: -5, relative: -50 });
    expect(periodDelta(5, 0)).toEqual({ change: 5, relative: null });
    expect(periodDelta(null, 3)).toEqual({ change: null, relative: null });
  });
});

describe('periods and days', () => {
  it('accepts 7, 30 and 90 days and falls back to 30', () => {
    expect([smartlinkPeriod('7'), smartlinkPeriod(90), smartlinkPeriod('x'), smartlinkPeriod('365')]).toEqual([7, 90, 30, 30]);
  });
  it('lists every day of a range, across a month end', () => {
    expect(dayRange('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(dayRange('2026-02-02', '2026-02-01')).toEqual([]);
  });
});
