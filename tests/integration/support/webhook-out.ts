import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jobs, webhookDeliveries } from '@/lib/db/schema';
import { defaultHandlers } from '@/lib/jobs/handlers';
import { claimJobs, completeJob, failJob, releaseJob } from '@/lib/jobs/queue';
import { WEBHOOK_DELIVER_KIND, webhookDeliverKey } from '@/lib/webhooks/outgoing/outbox';

/** One request a receiver got: method, path, headers (lower-case) and the raw body. */
export interface ReceivedHook {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A real receiver on 127.0.0.1: records every request and answers with the next status of
 * `script` (then `fallback`). `respond` may override per request (e.g. a redirect).
 */
export async function startReceiver(opts: { script?: number[]; fallback?: number; respond?: (req: ReceivedHook, res: http.ServerResponse) => boolean } = {}) {
  const received: ReceivedHook[] = [];
  const script = [...(opts.script ?? [])];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(hook);
      if (opts.respond?.(hook, res)) return;
      const status = script.length ? script.shift()! : (opts.fallback ?? 200);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status >= 200 && status < 300 ? 'ok' : `nope ${'x'.repeat(3000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs the `webhook.deliver` job of one delivery the way the worker's job loop does (claim →
 * handler → complete, or failJob with the queue's back-off). Other due webhook jobs are handed back
 * untouched. 'none' when that job is not due (or does not exist).
 */
export async function runDeliveryJob(db: Db, deliveryId: number): Promise<'done' | 'retry' | 'dead' | 'none'> {
  const key = webhookDeliverKey(deliveryId);
  const claimed = await claimJobs(db, { workerId: 'webhook-test', kinds: [WEBHOOK_DELIVER_KIND], limit: 100 });
  let outcome: 'done' | 'retry' | 'dead' | 'none' = 'none';
  for (const job of claimed) {
    if (job.key !== key) {
      await releaseJob(db, job);
      continue;
    }
    try {
      await defaultHandlers[job.kind](db, job);
      await completeJob(db, job);
      outcome = 'done';
    } catch (error) {
      outcome = await failJob(db, job, error);
    }
  }
  return outcome;
}

/** The open job of a delivery (null once done). */
export async function openJobOf(db: Db, deliveryId: number) {
  const [job] = await db.select().from(jobs).where(and(eq(jobs.key, webhookDeliverKey(deliveryId)), isNull(jobs.doneAt)));
  return job ?? null;
}

/** The clock moves past the job's back-off (as campaign-worker.test.ts does): its run_at is now due. */
export async function passBackoff(db: Db, deliveryId: number): Promise<void> {
  await db
    .update(jobs)
    .set({ runAt: sql`now() - interval '1 second'` })
    .where(and(eq(jobs.key, webhookDeliverKey(deliveryId)), isNull(jobs.doneAt)));
}

export function deliveriesOf(db: Db, workspaceId: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId)).orderBy(asc(webhookDeliveries.id));
}

export async function deliveryRow(db: Db, id: number) {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

/** Runs a block with PULSE_WEBHOOK_ALLOW_PRIVATE switched off (the production rule). */
export async function withoutPrivateAddresses<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.PULSE_WEBHOOK_ALLOW_PRIVATE;
  process.env.PULSE_WEBHOOK_ALLOW_PRIVATE = 'false';
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.PULSE_WEBHOOK_ALLOW_PRIVATE;
    else process.env.PULSE_WEBHOOK_ALLOW_PRIVATE = before;
  }
}
