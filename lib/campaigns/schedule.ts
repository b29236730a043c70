import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, campaignSends, type Campaign } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, invalid } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { getCampaignInWorkspace } from './guards';
import { assertSurveySendable } from './survey-block';
import { wallTimeToUtc } from './zoned-time';

/** What a campaign needs before it may be scheduled; each gap is an i18n key under errors. */
export function sendReadiness(c: Pick<Campaign, 'subject' | 'blocks'>): string[] {
  const gaps: string[] = [];
  if (!c.subject.trim()) gaps.push('campaignNoSubject');
  if (c.blocks.length === 0) gaps.push('campaignNoContent');
  return gaps;
}

/**
 * Draft → scheduled. `sendAt` absent means now; the worker (lib/jobs) picks up due campaigns,
 * so scheduling is durable and shared by every app instance. `baseUrl` is the origin the app was
 * reached on: the worker has no request, so the campaign keeps it for the links in its mail.
 */
export async function scheduleCampaign({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { campaignId: string; sendAt?: string; sendAtLocal?: string; baseUrl?: string };
}) {
  assertRole(ctx, 'member');
  const sendAt = input.sendAtLocal
    ? wallTimeToUtc(input.sendAtLocal, (await getWorkspace(ctx)).timezone)
    : input.sendAt
      ? new Date(input.sendAt)
      : new Date();
  if (!sendAt || Number.isNaN(sendAt.getTime())) throw invalid('campaignBadDate');
  if (sendAt.getTime() < Date.now() - 60_000) throw invalid('campaignDateInPast');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getCampaignInWorkspace(tx, ctx, input.campaignId);
    if (current.status !== 'draft' && current.status !== 'scheduled') throw conflict('campaignLocked');
    // A sequence step goes out per contact when the sequence says so, never as a broadcast.
    if (current.sequenceId) throw conflict('campaignIsStep');
    const gaps = sendReadiness(current);
    if (gaps.length) throw invalid(gaps[0]);
    await assertSurveySendable(tx, current, sendAt);
    const [row] = await tx
      .update(campaigns)
      .set({ status: 'scheduled', scheduledAt: sendAt, baseUrl: input.baseUrl ?? current.baseUrl, updatedAt: new Date() })
      .where(and(eq(campaigns.id, current.id), eq(campaigns.workspaceId, ctx.workspaceId)))
      .returning();
    await writeAudit(tx, ctx, 'campaign.scheduled', row.id, { sendAt: sendAt.toISOString() });
    return row;
  });
}

/** Scheduled → back to draft; sending → cancelled, and every not-yet-sent row is cancelled. */
export async function cancelCampaign({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string } }) {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getCampaignInWorkspace(tx, ctx, input.campaignId);
    if (current.sequenceId) throw conflict('campaignIsStep');
    if (current.status === 'scheduled') {
      await tx.update(campaigns).set({ status: 'draft', scheduledAt: null, updatedAt: new Date() }).where(eq(campaigns.id, current.id));
      await writeAudit(tx, ctx, 'campaign.unscheduled', current.id);
      return 'draft' as const;
    }
    if (current.status !== 'sending') throw conflict('campaignNotCancellable');
    await tx
      .update(campaignSends)
      .set({ status: 'cancelled' })
      .where(and(eq(campaignSends.campaignId, current.id), inArray(campaignSends.status, ['pending', 'claimed'])));
    await tx.update(campaigns).set({ status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() }).where(eq(campaigns.id, current.id));
    await writeAudit(tx, ctx, 'campaign.cancelled', current.id);
    return 'cancelled' as const;
  });
}
