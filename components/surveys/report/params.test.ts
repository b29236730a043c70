import { describe, expect, it } from 'vitest';
import { keptParams, reportHref } from './params';

describe('report URL state', () => {
  it.each([
    [{}, {}, '', '/r'],
    [{ period: 'month', q: '100%' }, {}, '', '/r?period=month&q=100%25'],
    [{ period: 'month', q: 'x', page: '3' }, { page: '' }, '#comments', '/r?period=month&q=x#comments'],
    [{ before: '12', audience: 'list:abc' }, { period: 'month' }, '', '/r?period=month&audience=list%3Aabc&before=12'],
  ])('%o + %o → %s', (current, changes, hash, out) => {
    expect(reportHref('/r', current, changes, hash)).toBe(out);
  });
  it('keeps the other parameters through a form', () => {
    expect(keptParams({ period: 'month', group: 'promoter', q: 'x', page: '2' }, ['group', 'q', 'page'])).toEqual([['period', 'month']]);
  });
});
