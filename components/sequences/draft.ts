import type { EntryMode, SequenceAudience, SunsetAction } from '@/lib/db/schema/sequences/constants';
import type { Sequence } from '@/lib/db/schema';

/** The builder's form state (numbers as typed); the page builds it from the sequence and its steps. */
export interface SettingsDraft {
  name: string;
  audience: SequenceAudience;
  entryMode: EntryMode;
  reentry: 'never' | 'after';
  cooldownDays: string;
  controlPct: string;
  sunsetAction: SunsetAction;
  sunsetListId: string;
  sunsetAfterDays: string;
  /** Steps 2–5. */
  gaps: { min: string; max: string }[];
}

export function draftOf(s: Sequence, steps: { position: number; gapMinDays: number; gapMaxDays: number }[]): SettingsDraft {
  return {
    name: s.name,
    audience: s.audience,
    entryMode: s.entryMode,
    reentry: s.reentryCooldownDays === null ? 'never' : 'after',
    cooldownDays: String(s.reentryCooldownDays ?? 90),
    controlPct: String(s.controlPct),
    sunsetAction: s.sunsetAction,
    sunsetListId: s.sunsetListId ?? '',
    sunsetAfterDays: String(s.sunsetAfterDays),
    gaps: steps.filter((x) => x.position > 1).map((x) => ({ min: String(x.gapMinDays), max: String(x.gapMaxDays) })),
  };
}

const whole = (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : null);

/** Gaps of all five steps as numbers (step 1: 0), or null while one is not a whole number. */
export function numericGaps(gaps: SettingsDraft['gaps']): { min: number; max: number }[] | null {
  const out = [{ min: 0, max: 0 }];
  for (const g of gaps) {
    const min = whole(g.min);
    const max = whole(g.max);
    if (min === null || max === null) return null;
    out.push({ min, max });
  }
  return out;
}

/** What the settings action receives. */
export function settingsInput(sequenceId: string, d: SettingsDraft) {
  return {
    sequenceId,
    name: d.name,
    audience: d.audience,
    entryMode: d.entryMode,
    reentryCooldownDays: d.reentry === 'never' ? null : d.cooldownDays,
    controlPct: d.controlPct,
    sunsetAction: d.sunsetAction,
    sunsetListId: d.sunsetAction === 'list' ? d.sunsetListId || null : null,
    sunsetAfterDays: d.sunsetAfterDays,
    gaps: d.gaps,
  };
}
