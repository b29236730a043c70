import { describe, expect, it } from 'vitest';
import { controlWindowDays, firstSlotFrom, stepDueAt } from './window';

const AMS = 'Europe/Amsterdam';
const local = (d: Date, tz = AMS) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

describe('firstSlotFrom', () => {
  it.each([
    ['B2C weekday afternoon → that evening', 'b2c', '2026-11-23T12:00:00Z', 'Mon 23/11, 19:30'],
    ['B2C exactly on a slot → that slot', 'b2c', '2026-11-23T18:30:00Z', 'Mon 23/11, 19:30'],
    ['B2C one minute past a slot → the next one', 'b2c', '2026-11-23T18:31:00Z', 'Tue 24/11, 19:30'],
    ['B2C Saturday 11:00 → Sunday 10:00', 'b2c', '2026-11-28T10:00:00Z', 'Sun 29/11, 10:00'],
    ['B2B Friday evening → Monday 09:30', 'b2b', '2026-11-27T18:00:00Z', 'Mon 30/11, 09:30'],
  ] as const)('%s', (_label, kind, at, expected) => {
    expect(local(firstSlotFrom(new Date(at), kind, AMS))).toBe(expected);
  });

  it('uses the workspace time zone', () => {
    expect(local(firstSlotFrom(new Date('2026-11-23T14:00:00Z'), 'b2b', 'America/New_York'), 'America/New_York')).toBe('Mon 23/11, 09:30');
  });
});

describe('stepDueAt', () => {
  const b2c = (min: number, max: number) => ({ gapMinDays: min, gapMaxDays: max, audienceKind: 'b2c' as const });
  const b2b = (min: number, max: number) => ({ gapMinDays: min, gapMaxDays: max, audienceKind: 'b2b' as const });

  it.each([
    // Monday 19:30 + 5 days = Saturday 19:30 → Sunday 10:00 (inside 5–7 days).
    ['5–7 days from a Monday evening, B2C', '2026-11-23T18:30:00Z', b2c(5, 7), 'Sun 29/11, 10:00'],
    // Tuesday 09:30 + 5 days = Sunday 09:30 → Monday 09:30 (6 days, inside 5–7).
    ['5–7 days from a Tuesday morning, B2B', '2026-11-24T08:30:00Z', b2b(5, 7), 'Mon 30/11, 09:30'],
    // Friday 09:30 + 1 day = Saturday; the window is Monday, the gap ends Saturday 09:30.
    ['a gap that ends before the window → the end of the gap', '2026-11-27T08:30:00Z', b2b(1, 1), 'Sat 28/11, 09:30'],
  ] as const)('%s', (_label, from, step, expected) => {
    const due = stepDueAt(new Date(from), step, AMS);
    expect(local(due)).toBe(expected);
    expect(due.getTime()).toBeGreaterThanOrEqual(new Date(from).getTime() + step.gapMinDays * 86_400_000);
    expect(due.getTime()).toBeLessThanOrEqual(new Date(from).getTime() + step.gapMaxDays * 86_400_000);
  });

  it('step 1 goes out at the first slot from enrolment, however far the weekend pushes it', () => {
    expect(local(stepDueAt(new Date('2026-11-27T18:00:00Z'), b2b(0, 0), AMS, true))).toBe('Mon 30/11, 09:30');
  });

  it('keeps the local slot across the autumn DST change (25 Oct 2026): 19:30 on the wall clock, one hour later in UTC', () => {
    // Thursday 22 Oct 19:30 CEST (17:30Z) + 7 days → Thursday 29 Oct 19:30 CET (18:30Z).
    const due = stepDueAt(new Date('2026-10-22T17:30:00Z'), b2c(7, 10), AMS);
    expect(due.toISOString()).toBe('2026-10-29T18:30:00.000Z');
  });

  it('keeps the local slot across the spring DST change (29 Mar 2026)', () => {
    // Monday 23 Mar 19:30 CET (18:30Z) + 7 days → Monday 30 Mar 19:30 CEST (17:30Z): one hour short of 7×24 h,
    // so the first slot at or after +7 days is Tuesday's; the gap allows up to 10.
    const due = stepDueAt(new Date('2026-03-23T18:30:00Z'), b2c(7, 10), AMS);
    expect(due.toISOString()).toBe('2026-03-31T17:30:00.000Z');
  });

  it('a weekend slot on the DST Sunday itself is found at its local time', () => {
    // Saturday 28 Mar 12:00 CET → Sunday 29 Mar 10:00 CEST = 08:00Z.
    expect(firstSlotFrom(new Date('2026-03-28T11:00:00Z'), 'b2c', AMS).toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });
});

describe('controlWindowDays', () => {
  it('is the longest treatment span plus the days to the sunset', () => {
    expect(controlWindowDays([{ gapMaxDays: 0 }, { gapMaxDays: 7 }, { gapMaxDays: 10 }, { gapMaxDays: 10 }, { gapMaxDays: 14 }], 7)).toBe(48);
  });
});
