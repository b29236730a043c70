import { beforeAll, describe, expect, it } from 'vitest';
import { events, type AbTestConfig, type EventType } from '@/lib/db/schema';
import { bounceRate, compareVariants, complaintRate, ctor, ctr, openRate, unsubscribeRate } from '@/lib/metrics';
import { getCampaignReport, getWorkspaceEmailTrend } from '@/lib/reports/campaign';
import { signToken } from '@/lib/tracking/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { installProcessDb, lastEventId, makeCampaign, rollupThrough, startTrackingServer, type MadeCampaign, type SendSpec } from './support/campaigns';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

const AB: AbTestConfig = {
  variable: 'subject',
  variants: [
    { key: 'A', value: 'Spring sale' },
    { key: 'B', value: 'Our spring sale starts now' },
  ],
  // 100 %: every contact's hash bucket is in the test phase, matching the variant keys set below by hand.
  testPct: 100,
  metric: 'click',
  sendWinnerToRest: true,
};

let owner: WorkspaceCtx;
let viewer: WorkspaceCtx;
let stranger: WorkspaceCtx;
let ab: MadeCampaign;

// 10 sends: A gets 0–3, B gets 4–7 (7 failed), 8–9 are held for the winner.
const SENDS: SendSpec[] = [
  ...Array.from({ length: 4 }, () => ({ variantKey: 'A' })),
  ...Array.from({ length: 3 }, () => ({ variantKey: 'B' })),
  { variantKey: 'B', status: 'failed' as const },
  { heldForWinner: true },
  { heldForWinner: true },
];

async function hit(c: MadeCampaign, send: number, type: EventType, opts: { machine?: boolean; link?: number; minutesAgo?: number } = {}) {
  const [row] = await db()
    .insert(events)
    .values({
      workspaceId: c.workspaceId,
      campaignId: c.id,
      sendId: c.sends[send].id,
      contactId: c.sends[send].contactId,
      linkId: opts.link === undefined ? null : c.links[opts.link].id,
      type,
      machine: opts.machine ?? false,
      createdAt: new Date(Date.now() - (opts.minutesAgo ?? 30) * 60_000),
    })
    .returning({ id: events.id });
  return row.id;
}

beforeAll(async () => {
  const a = await makeUser(db(), { workspaceName: 'Reports A' });
  const b = await makeUser(db(), { workspaceName: 'Reports B' });
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
  viewer = await ctxFor(db(), (await addMember(db(), a.workspace.id, 'viewer')).id, a.workspace.id);
  stranger = await ctxFor(db(), b.user.id, b.workspace.id);
  ab = await makeCampaign(db(), a.workspace.id, { sends: SENDS, abTest: AB, urls: ['https://a.example/1', 'https://a.example/2'] });

  await hit(ab, 0, 'open'); // A: human open + click
  await hit(ab, 0, 'open');
  await hit(ab, 0, 'click', { link: 0 });
  await hit(ab, 1, 'open', { machine: true }); // A: machine-only opener
  await hit(ab, 2, 'click', { link: 1 }); // A: human click without a pixel open: still an opener
  await hit(ab, 4, 'open'); // B: human opener
  await hit(ab, 5, 'open', { machine: true }); // B: machine opener, scanner click
  await hit(ab, 5, 'click', { link: 0, machine: true });
  await hit(ab, 6, 'unsubscribe');
  await hit(ab, 6, 'complaint');
  await hit(ab, 7, 'bounce');
  await hit(ab, 8, 'open'); // rest: counts in the totals, not in the variants
  await rollupThrough(db(), await hit(ab, 8, 'click', { link: 1 }));
});

describe('getCampaignReport', () => {
  it('counts from the roll-ups and sends: delivered, unique human/machine opens and clicks, totals', async () => {
    const r = await getCampaignReport(owner, ab.id);
    expect(r.counts).toMatchObject({
      recipients: 10,
      delivered: 9,
      failed: 1,
      uniqueOpens: { human: 4, machine: 2, total: 6 },
      uniqueClicks: { human: 3, machine: 1, total: 4 },
      opens: { total: 6, human: 4 },
      clicks: { total: 4, human: 3 },
      unsubscribes: 1,
      bounces: 1,
      complaints: 1,
    });
    expect(r.links).toEqual([
      { linkId: ab.links[0].id, url: 'https://a.example/1', uniqueClicks: { human: 1, machine: 1, total: 2 }, clicks: { total: 2, human: 1 } },
      { linkId: ab.links[1].id, url: 'https://a.example/2', uniqueClicks: { human: 2, machine: 0, total: 2 }, clicks: { total: 2, human: 2 } },
    ]);
    expect(r.hourly.reduce((s, h) => s + h.opens, 0)).toBe(6);
    expect(r.hourly.reduce((s, h) => s + h.humanClicks, 0)).toBe(3);
  });

  it('derives every rate through lib/metrics, humans only by default', async () => {
    const r = await getCampaignReport(owner, ab.id);
    expect(r.includeMachine).toBe(false);
    expect(r.rates).toEqual({
      openRate: openRate(4, 9),
      ctr: ctr(3, 9),
      ctor: ctor(3, 4),
      unsubscribeRate: unsubscribeRate(1, 9),
      bounceRate: bounceRate(1, 9),
      complaintRate: complaintRate(1, 9),
    });
    const all = await getCampaignReport(owner, ab.id, { includeMachine: true });
    expect(all.rates).toMatchObject({ openRate: openRate(6, 9), ctr: ctr(4, 9), ctor: ctor(4, 6) });
    expect(r.benchmark.range).toEqual({ low: 2, high: 3 });
    expect(r.benchmark.verdict).toBe('above');
  });

  it('splits the A/B test phase by variant and compares them with compareVariants', async () => {
    const r = await getCampaignReport(owner, ab.id);
    expect(r.variants.map((v) => [v.key, v.delivered, v.uniqueOpens.human, v.uniqueClicks.human])).toEqual([
      ['A', 4, 2, 2],
      ['B', 3, 1, 0],
    ]);
    expect(r.variants[0].rates).toEqual({ openRate: openRate(2, 4), ctr: ctr(2, 4), ctor: ctor(2, 2) });
    expect(r.abVerdict).toEqual(
      compareVariants([
        { id: 'A', successes: 2, trials: 4 },
        { id: 'B', successes: 0, trials: 3 },
      ]),
    );
    expect(r.abVerdict?.verdict.kind).toBe('insufficient');
  });

  it('a viewer may read it; another workspace gets NOT_FOUND, as does a malformed id', async () => {
    expect((await getCampaignReport(viewer, ab.id)).counts.delivered).toBe(9);
    await expectAppError(getCampaignReport(stranger, ab.id), 'NOT_FOUND', 'campaignNotFound');
    await expectAppError(getCampaignReport(owner, 'not-a-uuid'), 'NOT_FOUND', 'campaignNotFound');
    await expectAppError(getCampaignReport(owner, '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND', 'campaignNotFound');
  });

  it('reflects real hits on the tracking path after the roll-up', async () => {
    const c = await makeCampaign(db(), owner.workspaceId, { sends: 4, urls: ['https://shop.example/x'] });
    const restore = installProcessDb(db());
    const server = await startTrackingServer();
    try {
      const browser = { 'user-agent': 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15' };
      for (const s of c.sends.slice(0, 3)) await (await fetch(`${server.url}/t/o/${signToken('open', [s.id])}`, { headers: browser })).arrayBuffer();
      await (await fetch(`${server.url}/t/o/${signToken('open', [c.sends[3].id])}`, { headers: { 'user-agent': 'Mozilla/5.0' } })).arrayBuffer();
      const click = await fetch(`${server.url}/t/c/${signToken('click', [c.sends[0].id, c.links[0].id])}`, { headers: browser, redirect: 'manual' });
      expect(click.status).toBe(302);
      await (await fetch(`${server.url}/t/c/${signToken('click', [c.sends[1].id, c.links[0].id])}`, { method: 'HEAD', redirect: 'manual' })).text();
    } finally {
      await server.close();
      restore();
    }
    await rollupThrough(db(), await lastEventId(db()));
    const r = await getCampaignReport(owner, c.id);
    expect(r.counts.uniqueOpens).toEqual({ human: 3, machine: 1, total: 4 });
    expect(r.counts.uniqueClicks).toEqual({ human: 1, machine: 1, total: 2 });
    expect(r.rates.ctr).toBe(ctr(1, 4));
    expect(r.rates.ctor).toBe(ctor(1, 3));
  });
});

describe('getWorkspaceEmailTrend', () => {
  it("lists the workspace's recent sent campaigns oldest first, with CTR/CTOR from lib/metrics", async () => {
    const trendOwner = await makeUser(db(), { workspaceName: 'Trend' });
    const ctx = await ctxFor(db(), trendOwner.user.id, trendOwner.workspace.id);
    const older = await makeCampaign(db(), ctx.workspaceId, { sends: 4, name: 'Older', finishedAt: new Date(Date.now() - 7 * 86_400_000) });
    const newer = await makeCampaign(db(), ctx.workspaceId, { sends: 2, name: 'Newer', finishedAt: new Date(Date.now() - 86_400_000) });
    await makeCampaign(db(), ctx.workspaceId, { sends: 2, name: 'Draft', status: 'draft' });
    await hit(older, 0, 'open');
    await hit(older, 1, 'open');
    await hit(older, 1, 'click', { link: 0 });
    await rollupThrough(db(), await hit(newer, 0, 'open', { machine: true }));

    const trend = await getWorkspaceEmailTrend(ctx, { limit: 10 });
    expect(trend.map((t) => [t.name, t.delivered, t.ctr, t.ctor])).toEqual([
      ['Older', 4, ctr(1, 4), ctor(1, 2)],
      ['Newer', 2, ctr(0, 2), ctor(0, 0)],
    ]);
    expect((await getWorkspaceEmailTrend(ctx, { limit: 1 })).map((t) => t.name)).toEqual(['Newer']);
    expect((await getWorkspaceEmailTrend(stranger, { limit: 10 })).map((t) => t.campaignId)).not.toContain(older.id);
  });
});
