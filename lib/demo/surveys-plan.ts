import type { PlannedContact } from './contacts-plan';
import { chance, pick } from './random';

/**
 * The demo roaster asks how its customers feel: a quarterly NPS survey sent by mail in waves (the
 * score buttons inside the mail), the same survey's public link on the website, and a CSAT survey
 * after delivery through its public link. Who answers, with what score and comment, and when, is
 * decided here from the seed; the seed stores every answer through lib/surveys/answer.ts.
 */
const HOUR = 3_600_000;

/** Score chances 0…10; the later wave is a little happier so the trend and the significance test have something to say. */
const NPS_WEIGHTS = {
  early: [0.02, 0.01, 0.02, 0.03, 0.04, 0.06, 0.08, 0.15, 0.23, 0.18, 0.18],
  late: [0.01, 0.01, 0.01, 0.02, 0.03, 0.04, 0.06, 0.13, 0.22, 0.21, 0.26],
} as const;
const CSAT_WEIGHTS = [0, 0.05, 0.07, 0.16, 0.37, 0.35] as const;

const COMMENTS = {
  promoter: [
    'The Huila lot is the best coffee I have had at home.',
    'Fast delivery and the beans are always fresh.',
    'Love the brewing guides in the newsletter!',
    'Heerlijke koffie en super snelle levering.',
    'Ik raad jullie aan iedereen op kantoor aan.',
    'Great service when my grinder order went wrong.',
  ],
  passive: [
    'Good coffee, but shipping is a bit expensive.',
    'Prima, al zou ik meer decaf-keuze willen.',
    'Nice beans. The website could be easier on my phone.',
    'Goed, maar de levering duurde deze keer lang.',
    'I like it, though the subscription is hard to pause.',
  ],
  detractor: [
    'My last bag arrived two weeks late.',
    'Te duur vergeleken met de supermarkt.',
    'The espresso blend tasted burnt this time.',
    'Customer service never answered my email.',
    'Bestelling kwam beschadigd aan & niemand reageerde.',
  ],
} as const;

export interface PlannedAnswer {
  score: number;
  comment: string | null;
  /** When the answer is given (the mail score click, or the page visit for the public link). */
  at: Date;
  /** Mail scores: the person opened the page and interacted (confirmed), or never did (provisional). */
  confirmedAfterMs: number | null;
  /** A link scanner clicked every score seconds after delivery: kept out as flagged. */
  scanner: boolean;
}

function weighted(weights: readonly number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (u < acc) return i;
  }
  return weights.length - 1;
}

const groupOf = (score: number, max: number) => (max === 10 ? (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor') : score >= 4 ? 'promoter' : score === 3 ? 'passive' : 'detractor');

function comment(key: string, score: number, max: number): string | null {
  if (chance(key, 'comment') > 0.45) return null;
  return pick(COMMENTS[groupOf(score, max)], chance(key, 'which'));
}

/** A mail wave: ~22 % of those who get the mail answer; most confirm on the page, some leave it provisional. */
export function planWaveAnswer(wave: 'early' | 'late', contact: PlannedContact, sentAt: Date): PlannedAnswer | null {
  const key = `nps-${wave}-${contact.index}`;
  if (chance(key, 'scanner') < 0.03) return { score: 0, comment: null, at: new Date(sentAt.getTime() + 4_000), confirmedAfterMs: null, scanner: true };
  if (chance(key, 'answers') > 0.22 + contact.open * 0.15) return null;
  const score = weighted(NPS_WEIGHTS[wave], chance(key, 'score'));
  const at = new Date(sentAt.getTime() + Math.round((0.2 + chance(key, 'delay') * 70) * HOUR));
  const confirmedAfterMs = chance(key, 'confirm') < 0.9 ? 20_000 + Math.round(chance(key, 'read') * 60_000) : null;
  return { score, comment: confirmedAfterMs === null ? null : comment(key, score, 10), at, confirmedAfterMs, scanner: false };
}

/** Answers on the public links over the last `days`, one every few days (NPS on the website, CSAT after delivery). */
export function planLinkAnswers(kind: 'nps' | 'csat', count: number, days: number, now: Date): PlannedAnswer[] {
  const out: PlannedAnswer[] = [];
  for (let i = 0; i < count; i++) {
    const key = `${kind}-link-${i}`;
    const score = kind === 'nps' ? weighted(NPS_WEIGHTS[i < count / 2 ? 'early' : 'late'], chance(key, 'score')) : weighted(CSAT_WEIGHTS, chance(key, 'score'));
    const daysAgo = days - ((i + chance(key, 'jitter')) * days) / count;
    out.push({ score, comment: comment(key, score, kind === 'nps' ? 10 : 5), at: new Date(now.getTime() - daysAgo * 24 * HOUR), confirmedAfterMs: 0, scanner: false });
  }
  return out;
}
