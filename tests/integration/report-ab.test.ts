import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abDecision, applyAbWinner } from '@/lib/campaigns/ab-winner';
import { getCampaignInWorkspace } from '@/lib/campaigns/guards';
import { startCampaign } from '@/lib/campaigns/start';
import { campaignLinks, campaignSends, type AbTestConfig } from '@/lib/db/schema';
import { ctr } from '@/lib/metrics';
import { getCampaignReport } from '@/lib/reports/campaign';
import { signToken } from '@/lib/tracking/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { installProcessDb, lastEventId, rollupThrough, startTrackingServer } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { deliverAll, makeContacts, makeDraft, useSmtp } from './support/sending';

/**
 * One source for each number: the report's A/B figures are abDecision's, and rows released to the
 * winner after the test phase are counted in the campaign totals and in `abRest`, never for the
 * winning variant. Real path: start → deliver (outbox) → tracking hits → roll-up → winner → deliver.
 */
const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const abTest: AbTestConfig = {
  variable: 'subject',
  variants: [{ key: 'A', value: 'Subject A' }, { key: 'B', value: 'Subject B' }],
  testPct: 50,
  metric: 'click',
  sendWinnerToRest: true,
};
let ctx: WorkspaceCtx;
let tracker: string;
let close: () => Promise<void>;
let restoreDb: () => void;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  restoreDb = installProcessDb(db());
  ({ url: tracker, close } = await startTrackingServer());
  const u = await makeUser(db(), { workspaceName: 'A/B report' });
  ctx = await ctxFor(db(), u.user.id, u.workspace.id);
  await useSmtp(db(), ctx.workspaceId, null);
});
afterAll(async () => {
  await close?.();
  restoreDb?.();
});

async function humanClick(campaignId: string, sendIds: number[]) {
  // Clicks within seconds of delivery are scanner clicks: these mails went out an hour ago.
  await db().update(campaignSends).set({ sentAt: new Date(Date.now() - 3_600_000) }).where(inArray(campaignSends.id, sendIds));
  const [link] = await db().select({ id: campaignLinks.id }).from(campaignLinks).where(eq(campaignLinks.campaignId, campaignId)).limit(1);
  for (const id of sendIds) {
    const res = await fetch(`${tracker}/t/c/${signToken('click', [id, link.id])}`, { redirect: 'manual', headers: { 'user-agent': CHROME } });
    expect(res.status).toBe(302);
  }
  await rollupThrough(db(), await lastEventId(db()));
}

const sendIds = async (campaignId: string, variantKey: string) =>
  (
    await db()
      .select({ id: campaignSends.id })
      .from(campaignSends)
      .where(and(eq(campaignSends.campaignId, campaignId), eq(campaignSends.variantKey, variantKey)))
  ).map((r) => r.id);

describe('A/B report after the winner went to the rest', () => {
  it('counts released rows in the totals and in abRest, not for the winning variant', async () => {
    await makeContacts(db(), ctx.workspaceId, 60);
    const campaign = await makeDraft(db(), ctx.workspaceId, { abTest });
    const { held } = await startCampaign(db(), campaign.id, { abWaitMs: 0 });
    expect(held).toBeGreaterThan(5);
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 60 - held, finished: false });

    const testB = await sendIds(campaign.id, 'B');
    const testA = await sendIds(campaign.id, 'A');
    await humanClick(campaign.id, testB.slice(0, 2));
    expect(await applyAbWinner(db(), campaign.id)).toEqual({ winnerKey: 'B' });
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: held, finished: true });

    const released = (await sendIds(campaign.id, 'B')).filter((id) => !testB.includes(id));
    expect(released).toHaveLength(held);
    await humanClick(campaign.id, released.slice(0, 1));

    const r = await getCampaignReport(ctx, campaign.id);
    // Totals: everyone, test phase and rest.
    expect(r.counts).toMatchObject({ recipients: 60, delivered: 60 });
    expect(r.counts.uniqueClicks.human).toBe(3);
    // Variants: the test phase only; B keeps its 2 test clickers and its own size.
    expect(r.variants.map((v) => [v.key, v.delivered, v.uniqueClicks.human])).toEqual([
      ['A', testA.length, 0],
      ['B', testB.length, 2],
    ]);
    expect(r.variants[1].rates.ctr).toEqual(ctr(2, testB.length));
    // The rest: the released rows and the click one of them made.
    expect(r.abRest).toMatchObject({ winnerKey: 'B', recipients: held, delivered: held });
    expect(r.abRest!.uniqueClicks.human).toBe(1);
    expect(r.variants.reduce((n, v) => n + v.delivered, 0) + r.abRest!.delivered).toBe(r.counts.delivered);

    // One source: the report's comparison is abDecision's.
    const decision = (await abDecision(db(), await getCampaignInWorkspace(db(), ctx, campaign.id)))!;
    expect(r.abVerdict?.verdict).toEqual(decision.verdict);
    expect(r.abVerdict?.variants.map((v) => v.rate)).toEqual(decision.variants.map((v) => v.rate));
    expect(decision.variants.map((v) => v.delivered)).toEqual([testA.length, testB.length]);
    const releasedRows = await db().select({ held: campaignSends.heldForWinner }).from(campaignSends).where(inArray(campaignSends.id, released));
    expect(releasedRows.every((row) => !row.held)).toBe(true);
  });
});
