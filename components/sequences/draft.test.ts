import { describe, expect, it } from 'vitest';
import { numericGaps, settingsInput, type SettingsDraft } from './draft';

const draft: SettingsDraft = {
  name: 'Win back',
  audience: { type: 'tier', tiers: ['tier2'] },
  entryMode: 'once',
  reentry: 'never',
  cooldownDays: '90',
  controlPct: '10',
  sunsetAction: 'unsubscribe',
  sunsetListId: 'b3f1c2d3-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  sunsetAfterDays: '7',
  gaps: [
    { min: '5', max: '7' },
    { min: '7', max: '10' },
    { min: '7', max: '10' },
    { min: '10', max: '14' },
  ],
};

describe('numericGaps', () => {
  it('prepends step 1 (at entry) to the typed gaps', () => {
    expect(numericGaps(draft.gaps)).toEqual([
      { min: 0, max: 0 },
      { min: 5, max: 7 },
      { min: 7, max: 10 },
      { min: 7, max: 10 },
      { min: 10, max: 14 },
    ]);
  });
  it.each(['', '1.5', '-2', 'x'])('is null while a gap reads %j (no warning from half-typed numbers)', (v) => {
    expect(numericGaps([{ min: v, max: '7' }, ...draft.gaps.slice(1)])).toBeNull();
  });
});

describe('settingsInput', () => {
  it('sends no cool-down for "never" and no list for "unsubscribe"', () => {
    expect(settingsInput('id', draft)).toMatchObject({ sequenceId: 'id', reentryCooldownDays: null, sunsetListId: null });
  });
  it('sends the typed cool-down and the chosen list otherwise', () => {
    expect(settingsInput('id', { ...draft, reentry: 'after', sunsetAction: 'list' })).toMatchObject({ reentryCooldownDays: '90', sunsetListId: draft.sunsetListId });
  });
});
