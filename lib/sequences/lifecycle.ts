import { and, eq, inArray, sql } from 'drizzle-orm';
import { sendReadiness } from '@/lib/campaigns/schedule';
import { freezeCampaignLinks } from '@/lib/campaigns/freeze-links';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, campaignSends, sequenceEnrolments, sequences, sequenceSteps, type Sequence } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, invalid } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { sequenceNow } from './clock';
import { enrolAudience, loadSequencePlan } from './enrol';
import { getSequenceInWorkspace } from './get';
import { firstSlotFrom } from './window';

/**
 * The life of a sequence: draft → active ⇄ paused → stopped. Each verb is one transaction with
 * its audit row; the sequence row is locked first, so a verb and an engine batch (which holds the
 * row FOR SHARE) never interleave. `baseUrl` is the origin the app was reached on (the worker has
 * no request): like scheduleCampaign, the caller's action passes `await baseUrl()`.
 */
type Input = { sequenceId: string; baseUrl?: string };

function lockSequence(tx: Db, ctx: WorkspaceCtx, sequenceId: string): Promise<Sequence> {
  return getSequenceInWorkspace(ctx, sequenceId, tx, { forUpdate: true });
}

/**
 * Draft → active: every step mail becomes a `sending` campaign (links frozen, the tracking origin
 * kept), so the delivery loop sends whatever step rows the engine queues. Entry `once` enrols the
 * audience snapshot in the same transaction; `continuous` leaves entry to the engine pass.
 */
export async function activateSequence({ ctx, input }: { ctx: WorkspaceCtx; input: Input }): Promise<{ sequence: Sequence; enrolled: number }> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockSequence(tx, ctx, input.sequenceId);
    if (current.status !== 'draft') throw conflict('sequenceAlreadyStarted');
    if (current.sunsetAction === 'list' && !current.sunsetListId) throw invalid('sequenceNoSunsetList');
    const steps = await tx
      .select({ campaign: campaigns })
      .from(sequenceSteps)
      .innerJoin(campaigns, eq(campaigns.id, sequenceSteps.campaignId))
      .where(and(eq(sequenceSteps.sequenceId, current.id), eq(sequenceSteps.workspaceId, ctx.workspaceId)));
    if (steps.length === 0) throw invalid('sequenceNoSteps');
    for (const { campaign } of steps) {
      const gaps = sendReadiness(campaign);
      if (gaps.length) throw invalid(gaps[0]);
    }
    const now = await sequenceNow(tx);
    const baseUrl = input.baseUrl ?? current.baseUrl;
    const [sequence] = await tx
      .update(sequences)
      .set({ status: 'active', activatedAt: now, baseUrl, updatedAt: new Date() })
      .where(eq(sequences.id, current.id))
      .returning();
    const ids = steps.map((s) => s.campaign.id);
    for (const { campaign } of steps) await freezeCampaignLinks(tx, campaign);
    await tx
      .update(campaigns)
      .set({ status: 'sending', startedAt: sql`now()`, baseUrl: sql`coalesce(${baseUrl ?? null}, ${campaigns.baseUrl})`, updatedAt: sql`now()` })
      .where(and(inArray(campaigns.id, ids), eq(campaigns.workspaceId, ctx.workspaceId)));
    const enrolled = sequence.entryMode === 'once' ? await enrolAudience(tx, await loadSequencePlan(tx, sequence), now) : 0;
    await writeAudit(tx, ctx, 'sequence.activated', sequence.id, { entryMode: sequence.entryMode, enrolled });
    return { sequence, enrolled };
  });
}

/** Active → paused: nobody enrols and no step is queued; enrolled contacts keep their place. */
export async function pauseSequence({ ctx, input }: { ctx: WorkspaceCtx; input: Input }): Promise<Sequence> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockSequence(tx, ctx, input.sequenceId);
    if (current.status !== 'active') throw conflict('sequenceNotActive');
    const [sequence] = await tx
      .update(sequences)
      .set({ status: 'paused', pausedAt: await sequenceNow(tx), updatedAt: new Date() })
      .where(eq(sequences.id, current.id))
      .returning();
    await writeAudit(tx, ctx, 'sequence.paused', sequence.id);
    return sequence;
  });
}

/**
 * Paused → active. Steps that fell due during the pause go out at the next send-window slot of
 * their mail (not all at once the moment it resumes); sunsets and control windows keep their
 * dates — a sunset is never earlier than announced, and one that passed is applied now.
 */
export async function resumeSequence({ ctx, input }: { ctx: WorkspaceCtx; input: Input }): Promise<{ sequence: Sequence; rescheduled: number }> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockSequence(tx, ctx, input.sequenceId);
    if (current.status !== 'paused') throw conflict('sequenceNotPaused');
    const now = await sequenceNow(tx);
    const [sequence] = await tx
      .update(sequences)
      .set({ status: 'active', pausedAt: null, baseUrl: input.baseUrl ?? current.baseUrl, updatedAt: new Date() })
      .where(eq(sequences.id, current.id))
      .returning();
    const plan = await loadSequencePlan(tx, sequence);
    let rescheduled = 0;
    if (plan.steps.length > 0) {
      // Overdue treatment rows with a step still to queue: next_due_at → the next slot of that step's mail.
      const slot = sql`case ${sql.join(
        plan.steps.map((s) => sql`when e.step + 1 = ${s.position} then ${firstSlotFrom(now, s.audienceKind, plan.workspace.timezone).toISOString()}::timestamptz`),
        sql` `,
      )} end`;
      const rows = await executeRows<{ id: number }>(
        tx,
        sql`update ${sequenceEnrolments} e set next_due_at = ${slot}
            where e.sequence_id = ${sequence.id} and e.workspace_id = ${ctx.workspaceId} and e.status = 'active'
              and e."group" = 'treatment' and e.step < ${plan.steps.length} and e.next_due_at < ${now.toISOString()}::timestamptz
            returning e.id`,
      );
      rescheduled = rows.length;
    }
    await writeAudit(tx, ctx, 'sequence.resumed', sequence.id, { rescheduled });
    return { sequence, rescheduled };
  });
}

/**
 * Active or paused → stopped, irreversibly: every active enrolment ends as `stopped` (no sunset
 * is applied), step rows not yet claimed are cancelled and the step mails are finished.
 */
export async function stopSequence({ ctx, input }: { ctx: WorkspaceCtx; input: Input }): Promise<{ sequence: Sequence; stopped: number }> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockSequence(tx, ctx, input.sequenceId);
    if (current.status !== 'active' && current.status !== 'paused') throw conflict(current.status === 'stopped' ? 'sequenceAlreadyStopped' : 'sequenceNotActive');
    const now = await sequenceNow(tx);
    const [sequence] = await tx
      .update(sequences)
      .set({ status: 'stopped', stoppedAt: now, updatedAt: new Date() })
      .where(eq(sequences.id, current.id))
      .returning();
    const ended = await tx
      .update(sequenceEnrolments)
      .set({ status: 'stopped', exitedAt: now, exitReason: 'stopped', nextDueAt: null })
      .where(and(eq(sequenceEnrolments.sequenceId, sequence.id), eq(sequenceEnrolments.workspaceId, ctx.workspaceId), eq(sequenceEnrolments.status, 'active')))
      .returning({ id: sequenceEnrolments.id });
    const stepCampaigns = tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.sequenceId, sequence.id), eq(campaigns.workspaceId, ctx.workspaceId)));
    await tx
      .update(campaignSends)
      .set({ status: 'cancelled', error: 'sequence stopped' })
      .where(and(inArray(campaignSends.campaignId, stepCampaigns), eq(campaignSends.status, 'pending')));
    await tx
      .update(campaigns)
      .set({ status: 'sent', finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(campaigns.sequenceId, sequence.id), eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.status, 'sending')));
    await writeAudit(tx, ctx, 'sequence.stopped', sequence.id, { stopped: ended.length });
    return { sequence, stopped: ended.length };
  });
}
