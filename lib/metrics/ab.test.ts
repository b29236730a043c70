import { describe, expect, it } from 'vitest';
import { compareVariants } from './ab';
import { normalCdf, probabilityToBeat, twoProportionZTest, wilsonInterval } from './stats';

describe('statistics', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.975],
    [-1.96, 0.025],
    [3, 0.99865],
  ])('Φ(%d) ≈ %d', (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 4);
  });

  it('two-proportion z-test matches a textbook case', () => {
    // 200/1000 vs 250/1000: pooled 0.225, z ≈ 2.68, p ≈ 0.0073
    const r = twoProportionZTest({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 })!;
    expect(r.z).toBeCloseTo(2.68, 2);
    expect(r.pValue).toBeCloseTo(0.0073, 3);
  });

  it('no trials → no test', () => {
    expect(twoProportionZTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 })).toBeNull();
  });

  it('Wilson interval brackets the rate and stays in 0–100', () => {
    const w = wilsonInterval(250, 10_000)!;
    expect(w.low).toBeLessThan(2.5);
    expect(w.high).toBeGreaterThan(2.5);
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(10, 10)!.high).toBe(100);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('probability to beat is symmetric and sensible', () => {
    const a = { successes: 200, trials: 1000 };
    const b = { successes: 250, trials: 1000 };
    expect(probabilityToBeat(a, b)).toBeGreaterThan(0.99);
    expect(probabilityToBeat(a, b) + probabilityToBeat(b, a)).toBeCloseTo(1, 6);
    expect(probabilityToBeat(a, a)).toBeCloseTo(0.5, 6);
  });
});

describe('compareVariants', () => {
  it('under 1,000 recipients per variant: not enough data, even with a big gap', () => {
    const r = compareVariants([
      { id: 'A', successes: 10, trials: 999 },
      { id: 'B', successes: 90, trials: 999 },
    ]);
    expect(r.verdict).toEqual({ kind: 'insufficient', minPerVariant: 1000 });
    expect(r.variants[1].probabilityToBeatControl).toBeGreaterThan(0.99);
  });

  it('a significant difference names the winner', () => {
    const r = compareVariants([
      { id: 'A', successes: 200, trials: 5000 },
      { id: 'B', successes: 300, trials: 5000 },
    ]);
    expect(r.verdict).toEqual({ kind: 'winner', id: 'B' });
    expect(r.variants[0].rate).toBe(4);
    expect(r.variants[1].rate).toBe(6);
    expect(r.variants[1].pValueVsControl).toBeLessThan(0.05);
  });

  it('a small difference on a large sample is no difference', () => {
    const r = compareVariants([
      { id: 'A', successes: 250, trials: 10_000 },
      { id: 'B', successes: 260, trials: 10_000 },
    ]);
    expect(r.verdict).toEqual({ kind: 'no-difference' });
  });

  it('with four variants the best must beat every other', () => {
    const r = compareVariants([
      { id: 'A', successes: 200, trials: 5000 },
      { id: 'B', successes: 205, trials: 5000 },
      { id: 'C', successes: 310, trials: 5000 },
      { id: 'D', successes: 300, trials: 5000 },
    ]);
    expect(r.verdict).toEqual({ kind: 'no-difference' });
  });

  it('needs two variants', () => {
    expect(() => compareVariants([{ id: 'A', successes: 1, trials: 1 }])).toThrow();
  });
});
