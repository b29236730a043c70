import { eq, sql } from 'drizzle-orm';
import { decryptSecret } from '@/lib/crypto';
import type { Db } from '@/lib/db/client';
import { webhookDeliveries, webhookEndpoints, type Job } from '@/lib/db/schema';
import { backoffMs, JOB_DEFAULTS } from '@/lib/jobs/queue';
import { postWebhook, type PostOutcome } from './post';
import { signatureHeader } from './signature';

export const WEBHOOK_USER_AGENT = 'Pulse-Webhooks/1';

/** A failed attempt; thrown so the job queue retries with its back-off (lib/jobs/queue failJob). */
export class WebhookDeliveryFailed extends Error {
  constructor(readonly deliveryId: number, detail: string) {
    super(`webhook delivery ${deliveryId} failed: ${detail}`);
  }
}

function deliveryIdOf(job: Job): number {
  const id = Number(job.payload.deliveryId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`job ${job.id} (${job.kind}) has no deliveryId`);
  return id;
}

/** The request exactly as sent: headers and the raw body they sign. */
export function webhookRequest(secret: string, payload: Record<string, unknown>, now: Date = new Date()) {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': WEBHOOK_USER_AGENT,
    'Pulse-Event-Id': String(payload.id ?? ''),
    'Pulse-Event-Type': String(payload.type ?? ''),
    'Pulse-Timestamp': String(timestamp),
    'Pulse-Signature': signatureHeader(secret, timestamp, body),
  };
  return { body, headers };
}

/**
 * The `webhook.deliver` job: one POST of one delivery. 2xx → succeeded. Anything else (a status,
 * a refused address, a timeout) is recorded on the delivery and thrown, so the queue retries
 * after its exponential back-off; the attempt that reaches JOB_DEFAULTS.maxAttempts marks the
 * delivery failed (the queue closes the job). A delivery of a deleted endpoint is gone with it;
 * one of a disabled endpoint fails without a request (re-enable, then "Retry now").
 */
export async function deliverWebhook(db: Db, job: Job): Promise<void> {
  const deliveryId = deliveryIdOf(job);
  const [row] = await db
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url, secretEnc: webhookEndpoints.secretEnc, active: webhookEndpoints.active })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status === 'succeeded') return;
  const last = job.attempts >= JOB_DEFAULTS.maxAttempts;

  if (!row.active) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: 'endpoint disabled', nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, deliveryId));
    return;
  }

  const now = new Date();
  const { body, headers } = webhookRequest(decryptSecret(row.secretEnc), row.delivery.payload, now);
  const outcome: PostOutcome = await postWebhook(row.url, body, headers);
  const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
  const error = 'error' in outcome ? outcome.error : ok ? null : `HTTP ${outcome.status}${outcome.body ? `: ${outcome.body.slice(0, 200)}` : ''}`;
  await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: 'status' in outcome ? outcome.status : null,
      lastError: error,
      lastAttemptAt: now,
      status: ok ? 'succeeded' : last ? 'failed' : 'pending',
      deliveredAt: ok ? new Date() : null,
      nextAttemptAt: ok || last ? null : new Date(Date.now() + backoffMs(job.attempts)),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!ok) throw new WebhookDeliveryFailed(deliveryId, error ?? 'unknown');
}
