import { describe, expect, it } from 'vitest';
import { csat, nps, npsCategory, npsFromScores, PASSIVE_MIN, PROMOTER_MIN } from './nps';

describe('npsCategory', () => {
  it.each([
    [10, 'promoter'],
    [9, 'promoter'],
    [8, 'passive'],
    [7, 'passive'],
    [6, 'detractor'],
    [0, 'detractor'],
  ] as const)('%i → %s', (score, category) => {
    expect(npsCategory(score)).toBe(category);
  });
  it('uses the named thresholds', () => {
    expect(PROMOTER_MIN).toBe(9);
    expect(PASSIVE_MIN).toBe(7);
  });
  it.each([-1, 11, 7.5, Number.NaN])('rejects %d', (score) => {
    expect(() => npsCategory(score)).toThrow(RangeError);
  });
});

describe('nps', () => {
  it('PRODUCT.md: 120 promoters, 50 passives, 30 detractors of 200 → 45', () => {
    const r = nps({ promoters: 120, passives: 50, detractors: 30 });
    expect(r.total).toBe(200);
    expect(r.promoterShare).toBe(60);
    expect(r.detractorShare).toBe(15);
    expect(r.passiveShare).toBe(25);
    expect(r.nps).toBe(45);
  });
  it.each([
    [{ promoters: 10, passives: 0, detractors: 0 }, 100],
    [{ promoters: 0, passives: 0, detractors: 10 }, -100],
    [{ promoters: 0, passives: 10, detractors: 0 }, 0],
  ])('%o → %i (range −100…+100, passives only in the denominator)', (counts, expected) => {
    expect(nps(counts).nps).toBe(expected);
  });
  it('no answers is no data', () => {
    expect(nps({ promoters: 0, passives: 0, detractors: 0 }).nps).toBeNull();
  });
  it('from raw scores', () => {
    expect(npsFromScores([10, 9, 8, 7, 6, 0]).nps).toBeCloseTo(0, 10);
    expect(npsFromScores([10, 10, 10, 3]).nps).toBe(50);
  });
});

describe('csat', () => {
  it('share of 4–5 on a 1–5 scale', () => {
    expect(csat([5, 4, 3, 2])).toBe(50);
    expect(csat([5, 5, 5, 4, 1])).toBe(80);
  });
  it('no answers is no data', () => expect(csat([])).toBeNull());
  it.each([0, 6, 4.5])('rejects %d', (s) => expect(() => csat([s])).toThrow(RangeError));
});
