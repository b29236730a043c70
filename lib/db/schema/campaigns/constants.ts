export { CAMPAIGN_CATEGORIES, type CampaignCategory } from '@/lib/metrics/benchmarks';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const AUDIENCE_KINDS = ['b2b', 'b2c'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/**
 * pending → claimed (by a worker) → attempting (SMTP under way) → sent | failed.
 * After a crash: claimed rows go back to pending; attempting rows become `unknown` and are never
 * retried, so nobody gets a campaign twice. `cancelled` when the campaign is cancelled.
 */
export const SEND_STATUSES = ['pending', 'claimed', 'attempting', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

/**
 * survey_score: a score button clicked in a mail (meta: surveyId, score) · survey_followup: a
 * tracked link on a survey's thank-you page (meta: surveyId, which) · preference_update: saved in the
 * preference centre (meta: topics, frequency, unsubscribed).
 */
export const EVENT_TYPES = [
  'open',
  'click',
  'unsubscribe',
  'bounce',
  'complaint',
  'conversion',
  'survey_score',
  'survey_followup',
  'preference_update',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const AB_VARIABLES = ['subject', 'previewText', 'ctaText'] as const;
export type AbVariable = (typeof AB_VARIABLES)[number];
