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
