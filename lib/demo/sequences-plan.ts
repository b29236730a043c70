import type { PlannedContact } from './contacts-plan';
import type { PlannedHit } from './engagement-plan';
import { chance } from './random';

/**
 * The demo's win-back sequence, decided up front: when it started, who joins later, and how each
 * person reacts to each step mail. Decisions are keyed by the contact's address (never by group),
 * so the story is the same however the engine draws its control group: a comeback "on their own"
 * happens to treatment and control alike — that is what the holdout measures against.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The sequence went live this many days ago (its last mails are out, the first sunsets applied). */
export const SEQUENCE_STARTED_DAYS_AGO = 44;
/** A second group enters later (continuous entry): imported café-partner customers, quiet since they joined. */
export const LATE_COHORT_DAYS_AGO = 16;
export const LATE_COHORT_SIZE = 40;
/** Their join dates: inactivity tier 2 (61–120 days) by the time they are imported. */
export const lateCohortJoinDaysAgo = (index: number) => 75 + Math.floor(chance('late-cohort', index, 'join') * 35);

/**
 * Human open chance per step for someone quiet for 2–4 months (below the §7 step benchmarks, which
 * count machine opens too). Together about a third come back: far enough above the 8 % who come back
 * on their own that a control group of ~25 cannot overtake the treatment by chance.
 */
const STEP_OPEN = [0.08, 0.06, 0.1, 0.06, 0.11] as const;
const CLICK_GIVEN_OPEN = 0.4;
const UNSUBSCRIBE = 0.012;
/** Reactivated people who stay active in the nurture window (with nurture 25–30 % lapse, PRODUCT.md §7). */
const STAYS_ACTIVE = 0.72;
/** Come back on their own within the window, mail or not (the control group's reactivation). */
const COMEBACK = 0.08;

/**
 * Opens, clicks and unsubscribes on one step mail, delivered at `sentAt`. Human reactions land within
 * three days (before the next step, at least five days later). An Apple Mail proxy opens on delivery.
 */
export function planStepReaction(p: { email: string; step: number; sendId: number; sentAt: Date; contact?: PlannedContact }): PlannedHit[] {
  const u = (what: string) => chance('sequence', p.email, p.step, what);
  const hits: PlannedHit[] = [];
  const at = (ms: number) => new Date(p.sentAt.getTime() + ms);
  if (p.contact?.applePrivacy ?? u('apple') < 0.18) hits.push({ kind: 'open', sendId: p.sendId, at: at(20_000), machine: 'apple-mpp' });
  if (u('open') < STEP_OPEN[p.step - 1]) {
    const openAt = at(HOUR + Math.floor(u('delay') * 60 * HOUR));
    hits.push({ kind: 'open', sendId: p.sendId, at: openAt, machine: false });
    if (u('click') < CLICK_GIVEN_OPEN) hits.push({ kind: 'click', sendId: p.sendId, at: new Date(openAt.getTime() + 90_000), machine: false, linkIndex: 0 });
    // Back for good: they open this mail again a few weeks on (activity in the nurture window); the rest relapse.
    if (u('stays') < STAYS_ACTIVE) hits.push({ kind: 'open', sendId: p.sendId, at: new Date(openAt.getTime() + (8 + Math.floor(u('again') * 18)) * DAY), machine: false });
  } else if (u('unsubscribe') < UNSUBSCRIBE) {
    hits.push({ kind: 'unsubscribe', sendId: p.sendId, at: at(2 * HOUR + Math.floor(u('unsub-delay') * 30 * HOUR)) });
  }
  return hits;
}

/** When an enrolled contact comes back without the sequence (a click on an older newsletter), or null. */
export function planComeback(email: string, enrolledAt: Date): Date | null {
  const u = (what: string) => chance('comeback', email, what);
  if (u('comes') >= COMEBACK) return null;
  return new Date(enrolledAt.getTime() + (3 + Math.floor(u('day') * 36)) * DAY + Math.floor(u('hour') * 12) * HOUR);
}
