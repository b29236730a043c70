/** Job kinds of surveys (lib/jobs/queue); handlers live in lib/surveys/alert.ts and lib/surveys/cadence.ts. */
export const SURVEY_JOB_KINDS = {
  /** Mail the chosen team members about one detractor answer. Key: `survey.detractor-alert:<responseId>`. */
  detractorAlert: 'survey.detractor-alert',
} as const;
