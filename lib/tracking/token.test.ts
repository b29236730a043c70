import { beforeAll, describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './token';

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'unit-test-secret-0123456789abcdef';
});

describe('tracking tokens', () => {
  it('round-trips', () => {
    const t = signToken('click', [123456789, 7]);
    expect(verifyToken('click', t, 2)).toEqual([123456789, 7]);
  });

  it('is short enough for a URL path', () => {
    expect(signToken('click', [Number.MAX_SAFE_INTEGER, 99]).length).toBeLessThan(45);
  });

  it.each([
    ['another purpose', (t: string) => verifyToken('open', t, 2)],
    ['a wrong value count', (t: string) => verifyToken('click', t, 1)],
    ['a flipped payload bit', (t: string) => verifyToken('click', `B${t.slice(1)}`, 2)],
    ['a truncated MAC', (t: string) => verifyToken('click', t.slice(0, -2), 2)],
    ['no MAC', (t: string) => verifyToken('click', t.split('.')[0], 2)],
  ])('refuses %s', (_label, check) => {
    const t = signToken('click', [42, 3]);
    expect(check(t)).toBeNull();
  });

  it.each(['', '.', 'garbage', 'a.b', `${'x'.repeat(300)}.y`, '%00.%00'])('refuses garbage %j', (bad) => {
    expect(verifyToken('click', bad, 2)).toBeNull();
  });

  it('refuses negative or unsafe values when signing', () => {
    expect(() => signToken('open', [-1])).toThrow(RangeError);
    expect(() => signToken('open', [2 ** 60])).toThrow(RangeError);
  });
});
