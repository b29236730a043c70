import { describe, expect, it } from 'vitest';
import { utcToWallTime, wallTimeToUtc } from './zoned-time';

describe('wallTimeToUtc', () => {
  it.each([
    ['2026-01-15T09:30', 'Europe/Amsterdam', '2026-01-15T08:30:00.000Z'],
    ['2026-07-15T09:30', 'Europe/Amsterdam', '2026-07-15T07:30:00.000Z'],
    ['2026-03-29T01:30', 'Europe/Amsterdam', '2026-03-29T00:30:00.000Z'], // last hour before spring-forward
    ['2026-03-29T03:30', 'Europe/Amsterdam', '2026-03-29T01:30:00.000Z'], // first hour after it
    ['2026-07-15T09:30', 'America/New_York', '2026-07-15T13:30:00.000Z'],
    ['2026-07-15T09:30', 'Asia/Kolkata', '2026-07-15T04:00:00.000Z'],
    ['2026-07-15T09:30', 'UTC', '2026-07-15T09:30:00.000Z'],
  ])('%s in %s → %s', (wall, tz, iso) => {
    expect(wallTimeToUtc(wall, tz)?.toISOString()).toBe(iso);
  });

  it.each(['', '2026-07-15', '2026-13-01T09:00', '2026-07-15T25:00', '2026-07-15T09:30Z'])('refuses %j', (wall) => {
    expect(wallTimeToUtc(wall, 'Europe/Amsterdam')).toBeNull();
  });

  it('round-trips through utcToWallTime', () => {
    const d = new Date('2026-10-25T12:15:00Z');
    for (const tz of ['Europe/Amsterdam', 'America/Los_Angeles', 'Australia/Sydney']) {
      expect(wallTimeToUtc(utcToWallTime(d, tz), tz)?.toISOString()).toBe(d.toISOString());
    }
  });
});
