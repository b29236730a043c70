import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { sequences, type Sequence, type SequenceStatus } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getSequenceInWorkspace } from './get';

/**
 * TEMPORARY stand-in for the engine's lifecycle verbs (the lead replaces this file with the engine
 * helper's version): the bare status moves draft → active ⇄ paused → stopped, role-checked and audited.
 */
type Input = { sequenceId: string; baseUrl?: string };

async function move(ctx: WorkspaceCtx, input: Input, from: SequenceStatus[], to: SequenceStatus, action: string): Promise<Sequence> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getSequenceInWorkspace(ctx, input.sequenceId, tx);
    if (!from.includes(current.status)) throw conflict('sequenceWrongStatus');
    const now = new Date();
    const [row] = await tx
      .update(sequences)
      .set({
        status: to,
        updatedAt: now,
        ...(to === 'active' && current.status === 'draft' ? { activatedAt: now, baseUrl: input.baseUrl ?? null } : {}),
        ...(to === 'paused' ? { pausedAt: now } : {}),
        ...(to === 'stopped' ? { stoppedAt: now } : {}),
      })
      .where(and(eq(sequences.id, current.id), eq(sequences.workspaceId, ctx.workspaceId)))
      .returning();
    await writeAudit(tx, ctx, action, current.id);
    return row;
  });
}

export const activateSequence = ({ ctx, input }: { ctx: WorkspaceCtx; input: Input }) => move(ctx, input, ['draft'], 'active', 'sequence.activated');
export const pauseSequence = ({ ctx, input }: { ctx: WorkspaceCtx; input: Input }) => move(ctx, input, ['active'], 'paused', 'sequence.paused');
export const resumeSequence = ({ ctx, input }: { ctx: WorkspaceCtx; input: Input }) => move(ctx, input, ['paused'], 'active', 'sequence.resumed');
export const stopSequence = ({ ctx, input }: { ctx: WorkspaceCtx; input: Input }) => move(ctx, input, ['active', 'paused'], 'stopped', 'sequence.stopped');

/** After an active step's mail changes: the engine freezes its tracked links (stub until the engine lands). */
export async function freezeStepLinks(tx: Db, campaignId: string): Promise<void> {
  void tx;
  void campaignId;
}
