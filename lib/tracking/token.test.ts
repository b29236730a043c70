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

  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  /** Every other spelling of one token: its last payload or MAC character with other spare bits, padding, base64 chars. */
  function respellings(token: string): string[] {
    const [payload, mac] = token.split('.');
    const out: string[] = [];
    for (const [part, rebuild] of [
      [payload, (p: string) => `${p}.${mac}`],
      [mac, (m: string) => `${payload}.${m}`],
    ] as const) {
      const last = ALPHABET.indexOf(part.at(-1)!);
      // The final character of a 8- or 12-byte group carries 2 or 4 spare low bits.
      const spare = part.length % 4 === 3 ? 3 : 15;
      for (let bits = 1; bits <= spare; bits++) out.push(rebuild(part.slice(0, -1) + ALPHABET[(last & ~spare) | bits]));
      out.push(rebuild(`${part}=`), rebuild(`${part}==`), rebuild(part.replace(/-/g, '+').replace(/_/g, '/')), rebuild(` ${part}`));
    }
    return out.filter((t) => t !== token);
  }

  it('has exactly one valid spelling (spare bits, padding and the base64 alphabet are refused)', () => {
    let tried = 0;
    for (const values of [[1], [42], [Number.MAX_SAFE_INTEGER]]) {
      const t = signToken('open', values);
      expect(verifyToken('open', t, 1)).toEqual(values);
      for (const other of respellings(t)) {
        tried++;
        expect(verifyToken('open', other, 1), other).toBeNull();
      }
    }
    const click = signToken('click', [7, 9]);
    for (const other of respellings(click)) expect(verifyToken('click', other, 2), other).toBeNull();
    expect(tried).toBeGreaterThan(20);
  });

  it('refuses negative or unsafe values when signing', () => {
    expect(() => signToken('open', [-1])).toThrow(RangeError);
    expect(() => signToken('open', [2 ** 60])).toThrow(RangeError);
  });
});
