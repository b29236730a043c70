import type { AudienceKind } from '@/lib/db/schema/campaigns/constants';
import { SEND_WINDOWS } from '@/lib/campaigns/send-time';
import { utcToWallTime, wallTimeToUtc } from '@/lib/campaigns/zoned-time';

const DAY_MS = 86_400_000;

export interface StepTiming {
  /** Days after the previous step (step 1: after enrolment). */
  gapMinDays: number;
  gapMaxDays: number;
  audienceKind: AudienceKind;
}

/** The send-window slots (SEND_WINDOWS, wall clock of `timeZone`) on the local day of `day` and the 8 days after. */
function slotsFrom(day: Date, kind: AudienceKind, timeZone: string): Date[] {
  const [y, mo, d] = utcToWallTime(day, timeZone).slice(0, 10).split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  const out: Date[] = [];
  for (let i = 0; i <= 8; i++) {
    const date = new Date(Date.UTC(y, mo - 1, d + i));
    const weekday = date.getUTCDay();
    const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    for (const w of SEND_WINDOWS[kind]) {
      if (!w.days.includes(weekday)) continue;
      const at = wallTimeToUtc(`${ymd}T${pad(w.hour)}:${pad(w.minute)}`, timeZone);
      if (at) out.push(at);
    }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

/** The first send-window slot at or after `at` (every window recurs weekly, so one lies within 8 days). */
export function firstSlotFrom(at: Date, kind: AudienceKind, timeZone: string): Date {
  return slotsFrom(at, kind, timeZone).find((s) => s.getTime() >= at.getTime()) ?? at;
}

/**
 * When a step goes out, counted from `from` (the previous step's time; for step 1 the enrolment):
 * the first slot of the audience's send window at or after `from + gapMinDays`, but never later
 * than `from + gapMaxDays` — the gap outranks the window (a 7–7 gap landing on a weekend goes out
 * on the seventh day). Step 1 (`first`) has no upper bound: the first slot from enrolment.
 */
export function stepDueAt(from: Date, step: StepTiming, timeZone: string, first = false): Date {
  const earliest = new Date(from.getTime() + step.gapMinDays * DAY_MS);
  const slot = firstSlotFrom(earliest, step.audienceKind, timeZone);
  if (first) return slot;
  const latest = from.getTime() + step.gapMaxDays * DAY_MS;
  return slot.getTime() <= latest ? slot : new Date(latest);
}

/**
 * A control contact's window: the treatment's nominal span at the longest gaps plus the days to
 * the sunset, so a control contact is watched at least as long as any treated contact.
 */
export function controlWindowDays(steps: readonly Pick<StepTiming, 'gapMaxDays'>[], sunsetAfterDays: number): number {
  return steps.reduce((sum, s) => sum + s.gapMaxDays, 0) + sunsetAfterDays;
}
