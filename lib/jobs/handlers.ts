import type { Db } from '@/lib/db/client';
import type { Job } from '@/lib/db/schema';
import { applyAbWinner } from '@/lib/campaigns/ab-winner';
import { startCampaign } from '@/lib/campaigns/start';
import { AppError } from '@/lib/errors';
import { sendDetractorAlert } from '@/lib/surveys/alert';
import { SURVEY_JOB_KINDS } from '@/lib/surveys/jobs';
import { deliverWebhook } from '@/lib/webhooks/outgoing/deliver';
import { JOB_KINDS } from './kinds';

/** What a handler may answer: nothing (done), or "run me again at" (not a failure). */
export type JobResult = void | { retryAt: Date };
export type JobHandler = (db: Db, job: Job) => Promise<JobResult>;

function campaignIdOf(job: Job): string {
  const id = job.payload.campaignId;
  if (typeof id !== 'string') throw new Error(`job ${job.id} (${job.kind}) has no campaignId`);
  return id;
}

/** A campaign deleted after its job was queued is nothing to do, not an error to retry. */
async function ignoringGone(fn: () => Promise<JobResult>): Promise<JobResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.messageKey === 'campaignNotFound') return;
    throw e;
  }
}

export const defaultHandlers: Record<string, JobHandler> = {
  [JOB_KINDS.campaignStart]: (db, job) =>
    ignoringGone(async () => {
      await startCampaign(db, campaignIdOf(job));
    }),
  [JOB_KINDS.campaignAbWinner]: (db, job) =>
    ignoringGone(async () => {
      const result = await applyAbWinner(db, campaignIdOf(job));
      if ('retryAt' in result) return result;
    }),
  [SURVEY_JOB_KINDS.detractorAlert]: async (db, job) => {
    await sendDetractorAlert(db, job);
  },
  [JOB_KINDS.webhookDeliver]: async (db, job) => {
    await deliverWebhook(db, job);
  },
};
