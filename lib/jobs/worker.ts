import os from 'node:os';
import { asc, eq } from 'drizzle-orm';
import { recoverStaleSends } from '@/lib/campaigns/claims';
import { failStaleImports } from '@/lib/contacts/imports';
import { deliverCampaign } from '@/lib/campaigns/deliver';
import { claimBatchSize, sendConfigFromEnv, type SendConfig } from '@/lib/campaigns/send-config';
import { TransportCache } from '@/lib/campaigns/transport';
import type { Db } from '@/lib/db/client';
import { campaigns, type Job } from '@/lib/db/schema';
import { rollupEvents } from '@/lib/tracking/rollup';
import { createDueWaves, enqueueDueCampaigns, runSequenceDuty } from './duties';
import { defaultHandlers, type JobHandler } from './handlers';
import { claimJobs, completeJob, failJob, releaseJob, rescheduleJob } from './queue';
import { sleep, Throttle } from './pacing';
import { loggableError } from '@/lib/log/safe-error';

export interface WorkerOptions {
  db: Db;
  /** Unique per process; default `<hostname>:<pid>`. */
  id?: string;
  /** Mails in flight = SMTP pool size (default PULSE_SEND_CONCURRENCY). */
  concurrency?: number;
  /** Idle poll interval for jobs and sending campaigns (default 1 s). */
  pollMs?: number;
  /** Aborting it stops the worker gracefully (see `stop`). */
  signal?: AbortSignal;
  /** Overrides of the PULSE_SEND_* settings (rate 0 = unthrottled). */
  send?: Partial<SendConfig>;
  handlers?: Record<string, JobHandler>;
  /** Interval of the periodic duties (scheduling, recovery, roll-up); default 5 s. */
  maintenanceMs?: number;
  /** Interval of the sequence engine's due-work pass (lib/sequences/engine); default 5 s. */
  sequenceMs?: number;
  /** Enrolments per engine transaction (default 1000). */
  sequenceBatchSize?: number;
  /** Per-campaign time slice before the worker looks at other campaigns (default 10 s). */
  timeBudgetMs?: number;
  log?: Pick<Console, 'info' | 'error'>;
}

export interface Worker {
  id: string;
  /** Resolves once every loop has ended and the SMTP pools are closed. */
  stopped: Promise<void>;
  /** Graceful stop: in-flight mails finish and are recorded, claimed rows go back to pending. */
  stop(): Promise<void>;
}

/**
 * One worker: four loops sharing a stop signal. Jobs (campaign.start, campaign.ab-winner, …),
 * delivery of every `sending` campaign, the periodic duties (start due scheduled campaigns,
 * recover stale claims, roll up tracking events) and the sequence engine's due-work pass. Any number of workers may run against one
 * Postgres; everything they share is claimed with SKIP LOCKED or guarded by a conditional UPDATE.
 */
export function startWorker(opts: WorkerOptions): Worker {
  const { db } = opts;
  const id = opts.id ?? `${os.hostname()}:${process.pid}`;
  const env = sendConfigFromEnv();
  const cfg: SendConfig = { ...env, ...opts.send, concurrency: opts.concurrency ?? opts.send?.concurrency ?? env.concurrency };
  const pollMs = opts.pollMs ?? 1000;
  const log = opts.log ?? console;
  const controller = new AbortController();
  const signal = controller.signal;
  if (opts.signal?.aborted) controller.abort();
  opts.signal?.addEventListener('abort', () => controller.abort(), { once: true });

  const handlers = opts.handlers ?? defaultHandlers;
  const transports = new TransportCache(cfg.concurrency);
  const throttle = new Throttle(cfg.rate);
  const batchSize = claimBatchSize(cfg);
  const pausedUntil = new Map<string, number>();

  /** Runs `body` until stopped; an error is logged and followed by a pause, never a crash. */
  const loop = async (name: string, body: () => Promise<boolean>, idleMs: number) => {
    while (!signal.aborted) {
      let busy = false;
      try {
        busy = await body();
      } catch (error) {
        log.error(`[pulse worker ${id}] ${name} failed:`, loggableError(error));
        await sleep(Math.max(idleMs, 1000), signal);
        continue;
      }
      if (!busy) await sleep(idleMs, signal);
    }
  };

  const runJob = async (job: Job) => {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const result = await handler(db, job);
      if (result && 'retryAt' in result) await rescheduleJob(db, job, result.retryAt);
      else await completeJob(db, job);
    } catch (error) {
      const outcome = await failJob(db, job, error);
      log.error(`[pulse worker ${id}] job ${job.id} ${job.kind} failed (${outcome}):`, loggableError(error));
    }
  };

  const jobs = loop(
    'jobs',
    async () => {
      const [job] = await claimJobs(db, { workerId: id, limit: 1, kinds: Object.keys(handlers) });
      if (!job) return false;
      // A stop that arrived while claiming: hand the job back untouched instead of starting it.
      if (signal.aborted) {
        await releaseJob(db, job);
        return false;
      }
      await runJob(job);
      return true;
    },
    pollMs,
  );

  const delivery = loop(
    'delivery',
    async () => {
      const sending = await db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(eq(campaigns.status, 'sending'))
        .orderBy(asc(campaigns.startedAt));
      let busy = false;
      for (const { id: campaignId } of sending) {
        if (signal.aborted) break;
        if ((pausedUntil.get(campaignId) ?? 0) > Date.now()) continue;
        let r;
        try {
          r = await deliverCampaign(db, {
            campaignId,
            workerId: id,
            transports,
            throttle,
            concurrency: cfg.concurrency,
            batchSize,
            signal,
            timeBudgetMs: opts.timeBudgetMs,
          });
        } catch (error) {
          // One broken campaign (e.g. undecryptable SMTP password) must not starve the others.
          pausedUntil.set(campaignId, Date.now() + cfg.retryMs);
          log.error(`[pulse worker ${id}] delivery of campaign ${campaignId} failed; retrying in ${cfg.retryMs / 1000}s:`, loggableError(error));
          continue;
        }
        if (r.unreachable) {
          pausedUntil.set(campaignId, Date.now() + cfg.retryMs);
          log.error(`[pulse worker ${id}] SMTP unreachable for campaign ${campaignId}; ${r.requeued} mail(s) requeued, retrying in ${cfg.retryMs / 1000}s`);
        }
        busy ||= r.sent + r.failed + r.unknown + r.cancelled > 0;
      }
      return busy;
    },
    pollMs,
  );

  // An import still "running" an hour after it started was cut off (e.g. by a crashed server):
  // the largest allowed file takes minutes. Checked once a minute, not every maintenance tick.
  let nextImportSweep = 0;
  const maintenance = loop(
    'maintenance',
    async () => {
      await createDueWaves(db);
      await enqueueDueCampaigns(db);
      if (Date.now() >= nextImportSweep) {
        nextImportSweep = Date.now() + 60_000;
        const failed = await failStaleImports(db, 60 * 60_000);
        if (failed > 0) log.info(`[pulse worker ${id}] marked ${failed} interrupted import(s) as failed`);
      }
      const recovered = await recoverStaleSends(db, { leaseMs: cfg.leaseMs });
      if (recovered.requeued + recovered.unknown > 0) {
        log.info(`[pulse worker ${id}] recovered stale claims: ${recovered.requeued} back to pending, ${recovered.unknown} unknown`);
      }
      await rollupEvents(db);
      return false;
    },
    opts.maintenanceMs ?? 5000,
  );

  // The sequence engine queues due steps as campaign rows; the delivery loop above sends them.
  const sequencePass = loop(
    'sequences',
    async () => {
      await runSequenceDuty(db, { batchSize: opts.sequenceBatchSize });
      return false;
    },
    opts.sequenceMs ?? 5000,
  );

  const stopped = Promise.all([jobs, delivery, maintenance, sequencePass]).then(() => transports.close());
  return {
    id,
    stopped,
    stop() {
      controller.abort();
      return stopped;
    },
  };
}
