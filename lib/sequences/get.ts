import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, sequences, sequenceSteps, type Sequence } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

type Scope = Pick<WorkspaceCtx, 'db' | 'workspaceId'>;

/** Fetch-or-throw by id AND workspace: another tenant's sequence is simply not found. */
export async function getSequenceInWorkspace(ctx: Scope, sequenceId: string, db: Db = ctx.db, opts: { forUpdate?: boolean } = {}): Promise<Sequence> {
  if (!/^[0-9a-f-]{36}$/i.test(sequenceId)) throw notFound('sequenceNotFound');
  const query = db
    .select()
    .from(sequences)
    .where(and(eq(sequences.id, sequenceId), eq(sequences.workspaceId, ctx.workspaceId)))
    .limit(1);
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('sequenceNotFound');
  return row;
}

/** The steps in order with their mail's subject and status. */
export async function getSequenceSteps(ctx: Scope, sequenceId: string, db: Db = ctx.db) {
  return db
    .select({
      id: sequenceSteps.id,
      position: sequenceSteps.position,
      kind: sequenceSteps.kind,
      gapMinDays: sequenceSteps.gapMinDays,
      gapMaxDays: sequenceSteps.gapMaxDays,
      campaignId: sequenceSteps.campaignId,
      subject: campaigns.subject,
      audienceKind: campaigns.audienceKind,
    })
    .from(sequenceSteps)
    .innerJoin(campaigns, eq(campaigns.id, sequenceSteps.campaignId))
    .where(and(eq(sequenceSteps.sequenceId, sequenceId), eq(sequenceSteps.workspaceId, ctx.workspaceId)))
    .orderBy(asc(sequenceSteps.position));
}
