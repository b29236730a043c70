import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, campaignSends, jobs, type AbTestConfig, type Campaign } from '@/lib/db/schema';
import { abTestSchema } from '@/lib/db/schema/campaigns/validation';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { invalid, notFound } from '@/lib/errors';
import { JOB_KINDS, jobKey } from '@/lib/jobs/kinds';
import { enqueue } from '@/lib/jobs/queue';
import { compareVariants, type AbVerdict, type VariantResult } from '@/lib/metrics/ab';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { inTestPhaseSql } from './ab-split';

export interface AbVariantOutcome extends VariantResult {
  key: string;
  value: string;
  delivered: number;
  /** Unique human clickers or openers, by the test's metric. */
  successes: number;
}

export interface AbDecision {
  metric: AbTestConfig['metric'];
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
}

const RETRY_WHILE_TESTING_MS = 60_000;

/** Stats of the test phase only: "rest" rows that got the winner later are left out by their hash bucket. */
async function testPhaseStats(db: Db, campaign: Campaign, ab: AbTestConfig) {
  const engaged = ab.metric === 'click' ? campaignSends.firstHumanClickAt : campaignSends.firstHumanOpenAt;
  const rows = await executeRows<{ key: string | null; delivered: string | number; successes: string | number; in_flight: string | number; held: string | number }>(
    db,
    sql`select ${campaignSends.variantKey} as key,
          count(*) filter (where ${campaignSends.status} = 'sent') as delivered,
          count(*) filter (where ${campaignSends.status} = 'sent' and ${engaged} is not null) as successes,
          count(*) filter (where ${campaignSends.status} in ('pending', 'claimed', 'attempting') and not ${campaignSends.heldForWinner}) as in_flight,
          count(*) filter (where ${campaignSends.heldForWinner} and ${campaignSends.status} = 'pending') as held
        from ${campaignSends}
        where ${campaignSends.campaignId} = ${campaign.id}
          and (${inTestPhaseSql(sql`${campaignSends.contactId}`, campaign.id, ab)} or ${campaignSends.heldForWinner})
        group by ${campaignSends.variantKey}`,
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    variants: ab.variants.map((v) => ({ key: v.key, value: v.value, delivered: Number(byKey.get(v.key)?.delivered ?? 0), successes: Number(byKey.get(v.key)?.successes ?? 0) })),
    inFlight: rows.reduce((n, r) => n + Number(r.in_flight), 0),
    held: rows.reduce((n, r) => n + Number(r.held), 0),
  };
}

/** The verdict of lib/metrics compareVariants on the test's metric, plus the variant the rest should get. */
export async function abDecision(db: Db, campaign: Campaign): Promise<AbDecision | null> {
  if (!campaign.abTest) return null;
  const ab = abTestSchema.parse(campaign.abTest);
  const stats = await testPhaseStats(db, campaign, ab);
  const { variants, verdict } = compareVariants(stats.variants.map((v) => ({ id: v.key, successes: v.successes, trials: v.delivered })));
  const rate = (v: { successes: number; delivered: number }) => (v.delivered === 0 ? -1 : v.successes / v.delivered);
  // Stable: on equal rates the earlier variant (the control first) stays ahead.
  const leader = stats.variants.reduce((best, v) => (rate(v) > rate(best) ? v : best));
  const override = ab.winnerOverride && ab.variants.some((v) => v.key === ab.winnerOverride) ? ab.winnerOverride : null;
  return {
    metric: ab.metric,
    variants: variants.map((r, i) => ({ ...r, ...stats.variants[i] })),
    verdict,
    chosen: override ?? (verdict.kind === 'winner' ? verdict.id : leader.key),
    override,
    testComplete: stats.inFlight === 0,
    appliedWinner: campaign.winnerKey,
    held: stats.held,
  };
}

/** For the report: the A/B numbers and verdict of a campaign of the caller's workspace (null without a test). */
export async function decideWinner({ ctx, input }: { ctx: WorkspaceCtx; input: { campaignId: string } }): Promise<AbDecision | null> {
  assertRole(ctx, 'viewer');
  const [campaign] = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, input.campaignId)));
  if (!campaign) throw notFound('campaignNotFound');
  return abDecision(ctx.db, campaign);
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
