import { describe, expect, it } from 'vitest';
import { audienceFromQuery } from './audience-from-query';

describe('audienceFromQuery', () => {
  it.each([
    [{}, { type: 'tier', tiers: ['tier2'] }],
    [{ tier: 'tier1' }, { type: 'tier', tiers: ['tier1'] }],
    [{ tier: 'tier3,tier4,tier3' }, { type: 'tier', tiers: ['tier3', 'tier4'] }],
    [{ tier: ['tier1', 'tier2'] }, { type: 'tier', tiers: ['tier1', 'tier2'] }],
    [{ behaviour: 'stoppedBuying' }, { type: 'behaviour', segment: 'stoppedBuying' }],
    [{ value: 'high,mid' }, { type: 'value', tiers: ['high', 'mid'] }],
    [{ nps: 'detractor' }, { type: 'npsCategory', categories: ['detractor'] }],
    [{ segment: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }, { type: 'segment', segmentId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }],
    // Anything a link cannot mean falls back to the default tier, never to an error.
    [{ tier: 'tier9' }, { type: 'tier', tiers: ['tier2'] }],
    [{ tier: '' }, { type: 'tier', tiers: ['tier2'] }],
    [{ behaviour: 'everyone' }, { type: 'tier', tiers: ['tier2'] }],
    [{ segment: "1' or 1=1" }, { type: 'tier', tiers: ['tier2'] }],
  ])('%j → %j', (query, audience) => {
    expect(audienceFromQuery(query)).toEqual(audience);
  });
});
