import { describe, expect, it } from 'vitest';
import {
  csat,
  csatCategory,
  csatFromHistogram,
  histogramFromScores,
  isValidScore,
  meanScore,
  nps,
  npsCategory,
  npsChange,
  npsCountsFromHistogram,
  npsFromScores,
  npsMarginOfError,
  PASSIVE_MIN,
  PROMOTER_MIN,
  shareAtLeast,
  surveyGroup,
} from './nps';

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

describe('survey helpers', () => {
  it('margin of error of the PRODUCT.md example is ±10.3', () => {
    expect(npsMarginOfError({ promoters: 120, passives: 50, detractors: 30 })).toBeCloseTo(10.26, 1);
    expect(npsMarginOfError({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
  it('+6 on 80 answers is noise, +30 on 400 each is not', () => {
    const small = npsChange({ promoters: 36, passives: 24, detractors: 20 }, { promoters: 40, passives: 22, detractors: 19 });
    expect(small?.significant).toBe(false);
    const big = npsChange({ promoters: 120, passives: 160, detractors: 120 }, { promoters: 200, passives: 140, detractors: 60 });
    expect(big?.change).toBeCloseTo(35, 5);
    expect(big?.significant).toBe(true);
    expect(npsChange({ promoters: 0, passives: 0, detractors: 0 }, { promoters: 1, passives: 0, detractors: 0 })).toBeNull();
  });
  it('CSAT groups and validity', () => {
    expect([1, 2, 3, 4, 5].map(csatCategory)).toEqual(['dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'satisfied']);
    expect([1, 3, 5].map((s) => surveyGroup('csat', s))).toEqual(['detractor', 'passive', 'promoter']);
    expect([0, 7, 10].map((s) => surveyGroup('nps', s))).toEqual(['detractor', 'passive', 'promoter']);
    expect(isValidScore('csat', 0)).toBe(false);
    expect(isValidScore('nps', 0)).toBe(true);
    expect(isValidScore('nps', 11)).toBe(false);
    expect(isValidScore('nps', '5')).toBe(false);
    expect(() => csatCategory(6)).toThrow(RangeError);
  });
  it('histogram, mean, share of 7–10, CSAT from histogram', () => {
    const h = histogramFromScores('nps', [10, 9, 8, 7, 6, 0]);
    expect(h).toEqual([1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(meanScore(h)).toBeCloseTo(40 / 6, 10);
    expect(shareAtLeast(h, 7)).toBeCloseTo((4 / 6) * 100, 10);
    expect(npsCountsFromHistogram(h)).toEqual({ promoters: 2, passives: 2, detractors: 2 });
    expect(meanScore([0, 0, 0])).toBeNull();
    expect(csatFromHistogram(histogramFromScores('csat', [5, 4, 3, 1]))).toBe(50);
  });
});
