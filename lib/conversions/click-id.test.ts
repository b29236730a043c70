import { beforeAll, describe, expect, it } from 'vitest';
import { CLICK_ID_PARAM, signClickId, verifyClickId, withClickId } from './click-id';

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'test-secret-for-click-ids-0123456789';
});

describe('click ids', () => {
  it('round-trips both kinds and refuses forgeries', () => {
    const token = signClickId({ kind: 1, id: 42 });
    expect(verifyClickId(token)).toEqual({ kind: 1, id: 42 });
    expect(verifyClickId(signClickId({ kind: 2, id: 7 }))).toEqual({ kind: 2, id: 7 });
    const [payload, mac] = token.split('.');
    const flipped = mac[0] === 'A' ? 'B' + mac.slice(1) : 'A' + mac.slice(1);
    expect(verifyClickId(`${payload}.${flipped}`)).toBeNull();
    expect(verifyClickId('garbage')).toBeNull();
    expect(verifyClickId(42)).toBeNull();
  });

  it('adds the id to the query and keeps the fragment last', () => {
    const out = new URL(withClickId('https://shop.example/p?a=1#top', { kind: 1, id: 9 }));
    expect(out.searchParams.get('a')).toBe('1');
    expect(verifyClickId(out.searchParams.get(CLICK_ID_PARAM))).toEqual({ kind: 1, id: 9 });
    expect(out.hash).toBe('#top');
    const replaced = new URL(withClickId(out.href, { kind: 2, id: 3 }));
    expect(replaced.searchParams.getAll(CLICK_ID_PARAM)).toHaveLength(1);
  });
});
