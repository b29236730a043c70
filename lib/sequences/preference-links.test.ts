import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '@/lib/tracking/token';
import { preferencesSendId, preferencesUrl } from './preference-links';

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'unit-test-secret-0123456789abcdef';
});

describe('preference-centre tokens', () => {
  it('round-trips a send id through /p/<token> with a 128-bit MAC', () => {
    const url = preferencesUrl('https://t.example//', 4242);
    const token = url.slice('https://t.example/p/'.length);
    expect(url.startsWith('https://t.example/p/')).toBe(true);
    expect(token.split('.')[1]).toHaveLength(22);
    expect(preferencesSendId(token)).toBe(4242);
  });

  it.each([
    ['a survey token', () => signToken('survey', [7])],
    ['an unsubscribe token', () => signToken('unsubscribe', [7])],
    ['a score token', () => signToken('score', [7, 9])],
    ['a cut MAC', () => signToken('preferences', [7]).slice(0, -1)],
    ['a flipped MAC', () => signToken('preferences', [7]).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ['garbage', () => 'garbage'],
    ['an oversized token', () => 'x'.repeat(5000)],
  ])('refuses %s', (_label, make) => {
    expect(preferencesSendId(make())).toBeNull();
  });
});
