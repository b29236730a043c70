import { beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, randomToken, safeEqual, sha256 } from './crypto';

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'unit-test-secret-0123456789abcdef';
});

describe('secrets at rest', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret('hunter2-smtp');
    expect(sealed).not.toContain('hunter2');
    expect(decryptSecret(sealed)).toBe('hunter2-smtp');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same')).not.toBe(encryptSecret('same'));
  });

  it('detects tampering', () => {
    const [iv, tag, data] = encryptSecret('x').split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret([iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});

describe('tokens', () => {
  it('are long, url-safe and unique', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });
  it('hash deterministically and compare in constant time', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(safeEqual('a', 'a')).toBe(true);
    expect(safeEqual('a', 'b')).toBe(false);
  });
});
