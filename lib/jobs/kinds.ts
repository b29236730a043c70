/** Job kinds and their de-duplication keys: one open job per campaign and kind. */
export const JOB_KINDS = {
  campaignStart: 'campaign.start',
  campaignAbWinner: 'campaign.ab-winner',
  /** One outgoing webhook delivery (lib/webhooks/outgoing/deliver). Key: `webhook.deliver:<deliveryId>`. */
  webhookDeliver: 'webhook.deliver',
} as const;
export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

export const jobKey = (kind: JobKind, campaignId: string) => `${kind}:${campaignId}`;
