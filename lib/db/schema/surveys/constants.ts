/** NPS asks 0–10, CSAT 1–5 (PRODUCT.md §6). */
export const SURVEY_KINDS = ['nps', 'csat'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** draft: being built, nobody can answer · open: answers accepted until closesAt · closed. */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** The language of the public page; `auto` follows the respondent's browser (Accept-Language). */
export const SURVEY_LOCALES = ['auto', 'en', 'nl'] as const;
export type SurveyLocale = (typeof SURVEY_LOCALES)[number];

/**
 * The follow-up group of an answer. NPS: promoter 9–10, passive 7–8, detractor 0–6. CSAT answers
 * use the same three groups for follow-ups (4–5 satisfied → promoter, 3 → passive, 1–2 → detractor);
 * lib/metrics decides, the UI names them per kind.
 */
export const SURVEY_GROUPS = ['promoter', 'passive', 'detractor'] as const;
export type SurveyGroup = (typeof SURVEY_GROUPS)[number];

/** A contact's CSAT group, named for CSAT: 4–5 satisfied, 3 neutral, 1–2 dissatisfied. */
export const CSAT_CATEGORIES = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type CsatCategory = (typeof CSAT_CATEGORIES)[number];

/**
 * link: the anonymous public link · personal: a contact's own link from a mail · email: a score
 * button clicked inside a mail.
 */
export const RESPONSE_CHANNELS = ['link', 'personal', 'email'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/**
 * confirmed: counts in every figure · provisional: a score clicked in a mail, not yet confirmed by
 * a person on the page (link scanners click every score) · flagged: kept out (HEAD request, a click
 * seconds after delivery, several scores from one mail within seconds).
 */
export const RESPONSE_STATUSES = ['confirmed', 'provisional', 'flagged'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** How a score clicked inside a mail counts: provisional until the person interacts, or at once. */
export const MAIL_SCORE_MODES = ['provisional', 'immediate'] as const;
export type MailScoreMode = (typeof MAIL_SCORE_MODES)[number];

/** Re-ask a contact at most this often (months) when a survey is sent on a cadence. */
export const SURVEY_CADENCES = [3, 6, 12] as const;
export type SurveyCadence = (typeof SURVEY_CADENCES)[number];

export const SURVEY_LIMITS = {
  nameLength: 120,
  questionLength: 300,
  followUpLength: 300,
  thankYouLength: 600,
  commentLength: 2000,
  /** How long a personal-link respondent may change their answer (latest wins), in hours. */
  defaultChangeWindowHours: 72,
  maxChangeWindowHours: 24 * 30,
  maxAlertRecipients: 20,
} as const;

export type PerGroupText = Partial<Record<SurveyGroup, string>>;
export interface NextStep {
  label: string;
  url: string;
}
