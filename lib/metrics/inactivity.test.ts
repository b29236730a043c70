import { describe, expect, it } from 'vitest';
import { ACTIVITY_SIGNALS, DEFAULT_ACTIVITY_SIGNALS } from '@/lib/db/schema/sequences/constants';
import {
  contactInactivityTier,
  countsLastActivity,
  daysSince,
  definedInactivity,
  definedLastActivity,
  inactivityTierWindow,
  INACTIVITY_TIER_IDS,
  lastEngagement,
} from './inactivity';
import { inactivityTier } from './reactivation';

const NOW = new Date('2025-06-01T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe('inactivity', () => {
  it('counts whole days, rounded down', () => {
    expect(daysSince(ago(30), NOW)).toBe(30);
    expect(daysSince(ago(29.99), NOW)).toBe(29);
    expect(daysSince(ago(60.99), NOW)).toBe(60);
  });

  it('the latest known signal starts the clock; none known is null', () => {
    expect(lastEngagement({ joinedAt: ago(400), lastOpenAt: ago(90), lastClickAt: null })).toEqual(ago(90));
    expect(lastEngagement({ joinedAt: null })).toBeNull();
    expect(contactInactivityTier({ joinedAt: ago(400), lastPurchaseAt: ago(45) }, NOW)).toBe('tier1');
    expect(contactInactivityTier({}, NOW)).toBeNull();
    // Last activity (kept by the events roll-up, e.g. a conversion) counts like any other signal.
    expect(contactInactivityTier({ joinedAt: ago(400), lastOpenAt: ago(200), lastActivityAt: ago(70) }, NOW)).toBe('tier2');
  });

  // The SQL compares timestamps with these windows; they must agree with inactivityTier on every day.
  it('tier windows agree with inactivityTier for every elapsed time up to two years', () => {
    for (let hours = 0; hours <= 730 * 24; hours += 7) {
      const elapsedDays = hours / 24;
      const expected = inactivityTier(Math.floor(elapsedDays));
      const inWindow = INACTIVITY_TIER_IDS.filter((id) => {
        const w = inactivityTierWindow(id);
        return elapsedDays >= w.minDays && (w.maxDaysExclusive === null || elapsedDays < w.maxDaysExclusive);
      });
      expect(inWindow, `${elapsedDays} days`).toEqual(expected ? [expected] : []);
    }
  });
});

describe('the workspace definition (definedLastActivity, twin of definedLastActivitySql)', () => {
  const contact = {
    joinedAt: ago(500),
    lastOpenAt: ago(10),
    lastClickAt: ago(200),
    lastPurchaseAt: ago(90),
    lastActivityAt: ago(10),
    lastReplyAt: ago(70),
    lastVisitAt: ago(3),
    npsAnsweredAt: ago(40),
    csatAnsweredAt: null,
    lastAppUseAt: ago(1),
  };

  it.each<[string, (typeof ACTIVITY_SIGNALS)[number][], number]>([
    ['the default signals: the open', DEFAULT_ACTIVITY_SIGNALS, 10],
    ['clicks only', ['click'], 200],
    ['clicks and conversions', ['click', 'conversion'], 90],
    ['replies', ['reply'], 70],
    ['site visits', ['visit'], 3],
    ['survey answers (NPS or CSAT)', ['survey'], 40],
    ['app use', ['appUse'], 1],
    // last_activity_at holds the open too: without opens it must not count, or dropping opens changes nothing.
    ['everything but opens', ['click', 'reply', 'conversion', 'survey'], 40],
  ])('%s', (_name, signals, days) => {
    expect(definedLastActivity(contact, signals)).toEqual(ago(days));
  });

  it('falls back on the join date, and is null when nothing is known', () => {
    expect(definedLastActivity({ joinedAt: ago(400), lastOpenAt: ago(5) }, ['click'])).toEqual(ago(400));
    expect(definedLastActivity({ lastOpenAt: null }, ACTIVITY_SIGNALS)).toBeNull();
    expect(definedInactivity({}, ACTIVITY_SIGNALS, NOW)).toEqual({ lastActivity: null, daysInactive: null, tier: null });
  });

  it('last_activity_at stands in only when opens, clicks and conversions all count', () => {
    expect(countsLastActivity(['open', 'click', 'conversion'])).toBe(true);
    expect(countsLastActivity(['open', 'click'])).toBe(false);
    expect(definedLastActivity({ joinedAt: ago(400), lastActivityAt: ago(20) }, ['open', 'click'])).toEqual(ago(400));
    expect(definedLastActivity({ joinedAt: ago(400), lastActivityAt: ago(20) }, ['open', 'click', 'conversion'])).toEqual(ago(20));
  });

  it.each<[number, string | null]>([
    [0, null],
    [29, null],
    [30, 'tier1'],
    [60, 'tier1'],
    [61, 'tier2'],
    [120, 'tier2'],
    [121, 'tier3'],
    [365, 'tier3'],
    [366, 'tier4'],
    [1000, 'tier4'],
  ])('%i whole days inactive → %s', (days, tier) => {
    // An hour past the whole day: floor() keeps the day count, the boundary is the day itself.
    const at = new Date(ago(days).getTime() - 3_600_000);
    expect(definedInactivity({ joinedAt: ago(2000), lastClickAt: at }, ['click'], NOW)).toEqual({ lastActivity: at, daysInactive: days, tier });
  });

  it('an activity in the future (clock skew) is zero days, not negative', () => {
    expect(definedInactivity({ lastOpenAt: new Date(NOW.getTime() + 3_600_000) }, ['open'], NOW).daysInactive).toBe(0);
  });
});
