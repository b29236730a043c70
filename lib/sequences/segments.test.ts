import { describe, expect, it } from 'vitest';
import type { SequenceAudience } from '@/lib/db/schema/sequences/constants';
import { audienceTargets, segmentQuery, sequenceFor, type DriftingSegmentRef } from './segments';

const seq = (id: string, audience: SequenceAudience) => ({ id, name: `Sequence ${id}`, audience });

describe('which sequence targets a drifting-away segment', () => {
  it.each<[string, SequenceAudience, DriftingSegmentRef, boolean]>([
    ['a tier audience naming the tier', { type: 'tier', tiers: ['tier2', 'tier3'] }, { kind: 'tier', id: 'tier3' }, true],
    ['a tier audience without it', { type: 'tier', tiers: ['tier2'] }, { kind: 'tier', id: 'tier3' }, false],
    ['the same behaviour segment', { type: 'behaviour', segment: 'stoppedBuying' }, { kind: 'behaviour', id: 'stoppedBuying' }, true],
    ['another behaviour segment', { type: 'behaviour', segment: 'neverEngaged' }, { kind: 'behaviour', id: 'stoppedBuying' }, false],
    ['a value audience naming the tier', { type: 'value', tiers: ['high', 'mid'] }, { kind: 'value', id: 'mid' }, true],
    ['a saved segment is never a tier', { type: 'segment', segmentId: '00000000-0000-4000-8000-000000000000' }, { kind: 'tier', id: 'tier1' }, false],
    ['an NPS group is never a value tier', { type: 'npsCategory', categories: ['detractor'] }, { kind: 'value', id: 'low' }, false],
  ])('%s → %s', (_name, audience, ref, expected) => {
    expect(audienceTargets(audience, ref)).toBe(expected);
  });

  it('picks the first match of the list it is given (newest activation first), or null', () => {
    const active = [seq('a', { type: 'value', tiers: ['high'] }), seq('b', { type: 'tier', tiers: ['tier4'] }), seq('c', { type: 'tier', tiers: ['tier4', 'tier3'] })];
    expect(sequenceFor(active, { kind: 'tier', id: 'tier4' })).toEqual({ id: 'b', name: 'Sequence b' });
    expect(sequenceFor(active, { kind: 'tier', id: 'tier1' })).toBeNull();
  });

  it('the builder link preselects the segment', () => {
    expect(segmentQuery({ kind: 'tier', id: 'tier2' })).toBe('tier=tier2');
    expect(segmentQuery({ kind: 'behaviour', id: 'stoppedClicking' })).toBe('behaviour=stoppedClicking');
    expect(segmentQuery({ kind: 'value', id: 'high' })).toBe('value=high');
  });
});
