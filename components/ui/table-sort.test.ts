import { describe, expect, it } from 'vitest';
import { parseSort, sortLink } from './table-sort';

const KEYS = ['name', 'updated'] as const;

describe('parseSort', () => {
  it.each([
    [{}, { key: 'updated', direction: 'desc' }],
    [{ sort: 'name' }, { key: 'name', direction: 'desc' }],
    [{ sort: 'name', dir: 'asc' }, { key: 'name', direction: 'asc' }],
    [{ sort: 'evil', dir: 'asc' }, { key: 'updated', direction: 'desc' }],
    [{ sort: ['name'], dir: 'sideways' }, { key: 'updated', direction: 'desc' }],
  ])('%j → %j', (params, expected) => {
    expect(parseSort(params, KEYS, { key: 'updated', direction: 'desc' })).toEqual(expected);
  });
});

describe('sortLink', () => {
  it('flips the active column and keeps other parameters, dropping the page', () => {
    const link = sortLink('/w/a/campaigns', { q: 'x y', page: '3', sort: 'name', dir: 'asc' }, { key: 'name', direction: 'asc' }, 'name');
    expect(link).toEqual({ active: true, direction: 'asc', href: '/w/a/campaigns?q=x+y&sort=name&dir=desc' });
  });
  it('starts an inactive column in its first direction', () => {
    const link = sortLink('/p', {}, { key: 'name', direction: 'asc' }, 'updated', 'desc');
    expect(link).toEqual({ active: false, direction: 'desc', href: '/p?sort=updated&dir=desc' });
  });
});
