import { percent, type Rate } from './rates';
import { probabilityToBeat, twoProportionZTest, wilsonInterval, type Proportion } from './stats';

/** PRODUCT.md §3: fewer than 1,000 recipients per variant is not significant. */
export const AB_MIN_RECIPIENTS_PER_VARIANT = 1000;
export const AB_SIGNIFICANCE_LEVEL = 0.05;

export interface VariantInput extends Proportion {
  id: string;
}

export interface VariantResult {
  id: string;
  rate: Rate;
  interval: { low: number; high: number } | null;
  /** Probability that this variant beats the control (the first variant). */
  probabilityToBeatControl: number | null;
  pValueVsControl: number | null;
}

export type AbVerdict =
  | { kind: 'insufficient'; minPerVariant: number }
  | { kind: 'no-difference' }
  | { kind: 'winner'; id: string };

/**
 * A/B verdict on one metric (e.g. unique clicks ÷ delivered). The first variant is the control.
 * Under the sample threshold the verdict is "not enough data", whatever the rates say; above it
 * the best variant wins if it differs from every other at the 5 % level.
 */
export function compareVariants(variants: VariantInput[], minPerVariant = AB_MIN_RECIPIENTS_PER_VARIANT) {
  if (variants.length < 2) throw new RangeError('an A/B test needs at least two variants');
  const [control] = variants;
  const results: VariantResult[] = variants.map((v, i) => {
    const test = i === 0 ? null : twoProportionZTest(control, v);
    return {
      id: v.id,
      rate: percent(v.successes, v.trials),
      interval: wilsonInterval(v.successes, v.trials),
      probabilityToBeatControl: i === 0 || v.trials === 0 || control.trials === 0 ? null : probabilityToBeat(control, v),
      pValueVsControl: test?.pValue ?? null,
    };
  });
  let verdict: AbVerdict;
  if (variants.some((v) => v.trials < minPerVariant)) {
    verdict = { kind: 'insufficient', minPerVariant };
  } else {
    const best = [...variants].sort((x, y) => y.successes / y.trials - x.successes / x.trials)[0];
    const beatsAll = variants
      .filter((v) => v.id !== best.id)
      .every((v) => (twoProportionZTest(v, best)?.pValue ?? 1) < AB_SIGNIFICANCE_LEVEL);
    verdict = beatsAll ? { kind: 'winner', id: best.id } : { kind: 'no-difference' };
  }
  return { variants: results, verdict };
}
