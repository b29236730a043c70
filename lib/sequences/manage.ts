import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, contacts, sequenceEnrolments, sequences, sequenceSteps, workspaces, type Sequence } from '@/lib/db/schema';
import type { SequenceAudience, SequenceStatus } from '@/lib/db/schema/sequences/constants';
import type { SequenceSettingsInput } from '@/lib/db/schema/sequences/validation';
import { withTransaction } from '@/lib/db/transaction';
import { conflict } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { sequenceAudienceWhere } from './audience';
import { getSequenceInWorkspace } from './get';

/**
 * What may change when. Draft: everything. Paused: timing, control share, re-entry and sunset (they
 * apply to what happens from now on), but not who the sequence is for or how they enter — the
 * enrolled contacts came in under those. Active: pause first. Stopped: nothing.
 */
export const SETTINGS_EDITABLE: readonly SequenceStatus[] = ['draft', 'paused'];
export const AUDIENCE_EDITABLE: readonly SequenceStatus[] = ['draft'];

export interface SequenceListRow {
  id: string;
  name: string;
  status: SequenceStatus;
  audience: SequenceAudience;
  entryMode: Sequence['entryMode'];
  createdAt: Date;
  enrolled: number;
  active: number;
}

/** Every sequence of the workspace, newest first, with its enrolled (ever) and in-progress counts. */
export async function listSequences(ctx: WorkspaceCtx): Promise<SequenceListRow[]> {
  assertRole(ctx, 'viewer');
  const counts = ctx.db
    .select({
      sequenceId: sequenceEnrolments.sequenceId,
      enrolled: count().as('enrolled'),
      active: sql<number>`count(*) filter (where ${sequenceEnrolments.status} = 'active')`.as('active'),
    })
    .from(sequenceEnrolments)
    .where(eq(sequenceEnrolments.workspaceId, ctx.workspaceId))
    .groupBy(sequenceEnrolments.sequenceId)
    .as('c');
  const rows = await ctx.db
    .select({
      id: sequences.id,
      name: sequences.name,
      status: sequences.status,
      audience: sequences.audience,
      entryMode: sequences.entryMode,
      createdAt: sequences.createdAt,
      enrolled: counts.enrolled,
      active: counts.active,
    })
    .from(sequences)
    .leftJoin(counts, eq(counts.sequenceId, sequences.id))
    .where(eq(sequences.workspaceId, ctx.workspaceId))
    .orderBy(desc(sequences.createdAt));
  return rows.map((r) => ({ ...r, enrolled: Number(r.enrolled ?? 0), active: Number(r.active ?? 0) }));
}

/** Subscribed contacts the audience selects right now (the builder's live count). */
export async function countSequenceAudience({ ctx, input }: { ctx: WorkspaceCtx; input: { audience: SequenceAudience } }): Promise<number> {
  assertRole(ctx, 'viewer');
  const [ws] = await ctx.db
    .select({ id: workspaces.id, benchmarks: workspaces.benchmarks, inactivitySignals: workspaces.inactivitySignals })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const where = await sequenceAudienceWhere(ctx.db, ws, input.audience);
  const [row] = await ctx.db.select({ n: count() }).from(contacts).where(where);
  return Number(row?.n ?? 0);
}

/** Key order does not matter (jsonb reorders keys); arrays are sets here, so sort them too. */
function canonical(a: SequenceAudience): string {
  const norm = Object.fromEntries(
    Object.entries(a)
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v] as const)
      .sort(([x], [y]) => x.localeCompare(y)),
  );
  return JSON.stringify(norm);
}

async function assertReferences(ctx: WorkspaceCtx, input: SequenceSettingsInput) {
  if (input.audience.type === 'segment') await getSegmentInWorkspace(ctx.db, ctx, input.audience.segmentId);
  if (input.sunsetAction === 'list' && input.sunsetListId) await getListInWorkspace(ctx.db, ctx, input.sunsetListId);
}

/** The builder's settings and the gaps of steps 2–5, in one transaction with one audit row. */
export async function updateSequenceSettings({ ctx, input }: { ctx: WorkspaceCtx; input: SequenceSettingsInput }): Promise<Sequence> {
  assertRole(ctx, 'member');
  await assertReferences(ctx, input);
  return withTransaction(ctx.db, async (tx) => {
    const found = await getSequenceInWorkspace(ctx, input.sequenceId, tx);
    // Locked: a concurrent activate must not slip between the status check and the write.
    const [current] = await tx
      .select()
      .from(sequences)
      .where(and(eq(sequences.id, found.id), eq(sequences.workspaceId, ctx.workspaceId)))
      .for('update');
    if (!SETTINGS_EDITABLE.includes(current.status)) throw conflict('sequenceNotEditable');
    if (!AUDIENCE_EDITABLE.includes(current.status) && (canonical(current.audience) !== canonical(input.audience) || current.entryMode !== input.entryMode)) {
      throw conflict('sequenceAudienceLocked');
    }
    const [row] = await tx
      .update(sequences)
      .set({
        name: input.name,
        audience: input.audience,
        entryMode: input.entryMode,
        reentryCooldownDays: input.reentryCooldownDays,
        controlPct: input.controlPct,
        sunsetAction: input.sunsetAction,
        sunsetListId: input.sunsetAction === 'list' ? input.sunsetListId : null,
        sunsetAfterDays: input.sunsetAfterDays,
        updatedAt: new Date(),
      })
      .where(and(eq(sequences.id, current.id), eq(sequences.workspaceId, ctx.workspaceId)))
      .returning();
    for (const [i, gap] of input.gaps.entries()) {
      await tx
        .update(sequenceSteps)
        .set({ gapMinDays: gap.min, gapMaxDays: gap.max })
        .where(and(eq(sequenceSteps.sequenceId, current.id), eq(sequenceSteps.workspaceId, ctx.workspaceId), eq(sequenceSteps.position, i + 2)));
    }
    await writeAudit(tx, ctx, 'sequence.updated', current.id, { status: current.status });
    return row;
  });
}

/** Drafts only: a sequence that ever ran has enrolments and results to keep (stop it instead). */
export async function deleteSequence({ ctx, input }: { ctx: WorkspaceCtx; input: { sequenceId: string } }): Promise<void> {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const current = await getSequenceInWorkspace(ctx, input.sequenceId, tx);
    if (current.status !== 'draft') throw conflict('sequenceNotDraft');
    const stepCampaigns = tx
      .select({ id: sequenceSteps.campaignId })
      .from(sequenceSteps)
      .where(and(eq(sequenceSteps.sequenceId, current.id), eq(sequenceSteps.workspaceId, ctx.workspaceId)));
    await tx.delete(campaigns).where(and(eq(campaigns.workspaceId, ctx.workspaceId), inArray(campaigns.id, stepCampaigns)));
    await tx.delete(sequences).where(and(eq(sequences.id, current.id), eq(sequences.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'sequence.deleted', current.id, { name: current.name });
  });
}

/**
 * The step a campaign is, if any: its sequence's name and status and its position. Null for an
 * ordinary campaign. The campaign editor uses it for the back link and the edit guard.
 */
export async function stepOfCampaign(ctx: Pick<WorkspaceCtx, 'db' | 'workspaceId'>, campaignId: string) {
  const [row] = await ctx.db
    .select({ sequenceId: sequences.id, name: sequences.name, status: sequences.status, position: sequenceSteps.position })
    .from(sequenceSteps)
    .innerJoin(sequences, and(eq(sequences.id, sequenceSteps.sequenceId), eq(sequences.workspaceId, sequenceSteps.workspaceId)))
    .where(and(eq(sequenceSteps.campaignId, campaignId), eq(sequenceSteps.workspaceId, ctx.workspaceId)))
    .limit(1);
  return row ?? null;
}
