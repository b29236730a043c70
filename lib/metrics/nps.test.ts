import { describe, expect, it } from 'vitest';
import {
  csat,
  csatCategory,
  csatFromHistogram,
  followUpClickRate,
  DUTCH_PRAISE_MIN,
  formatMargin,
  formatPoints,
  formatScore,
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
  surveyChange,
  surveyGroup,
  surveyMarginOfError,
  surveyScore,
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

describe('survey report figures per kind', () => {
  const example = { promoters: 120, passives: 50, detractors: 30 };
  it.each([
    ['nps', example, 45, 10.26],
    ['nps', { promoters: 0, passives: 0, detractors: 0 }, null, null],
    ['nps', { promoters: 5, passives: 0, detractors: 5 }, 0, 1.96 * 100 * Math.sqrt(1 / 10)],
    // CSAT: 160 of 200 satisfied → 80 %, ±1.96 × √(0.8 × 0.2 ÷ 200) × 100 = ±5.54.
    ['csat', { promoters: 160, passives: 30, detractors: 10 }, 80, 5.54],
    ['csat', { promoters: 0, passives: 0, detractors: 4 }, 0, 0],
    ['csat', { promoters: 0, passives: 0, detractors: 0 }, null, null],
  ] as const)('%s %o → score %s, margin %s', (kind, counts, score, margin) => {
    expect(surveyScore(kind, counts)).toBe(score);
    const m = surveyMarginOfError(kind, counts);
    if (margin === null) expect(m).toBeNull();
    else expect(m).toBeCloseTo(margin, 1);
  });

  it.each([
    // "+6 on 80 answers is noise": the UI must say so.
    ['nps', { promoters: 36, passives: 24, detractors: 20 }, { promoters: 40, passives: 21, detractors: 19 }, 6.25, false],
    ['nps', { promoters: 120, passives: 160, detractors: 120 }, { promoters: 200, passives: 140, detractors: 60 }, 35, true],
    ['csat', { promoters: 40, passives: 5, detractors: 5 }, { promoters: 45, passives: 3, detractors: 2 }, 10, false],
    ['csat', { promoters: 300, passives: 100, detractors: 100 }, { promoters: 400, passives: 50, detractors: 50 }, 20, true],
  ] as const)('%s change %o → %o is %s points, significant %s', (kind, a, b, change, significant) => {
    const r = surveyChange(kind, a, b);
    expect(r?.change).toBeCloseTo(change, 5);
    expect(r?.significant).toBe(significant);
  });

  it('no change without answers in both periods', () => {
    expect(surveyChange('csat', { promoters: 0, passives: 0, detractors: 0 }, { promoters: 1, passives: 0, detractors: 0 })).toBeNull();
  });

  it('the Dutch-scoring note counts 7–10', () => expect(DUTCH_PRAISE_MIN).toBe(7));
});

describe('formatting points, margins and means', () => {
  it.each([
    [45, 'en', '+45'],
    [-12.54, 'en', '-12.5'],
    [-12.54, 'nl', '-12,5'],
    [0, 'en', '0'],
    [-0.04, 'en', '0'],
    [100, 'nl', '+100'],
    [null, 'en', '—'],
  ] as const)('formatPoints(%s, %s) → %s', (v, locale, out) => {
    expect(formatPoints(v, locale).replace('\u2212', '-')).toBe(out);
  });
  it.each([
    [10.2616, 'en', '±10.3'],
    [10.2616, 'nl', '±10,3'],
    [null, 'en', '—'],
  ] as const)('formatMargin(%s, %s) → %s', (v, locale, out) => expect(formatMargin(v, locale)).toBe(out));
  it.each([
    [7.44, 'en', '7.4'],
    [7.44, 'nl', '7,4'],
    [null, 'nl', 'geen'],
  ] as const)('formatScore(%s, %s) → %s', (v, locale, out) => expect(formatScore(v, locale, 'geen')).toBe(out));
});

describe('followUpClickRate', () => {
  it.each([
    [12, 120, 10],
    [0, 50, 0],
    [3, 0, null],
    [5, 4, 125],
  ])('%i clicks on %i answers → %s', (clicks, answers, expected) => {
    expect(followUpClickRate(clicks, answers)).toBe(expected);
  });
});
