import { eq } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, sequences, sequenceSteps, workspaces, type Sequence } from '@/lib/db/schema';
import type { SequenceCreateInput } from '@/lib/db/schema/sequences/validation';
import { withTransaction } from '@/lib/db/transaction';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { defaultSequenceTemplate } from './template';

/**
 * A new sequence from the default 5-step template, as a draft: the sequence, one re-engagement
 * campaign per step (its mail, edited in the campaign editor) and the step rows, in one
 * transaction. The control share starts at the workspace's default.
 */
export async function createSequence({ ctx, input }: { ctx: WorkspaceCtx; input: SequenceCreateInput }): Promise<Sequence> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const [ws] = await tx.select({ locale: workspaces.locale, benchmarks: workspaces.benchmarks }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
    const [sequence] = await tx
      .insert(sequences)
      .values({
        workspaceId: ctx.workspaceId,
        name: input.name,
        audience: input.audience,
        controlPct: Math.round(ws.benchmarks.controlGroupPct),
        createdById: ctx.userId,
      })
      .returning();
    const template = defaultSequenceTemplate(ws.locale, input.siteUrl);
    const stepCampaigns = await tx
      .insert(campaigns)
      .values(
        template.map((step, i) => ({
          workspaceId: ctx.workspaceId,
          sequenceId: sequence.id,
          name: `${input.name} · ${i + 1}`,
          category: 'reengagement' as const,
          subject: step.subject,
          previewText: step.previewText,
          blocks: step.blocks,
          createdById: ctx.userId,
        })),
      )
      .returning({ id: campaigns.id, name: campaigns.name });
    const byName = new Map(stepCampaigns.map((c) => [c.name, c.id]));
    await tx.insert(sequenceSteps).values(
      template.map((step, i) => ({
        workspaceId: ctx.workspaceId,
        sequenceId: sequence.id,
        position: i + 1,
        kind: step.kind,
        gapMinDays: step.gap.min,
        gapMaxDays: step.gap.max,
        campaignId: byName.get(`${input.name} · ${i + 1}`)!,
      })),
    );
    await writeAudit(tx, ctx, 'sequence.created', sequence.id, { name: sequence.name });
    return sequence;
  });
}
