import type { SurveyGroup } from '../surveys/constants';

/**
 * draft → active ⇄ paused → stopped. Active: contacts enrol and steps go out. Paused: nothing goes
 * out and nobody enrols; enrolled contacts keep their place. Stopped (irreversible): every active
 * enrolment ends as `stopped`, no sunset is applied.
 */
export const SEQUENCE_STATUSES = ['draft', 'active', 'paused', 'stopped'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];

/** once: the audience at activation (a snapshot) · continuous: contacts enter when they cross the threshold. */
export const ENTRY_MODES = ['once', 'continuous'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

/** What happens after the last step without reaction, on the date the last mail announced. */
export const SUNSET_ACTIONS = ['unsubscribe', 'list'] as const;
export type SunsetAction = (typeof SUNSET_ACTIONS)[number];

/** The five default steps (PRODUCT.md §7), in order. */
export const STEP_KINDS = ['acknowledgement', 'valueReminder', 'incentive', 'preferenceUpdate', 'lastChance'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const ENROLMENT_GROUPS = ['treatment', 'control'] as const;
export type EnrolmentGroup = (typeof ENROLMENT_GROUPS)[number];

/**
 * active: in the sequence (control too: it waits out the same window, receiving nothing).
 * reactivated: re-engaged while enrolled (exits at once) · sunset: the announced removal applied ·
 * completed: a control contact whose window ended without re-engagement · left: unsubscribed,
 * bounced or complained meanwhile · stopped: the sequence was stopped.
 */
export const ENROLMENT_STATUSES = ['active', 'reactivated', 'sunset', 'completed', 'left', 'stopped'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** The signals a workspace may count as activity (settings); machine opens never count. */
export const ACTIVITY_SIGNALS = ['open', 'click', 'reply', 'conversion', 'visit', 'survey', 'appUse'] as const;
export type ActivitySignalKind = (typeof ACTIVITY_SIGNALS)[number];
export const DEFAULT_ACTIVITY_SIGNALS: ActivitySignalKind[] = ['open', 'click', 'reply', 'conversion', 'survey'];

/** Why an enrolment exited as reactivated: an activity signal, or a preference-centre save. */
export type ExitReason = ActivitySignalKind | 'preference' | 'unsubscribed' | 'stopped' | 'sunset' | 'windowEnded';

export const BEHAVIOUR_SEGMENTS = ['stoppedClicking', 'stoppedBuying', 'neverEngaged'] as const;
export type BehaviourSegment = (typeof BEHAVIOUR_SEGMENTS)[number];

export const VALUE_TIERS = ['high', 'mid', 'low'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export const PREFERENCE_FREQUENCIES = ['asIs', 'weekly', 'monthly', 'quarterly'] as const;
export type PreferenceFrequency = (typeof PREFERENCE_FREQUENCIES)[number];
export const PREFERENCE_TOPICS = ['news', 'offers', 'product', 'events', 'tips'] as const;
export type PreferenceTopic = (typeof PREFERENCE_TOPICS)[number];

/** Who a sequence is for. Tiers and behaviour/value segments are computed live from the inactivity definition. */
export type SequenceAudience =
  | { type: 'segment'; segmentId: string }
  | { type: 'tier'; tiers: ('tier1' | 'tier2' | 'tier3' | 'tier4')[] }
  | { type: 'behaviour'; segment: BehaviourSegment }
  | { type: 'value'; tiers: ValueTier[] }
  | { type: 'npsCategory'; categories: SurveyGroup[] };

export const SEQUENCE_LIMITS = {
  nameLength: 120,
  maxGapDays: 60,
  maxCooldownDays: 730,
  maxSunsetAfterDays: 60,
  maxControlPct: 50,
} as const;
