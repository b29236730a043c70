/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - p : p;
}

/** Wilson score interval for a proportion, in percent; null with no trials. */
export function wilsonInterval(successes: number, trials: number, z = 1.96): { low: number; high: number } | null {
  if (trials === 0) return null;
  const p = successes / trials;
  const denom = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denom;
  const margin = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denom;
  return { low: Math.max(0, centre - margin) * 100, high: Math.min(1, centre + margin) * 100 };
}

export interface Proportion {
  successes: number;
  trials: number;
}

/** Two-proportion z-test (pooled); two-sided p-value. Null when either side has no trials. */
export function twoProportionZTest(a: Proportion, b: Proportion): { z: number; pValue: number } | null {
  if (a.trials === 0 || b.trials === 0) return null;
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (pb - pa) / se;
  return { z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Probability that B's true rate beats A's, with Beta(1+s, 1+f) posteriors approximated by
 * normals (accurate at the sample sizes A/B tests need).
 */
export function probabilityToBeat(a: Proportion, b: Proportion): number {
  const post = ({ successes: s, trials: n }: Proportion) => {
    const alpha = 1 + s;
    const beta = 1 + n - s;
    const mean = alpha / (alpha + beta);
    const variance = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    return { mean, variance };
  };
  const pa = post(a);
  const pb = post(b);
  return normalCdf((pb.mean - pa.mean) / Math.sqrt(pa.variance + pb.variance));
}
