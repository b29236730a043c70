/** Job kinds and their de-duplication keys: one open job per campaign and kind. */
export const JOB_KINDS = {
  campaignStart: 'campaign.start',
  campaignAbWinner: 'campaign.ab-winner',
} as const;
export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

export const jobKey = (kind: JobKind, campaignId: string) => `${kind}:${campaignId}`;
