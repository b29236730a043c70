import { describe, expect, it } from 'vitest';
import { suggestSendTime } from './send-time';

const fmt = (d: Date, tz: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

describe('suggestSendTime', () => {
  const tz = 'Europe/Amsterdam';
  it.each([
    ['B2B on a Monday afternoon → Tuesday 09:30', 'b2b', '2026-11-23T14:00:00Z', 'Tue 09:30'],
    ['B2B on a Friday evening → Monday 09:30', 'b2b', '2026-11-27T18:00:00Z', 'Mon 09:30'],
    ['B2B early on a weekday → the same morning', 'b2b', '2026-11-24T06:00:00Z', 'Tue 09:30'],
    ['B2C on a weekday afternoon → that evening', 'b2c', '2026-11-23T12:00:00Z', 'Mon 19:30'],
    ['B2C on Saturday after 10 → Sunday 10:00', 'b2c', '2026-11-28T12:00:00Z', 'Sun 10:00'],
  ] as const)('%s', (_label, kind, now, expected) => {
    expect(fmt(suggestSendTime(kind, new Date(now), tz), tz)).toBe(expected);
  });

  it('respects the workspace timezone (09:00 in New York is still before the window)', () => {
    expect(fmt(suggestSendTime('b2b', new Date('2026-11-23T14:00:00Z'), 'America/New_York'), 'America/New_York')).toBe('Mon 09:30');
  });
});
