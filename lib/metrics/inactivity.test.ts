import { describe, expect, it } from 'vitest';
import { contactInactivityTier, daysSince, inactivityTierWindow, INACTIVITY_TIER_IDS, lastEngagement } from './inactivity';
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
