import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, campaignSends, jobs, type AbTestConfig, type Campaign } from '@/lib/db/schema';
import { abTestSchema } from '@/lib/db/schema/campaigns/validation';
import { withTransaction } from '@/lib/db/transaction';
import { invalid, notFound } from '@/lib/errors';
import { JOB_KINDS, jobKey } from '@/lib/jobs/kinds';
import { enqueue } from '@/lib/jobs/queue';
import { compareVariants, type AbVerdict, type VariantResult } from '@/lib/metrics/ab';
import { readAbPhases, sumGroups, type AudienceCounts } from '@/lib/reports/campaign-counts';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { inTestPhaseSql } from './ab-split';

export interface AbVariantOutcome extends VariantResult, AudienceCounts {
  key: string;
  value: string;
  /** Unique human clickers or openers (clickers count as openers), by the test's metric. */
  successes: number;
}

export interface AbDecision {
  metric: AbTestConfig['metric'];
  /** The test phase only, in the test's variant order. */
  variants: AbVariantOutcome[];
  verdict: AbVerdict;
  /** The variant the rest gets: the override, else the significant winner, else the best rate (ties → control). */
  chosen: string;
  override: string | null;
  /** Every test-phase row is sent, failed or unknown: the numbers are final. */
  testComplete: boolean;
  /** Already applied (campaigns.winner_key), or null. */
  appliedWinner: string | null;
  /** Rows still held for the winner. */
  held: number;
  /** Everyone outside the test phase: held, released to the winner (counted here, never for a variant), or cancelled. */
  rest: AudienceCounts;
}

const RETRY_WHILE_TESTING_MS = 60_000;

/**
 * The one source of A/B figures: lib/metrics compareVariants over the test phase (humans only, as
 * the winner is picked), plus the variant the rest should get. The report and the winner job both read it.
 */
export async function abDecision(db: Db, campaign: Campaign): Promise<AbDecision | null> {
  if (!campaign.abTest) return null;
  const ab = abTestSchema.parse(campaign.abTest);
  const phases = await readAbPhases(db, campaign.id, inTestPhaseSql(sql`contact_id`, campaign.id, ab));
  const stats = ab.variants.map((v) => {
    const counts = phases.test.get(v.key) ?? sumGroups([]);
    const successes = ab.metric === 'click' ? counts.uniqueClicks.human : counts.uniqueOpens.human;
    return { key: v.key, value: v.value, ...counts, successes };
  });
  const { variants, verdict } = compareVariants(stats.map((v) => ({ id: v.key, successes: v.successes, trials: v.delivered })));
  const rate = (v: { successes: number; delivered: number }) => (v.delivered === 0 ? -1 : v.successes / v.delivered);
  // Stable: on equal rates the earlier variant (the control first) stays ahead.
  const leader = stats.reduce((best, v) => (rate(v) > rate(best) ? v : best));
  const override = ab.winnerOverride && ab.variants.some((v) => v.key === ab.winnerOverride) ? ab.winnerOverride : null;
  return {
    metric: ab.metric,
    variants: variants.map((r, i) => ({ ...r, ...stats[i] })),
    verdict,
    chosen: override ?? (verdict.kind === 'winner' ? verdict.id : leader.key),
    override,
    testComplete: phases.inFlight === 0,
    appliedWinner: campaign.winnerKey,
    held: phases.held,
    rest: phases.rest,
  };
}

/**
 * The user picks the winner by hand. Stored as abTest.winnerOverride; the winner job is brought
 * forward so the rest is sent as soon as the test phase is complete.
 */
export async function overrideWinner({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string; winnerKey: string } }) {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const [campaign] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, input.campaignId)))
      .for('update');
    if (!campaign) throw notFound('campaignNotFound');
    if (!campaign.abTest?.variants.some((v) => v.key === input.winnerKey)) throw invalid('abUnknownVariant');
    await tx
      .update(campaigns)
      .set({ abTest: { ...campaign.abTest, winnerOverride: input.winnerKey }, updatedAt: sql`now()` })
      .where(eq(campaigns.id, campaign.id));
    if (campaign.status === 'sending') {
      const key = jobKey(JOB_KINDS.campaignAbWinner, campaign.id);
      const created = await enqueue(tx, { kind: JOB_KINDS.campaignAbWinner, key, payload: { campaignId: campaign.id } });
      if (created === null) await tx.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.key, key), sql`${jobs.doneAt} is null`));
    }
    await writeAudit(tx, ctx, 'campaign.ab_winner_overridden', campaign.id, { winnerKey: input.winnerKey });
  });
}

/**
 * The winner job: once the test phase is complete, record the winner and either release the held
 * rows with the winner's variant or, without "send the winner to the rest", cancel them. Before
 * that it asks to run again a minute later. Idempotent.
 */
export async function applyAbWinner(db: Db, campaignId: string): Promise<{ winnerKey: string | null } | { retryAt: Date }> {
  return withTransaction(db, async (tx) => {
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for('update');
    if (!campaign?.abTest || campaign.status === 'cancelled') return { winnerKey: null };
    const decision = (await abDecision(tx, campaign))!;
    if (!decision.testComplete) return { retryAt: new Date(Date.now() + RETRY_WHILE_TESTING_MS) };
    await tx.update(campaigns).set({ winnerKey: decision.chosen, updatedAt: sql`now()` }).where(eq(campaigns.id, campaignId));
    const held = and(eq(campaignSends.campaignId, campaignId), eq(campaignSends.heldForWinner, true), eq(campaignSends.status, 'pending'));
    if (campaign.abTest.sendWinnerToRest) {
      await tx.update(campaignSends).set({ variantKey: decision.chosen, heldForWinner: false }).where(held);
    } else {
      await tx.update(campaignSends).set({ status: 'cancelled', error: 'A/B test without "send the winner to the rest"' }).where(held);
    }
    return { winnerKey: decision.chosen };
  });
}
