import { percent, type Rate } from './rates';

export const NPS_MIN = 0;
export const NPS_MAX = 10;
export const PROMOTER_MIN = 9;
export const PASSIVE_MIN = 7;
export const CSAT_MIN = 1;
export const CSAT_MAX = 5;
export const CSAT_SATISFIED_MIN = 4;

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** 9–10 promoter, 7–8 passive, 0–6 detractor. Anything else is a bug upstream, so it throws. */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < NPS_MIN || score > NPS_MAX) throw new RangeError(`NPS score must be 0–10, got ${score}`);
  if (score >= PROMOTER_MIN) return 'promoter';
  if (score >= PASSIVE_MIN) return 'passive';
  return 'detractor';
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsResult {
  /** −100…+100, or null with no answers. */
  nps: number | null;
  total: number;
  promoterShare: Rate;
  passiveShare: Rate;
  detractorShare: Rate;
}

/** NPS = % promoters − % detractors; passives count in the denominator only. 120/50/30 → 45. */
export function nps({ promoters, passives, detractors }: NpsCounts): NpsResult {
  const total = promoters + passives + detractors;
  const promoterShare = percent(promoters, total);
  const detractorShare = percent(detractors, total);
  return {
    nps: promoterShare === null || detractorShare === null ? null : promoterShare - detractorShare,
    total,
    promoterShare,
    passiveShare: percent(passives, total),
    detractorShare,
  };
}

export function npsFromScores(scores: number[]): NpsResult {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const s of scores) counts[`${npsCategory(s)}s` as keyof NpsCounts] += 1;
  return nps(counts);
}

/** CSAT: share of 4–5 answers on a 1–5 scale. */
export function csat(scores: number[]): Rate {
  for (const s of scores) {
    if (!Number.isInteger(s) || s < CSAT_MIN || s > CSAT_MAX) throw new RangeError(`CSAT score must be 1–5, got ${s}`);
  }
  return percent(scores.filter((s) => s >= CSAT_SATISFIED_MIN).length, scores.length);
}

/** Response rate of a survey: answers ÷ invited. */
export const responseRate = (answers: number, invited: number): Rate => percent(answers, invited);

// ─── Surveys: score ranges, groups, margins (PRODUCT.md §1, §6) ───────────────────────────────

export type SurveyKindForMetrics = 'nps' | 'csat';
export type CsatCategory = 'satisfied' | 'neutral' | 'dissatisfied';

export function scoreRange(kind: SurveyKindForMetrics): { min: number; max: number } {
  return kind === 'nps' ? { min: NPS_MIN, max: NPS_MAX } : { min: CSAT_MIN, max: CSAT_MAX };
}

/** True only for a whole number inside the kind's scale (0–10 or 1–5). */
export function isValidScore(kind: SurveyKindForMetrics, score: unknown): score is number {
  const { min, max } = scoreRange(kind);
  return typeof score === 'number' && Number.isInteger(score) && score >= min && score <= max;
}

/** CSAT 4–5 satisfied, 3 neutral, 1–2 dissatisfied. */
export function csatCategory(score: number): CsatCategory {
  if (!isValidScore('csat', score)) throw new RangeError(`CSAT score must be 1–5, got ${score}`);
  if (score >= CSAT_SATISFIED_MIN) return 'satisfied';
  return score === 3 ? 'neutral' : 'dissatisfied';
}

/**
 * The follow-up group of any answer: NPS categories as they are; CSAT satisfied → promoter,
 * neutral → passive, dissatisfied → detractor (same follow-ups, named per kind in the UI).
 */
export function surveyGroup(kind: SurveyKindForMetrics, score: number): NpsCategory {
  if (kind === 'nps') return npsCategory(score);
  const c = csatCategory(score);
  return c === 'satisfied' ? 'promoter' : c === 'neutral' ? 'passive' : 'detractor';
}

/** Variance of an NPS estimate in points² (p, d as shares 0–1): (p + d − (p − d)²) ÷ n × 100². */
function npsVariance({ promoters, passives, detractors }: NpsCounts): number | null {
  const n = promoters + passives + detractors;
  if (n === 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  return ((p + d - (p - d) ** 2) / n) * 10_000;
}

/** 95 % margin of error of an NPS in points: 1.96 × √((p + d − (p − d)²) ÷ n) × 100. 120/50/30 → ±10.3. */
export function npsMarginOfError(counts: NpsCounts): number | null {
  const v = npsVariance(counts);
  return v === null ? null : 1.96 * Math.sqrt(v);
}

export interface NpsChange {
  /** later NPS − earlier NPS, in points. */
  change: number;
  /** The change a difference must exceed to be significant at 95 %: 1.96 × √(var₁ + var₂). */
  threshold: number;
  significant: boolean;
}

/** Whether the NPS moved between two periods beyond noise; null when either period has no answers. */
export function npsChange(earlier: NpsCounts, later: NpsCounts): NpsChange | null {
  const a = nps(earlier);
  const b = nps(later);
  const va = npsVariance(earlier);
  const vb = npsVariance(later);
  if (a.nps === null || b.nps === null || va === null || vb === null) return null;
  const change = b.nps - a.nps;
  const threshold = 1.96 * Math.sqrt(va + vb);
  return { change, threshold, significant: Math.abs(change) > threshold };
}

/** Counts of each score, index = score (0–10 or 1–5 with index 0 unused for CSAT). */
export type ScoreHistogram = number[];

export function histogramFromScores(kind: SurveyKindForMetrics, scores: number[]): ScoreHistogram {
  const h = new Array<number>(scoreRange(kind).max + 1).fill(0);
  for (const s of scores) {
    if (!isValidScore(kind, s)) throw new RangeError(`${kind} score out of range: ${s}`);
    h[s] += 1;
  }
  return h;
}

/** Mean score of a histogram, null with no answers. */
export function meanScore(histogram: ScoreHistogram): number | null {
  let n = 0;
  let sum = 0;
  histogram.forEach((count, score) => {
    n += count;
    sum += count * score;
  });
  return n === 0 ? null : sum / n;
}

/**
 * Share of answers at or above `min` (the Dutch-scoring note shows 7–10: Dutch respondents often
 * mean 7–8 as praise), in percent; null with no answers.
 */
export function shareAtLeast(histogram: ScoreHistogram, min: number): Rate {
  const total = histogram.reduce((a, b) => a + b, 0);
  const part = histogram.reduce((a, count, score) => (score >= min ? a + count : a), 0);
  return percent(part, total);
}

/** NPS group counts from a 0–10 histogram. */
export function npsCountsFromHistogram(histogram: ScoreHistogram): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  histogram.forEach((count, score) => {
    if (count > 0) counts[`${npsCategory(score)}s` as keyof NpsCounts] += count;
  });
  return counts;
}

/** CSAT from a 1–5 histogram: share of 4–5 answers. */
export function csatFromHistogram(histogram: ScoreHistogram): Rate {
  return shareAtLeast(histogram.slice(0, CSAT_MAX + 1), CSAT_SATISFIED_MIN);
}

// ─── Survey reports: one score per kind (NPS or CSAT) from group counts ────────────────────────

/**
 * The headline score of a survey from its group counts: NPS (−100…+100) for NPS surveys, CSAT
 * (share of 4–5, 0…100 %) for CSAT surveys, whose satisfied answers are counted as `promoters`.
 */
export function surveyScore(kind: SurveyKindForMetrics, counts: NpsCounts): number | null {
  if (kind === 'nps') return nps(counts).nps;
  return percent(counts.promoters, counts.promoters + counts.passives + counts.detractors);
}

/**
 * 95 % margin of the headline score in points. CSAT is a share p of n: 1.96 × √(p(1 − p) ÷ n) × 100,
 * which is the NPS variance with no detractors (p + 0 − p² = p(1 − p)).
 */
export function surveyMarginOfError(kind: SurveyKindForMetrics, counts: NpsCounts): number | null {
  if (kind === 'nps') return npsMarginOfError(counts);
  return npsMarginOfError(asCsatCounts(counts));
}

/** Whether the headline score moved between two periods beyond noise (95 %); null without answers in both. */
export function surveyChange(kind: SurveyKindForMetrics, earlier: NpsCounts, later: NpsCounts): NpsChange | null {
  if (kind === 'nps') return npsChange(earlier, later);
  return npsChange(asCsatCounts(earlier), asCsatCounts(later));
}

/** CSAT as an NPS-shaped count: satisfied are "promoters", everyone else counts in the denominator only. */
function asCsatCounts(c: NpsCounts): NpsCounts {
  return { promoters: c.promoters, passives: c.passives + c.detractors, detractors: 0 };
}

/** Share of the Dutch-scoring note: answers of 7–10 on the NPS scale (7–8 often mean praise in the Netherlands). */
export const DUTCH_PRAISE_MIN = PASSIVE_MIN;

/**
 * An NPS or a change in points: signed, at most one decimal, locale-aware (`+45`, `−12,5` in Dutch);
 * null shows as "no data". A CSAT is a rate: use formatRate.
 */
export function formatPoints(value: number | null, locale: string, noData = '—'): string {
  if (value === null) return noData;
  const rounded = Math.round(value * 10) / 10;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(rounded === 0 ? 0 : rounded);
}

/** A margin of error in points with one decimal: `±10.3` (`±10,3` in Dutch). */
export function formatMargin(value: number | null, locale: string, noData = '—'): string {
  if (value === null) return noData;
  return `±${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}`;
}

/** A mean score with one decimal (`7.4`, `7,4` in Dutch). */
export function formatScore(value: number | null, locale: string, noData = '—'): string {
  if (value === null) return noData;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/**
 * Follow-up click rate: clicks on a group's follow-up link (review, referral, next step) ÷ that
 * group's confirmed answers. Raw clicks, so it may exceed 100 % when someone clicks twice.
 */
export const followUpClickRate = (clicks: number, groupAnswers: number): Rate => percent(clicks, groupAnswers);
