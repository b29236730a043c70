import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaignSends, mailMessages } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { groupCommit, sleep, type Throttle } from '@/lib/jobs/pacing';
import { claimSends, finishIfDone, recordOutcomes, releaseClaims, transition, type ClaimedSend, type SendOutcome } from './claims';
import { composeMail, loadCampaignContent, type CampaignContent, type ComposedMail } from './compose';
import { sendOutcome } from './smtp-outcome';
import type { CampaignTransport, TransportCache } from './transport';

/**
 * The send loop of one worker for one campaign. Rows go pending → claimed (a batch, SKIP LOCKED)
 * → attempting (committed before SMTP) → sent | failed | unknown. At most `concurrency` rows are
 * ever `attempting` for this worker: each slot's next row becomes `attempting` in the same
 * statement that records its previous outcome. That bounds what a crash can leave `unknown`.
 */
export interface DeliverOptions {
  campaignId: string;
  workerId: string;
  transports: TransportCache;
  throttle: Throttle;
  /** Mails in flight (≤ the transport's pool size). */
  concurrency: number;
  batchSize: number;
  /** Graceful stop: in-flight sends finish, claimed rows go back to pending. */
  signal?: AbortSignal;
  /** Stop claiming after this long, so the worker can serve other campaigns (default 10 s). */
  timeBudgetMs?: number;
}

export interface DeliverResult {
  sent: number;
  failed: number;
  unknown: number;
  cancelled: number;
  /** Never handed to SMTP (server unreachable) and put back to pending. */
  requeued: number;
  /** Claimed but not attempted when the pass ended; back to pending. */
  released: number;
  /** The SMTP server could not be reached: pause this campaign before the next pass. */
  unreachable: boolean;
  /** The campaign is complete (status `sent`). */
  finished: boolean;
}

let claimNo = 0;
const claimToken = (workerId: string) => `${workerId}#${++claimNo}`;

export async function deliverCampaign(db: Db, opts: DeliverOptions): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, failed: 0, unknown: 0, cancelled: 0, requeued: 0, released: 0, unreachable: false, finished: false };
  const claim = () => claimSends(db, { campaignId: opts.campaignId, token: claimToken(opts.workerId), limit: opts.batchSize });
  // Claim first: a campaign waiting for its A/B winner (or drained by other workers) costs one query.
  const first = await claim();
  if (first.length === 0) {
    result.finished = await finishIfDone(db, opts.campaignId);
    return result;
  }
  let content: CampaignContent | null;
  let transport: CampaignTransport;
  try {
    content = await loadCampaignContent(db, opts.campaignId);
    if (!content) return result; // deleted meanwhile: its rows went with it
    transport = await opts.transports.forWorkspace(db, content.campaign.workspaceId);
  } catch (error) {
    await releaseClaims(db, first);
    throw error;
  }
  const run: Run = { db, opts, content, claim, deadline: Date.now() + (opts.timeBudgetMs ?? 10_000), result };
  const exhausted = transport.kind === 'outbox' ? await deliverToOutbox(run, transport, first) : await deliverOverSmtp(run, transport, first);
  if (exhausted) result.finished = await finishIfDone(db, opts.campaignId);
  return result;
}

interface Run {
  db: Db;
  opts: DeliverOptions;
  content: CampaignContent;
  claim: () => Promise<ClaimedSend[]>;
  deadline: number;
  result: DeliverResult;
}

function count(result: DeliverResult, outcome: SendOutcome) {
  if (outcome.status === 'pending') result.requeued++;
  else result[outcome.status]++;
}

/** Returns true when no claimable row was left. */
async function deliverOverSmtp(run: Run, transport: Extract<CampaignTransport, { kind: 'smtp' }>, first: ClaimedSend[]): Promise<boolean> {
  const { db, opts, content, deadline, result } = run;
  const queue: ClaimedSend[] = [...first];
  let exhausted = false;
  let refilling: Promise<void> | null = null;
  const stopPulling = () => opts.signal?.aborted || result.unreachable;

  const refill = async () => {
    const rows = await run.claim();
    if (rows.length === 0) exhausted = true;
    queue.push(...rows);
  };
  // Prefetch when the queue runs low, so slots don't idle between batches; no refills after the deadline.
  const next = async (): Promise<ClaimedSend | null> => {
    for (;;) {
      if (stopPulling()) return null;
      if (queue.length < opts.concurrency && !exhausted && Date.now() < deadline) {
        refilling ??= refill().finally(() => (refilling = null));
      }
      if (queue.length > 0) return queue.shift()!;
      if (!refilling) return null;
      await refilling;
    }
  };

  // Group commit of row transitions: one statement records the previous outcomes of the slots
  // AND marks their next rows attempting, so a mail costs one DB round trip, not two.
  const step = groupCommit(async (items: { outcome?: SendOutcome; attempt?: ClaimedSend }[]) => {
    const granted = await transition(db, {
      outcomes: items.flatMap((i) => (i.outcome ? [i.outcome] : [])),
      attempts: items.flatMap((i) => (i.attempt ? [i.attempt] : [])),
    });
    return items.map((i) => (i.attempt ? granted.has(i.attempt.id) : false));
  });

  const slot = async () => {
    // This slot's last outcome, recorded together with its next attempt (or alone when idle).
    let unrecorded: SendOutcome | null = null;
    const take = () => {
      const o = unrecorded;
      unrecorded = null;
      return o;
    };
    const record = async (outcome: SendOutcome | null) => {
      if (!outcome) return;
      await step.add({ outcome });
      count(result, outcome);
    };
    try {
      for (let row = await next(); row; row = await next()) {
        if (!row.subscribed) {
          await record({ id: row.id, token: row.token, status: 'cancelled', error: 'contact no longer subscribed' });
          continue;
        }
        const wait = opts.throttle.reserve();
        if (wait > 0) {
          // Record the last outcome while waiting: a sent mail should not linger as `attempting`.
          const recording = record(take());
          await sleep(wait, opts.signal);
          await recording;
        }
        if (stopPulling()) {
          queue.unshift(row);
          return;
        }
        let mail: ComposedMail;
        try {
          mail = composeMail(content, row, transport.from);
        } catch (e) {
          await record({ id: row.id, token: row.token, status: 'failed', error: `render: ${e instanceof Error ? e.message : String(e)}` });
          continue;
        }
        const previous = take();
        const granted = await step.add({ outcome: previous ?? undefined, attempt: row });
        if (previous) count(result, previous);
        // Not granted: the claim was lost (lease expired and recovered), someone else owns the row.
        if (!granted) continue;
        unrecorded = await sendOutcome(transport, mail, row);
        if (unrecorded.status === 'pending') result.unreachable = true;
      }
    } finally {
      await record(take());
    }
  };

  const settled = await Promise.allSettled(Array.from({ length: opts.concurrency }, slot));
  while (refilling) await refilling;
  result.released += await releaseClaims(db, queue.splice(0));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return exhausted && !stopPulling();
}

/**
 * No SMTP configured: the mail_messages rows ARE the delivery. Writing them and marking the rows
 * `sent` in one transaction makes this path exactly-once, with no `attempting` stage.
 */
async function deliverToOutbox(run: Run, transport: Extract<CampaignTransport, { kind: 'outbox' }>, first: ClaimedSend[]): Promise<boolean> {
  const { db, opts, content, deadline, result } = run;
  for (let rows = first; ; rows = await run.claim()) {
    if (rows.length === 0) return true;
    const mails = new Map<number, ComposedMail>();
    const skipped: SendOutcome[] = [];
    for (const r of rows) {
      if (!r.subscribed) {
        skipped.push({ id: r.id, token: r.token, status: 'cancelled', error: 'contact no longer subscribed' });
        continue;
      }
      try {
        mails.set(r.id, composeMail(content, r, transport.from));
      } catch (e) {
        skipped.push({ id: r.id, token: r.token, status: 'failed', error: `render: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    await recordOutcomes(db, skipped);
    skipped.forEach((o) => count(result, o));
    if (mails.size === 0) continue;
    await withTransaction(db, async (tx) => {
      const granted = await executeRows<{ id: number | string }>(
        tx,
        sql`update ${campaignSends} set status = 'sent', sent_at = now()
            where ${campaignSends.id} in (${sql.join([...mails.keys()].map((id) => sql`${id}`), sql`, `)})
              and ${campaignSends.claimedBy} = ${rows[0].token} and ${campaignSends.status} = 'claimed'
            returning ${campaignSends.id} as id`,
      );
      const values = granted.map((g) => {
        const mail = mails.get(Number(g.id))!;
        return {
          workspaceId: content.campaign.workspaceId,
          kind: 'campaign',
          fromAddress: transport.from,
          toAddress: mail.to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          transport: 'outbox' as const,
          status: 'sent' as const,
          sentAt: new Date(),
        };
      });
      for (let i = 0; i < values.length; i += 100) await tx.insert(mailMessages).values(values.slice(i, i + 100));
      result.sent += granted.length;
    });
    if (opts.signal?.aborted || Date.now() >= deadline) return false;
  }
}
