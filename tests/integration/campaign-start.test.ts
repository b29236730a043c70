import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRecipients } from '@/lib/campaigns/audience';
import { linkTargets } from '@/lib/campaigns/render';
import { startCampaign } from '@/lib/campaigns/start';
import { addListMembers, createList } from '@/lib/contacts/lists';
import { campaignLinks, campaigns, campaignSends, jobs, type AbTestConfig } from '@/lib/db/schema';
import { JOB_KINDS, jobKey } from '@/lib/jobs/kinds';
import { createSegment } from '@/lib/segments/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { BLOCKS, makeContacts, makeDraft } from './support/sending';

const db = setupTestDb();
let ctx: WorkspaceCtx;
let other: WorkspaceCtx;

beforeAll(async () => {
  const a = await makeUser(db(), { workspaceName: 'Start A' });
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  const b = await makeUser(db(), { workspaceName: 'Start B' });
  other = await ctxFor(db(), b.user.id, b.workspace.id);
});

const sends = (campaignId: string) =>
  db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaignId)).orderBy(asc(campaignSends.id));

describe('startCampaign', () => {
  let subscribed: string[];
  let everyone: { id: string; email: string }[];

  beforeAll(async () => {
    const statuses = ['subscribed', 'subscribed', 'unsubscribed', 'subscribed', 'bounced', 'subscribed', 'complained', 'subscribed'] as const;
    everyone = await makeContacts(db(), ctx.workspaceId, statuses.length, (i) => ({ status: statuses[i], tags: i % 2 === 0 ? ['vip'] : [] }));
    subscribed = everyone.filter((_, i) => statuses[i] === 'subscribed').map((c) => c.email);
    await makeContacts(db(), other.workspaceId, 4); // another tenant's subscribers never join
  });

  it('materialises exactly the subscribed contacts of the workspace, freezes the links, sets sending', async () => {
    const campaign = await makeDraft(db(), ctx.workspaceId);
    const result = await startCampaign(db(), campaign.id);
    expect(result).toMatchObject({ started: true, status: 'sending', recipients: subscribed.length, held: 0 });
    const rows = await sends(campaign.id);
    expect(rows.map((r) => r.email).sort()).toEqual([...subscribed].sort());
    expect(rows.every((r) => r.status === 'pending' && r.workspaceId === ctx.workspaceId && r.variantKey === null)).toBe(true);
    const links = await db().select().from(campaignLinks).where(eq(campaignLinks.campaignId, campaign.id)).orderBy(asc(campaignLinks.id));
    expect(links.map((l) => l.url)).toEqual(linkTargets(BLOCKS));
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(after.status).toBe('sending');
    expect(after.startedAt).toBeInstanceOf(Date);
    expect(await countRecipients({ ctx, input: { audience: { type: 'all' } } })).toBe(subscribed.length);
  });

  it('is idempotent: a second call, even from a reset status, leaves the same rows and links', async () => {
    const campaign = await makeDraft(db(), ctx.workspaceId, { status: 'scheduled', scheduledAt: new Date(Date.now() - 1000) });
    await startCampaign(db(), campaign.id);
    const first = await sends(campaign.id);
    const again = await startCampaign(db(), campaign.id);
    expect(again).toMatchObject({ started: false, status: 'sending', recipients: subscribed.length });
    // Force the INSERT … SELECT to run again: ON CONFLICT keeps one row per contact.
    await db().update(campaigns).set({ status: 'scheduled' }).where(eq(campaigns.id, campaign.id));
    expect((await startCampaign(db(), campaign.id)).started).toBe(true);
    expect(await sends(campaign.id)).toEqual(first);
    const links = await db().select().from(campaignLinks).where(eq(campaignLinks.campaignId, campaign.id));
    expect(links).toHaveLength(linkTargets(BLOCKS).length);
  });

  it('does not start a campaign scheduled for later', async () => {
    const campaign = await makeDraft(db(), ctx.workspaceId, { status: 'scheduled', scheduledAt: new Date(Date.now() + 3_600_000) });
    expect(await startCampaign(db(), campaign.id)).toMatchObject({ started: false, status: 'scheduled', recipients: 0 });
  });

  it('a list audience: the subscribed members only', async () => {
    const list = await createList({ ctx, input: { name: `Start list ${Date.now()}` } });
    await addListMembers({ ctx, input: { listId: list.id, contactIds: everyone.slice(0, 4).map((c) => c.id) } });
    const audience = { type: 'list' as const, listId: list.id };
    const campaign = await makeDraft(db(), ctx.workspaceId, { audience });
    expect((await startCampaign(db(), campaign.id)).recipients).toBe(3);
    expect((await sends(campaign.id)).map((r) => r.email).sort()).toEqual([everyone[0].email, everyone[1].email, everyone[3].email].sort());
    expect(await countRecipients({ ctx, input: { audience } })).toBe(3);
  });

  it('a segment audience: the compiled rules, subscribed only', async () => {
    const segment = await createSegment({ ctx, input: { name: `VIP ${Date.now()}`, rules: { match: 'all', rules: [{ kind: 'tag', tag: 'vip', op: 'has' }] } } });
    const campaign = await makeDraft(db(), ctx.workspaceId, { audience: { type: 'segment', segmentId: segment.id } });
    await startCampaign(db(), campaign.id);
    // vip = even positions: 0, 2 (unsubscribed), 4 (bounced), 6 (complained) → only 0 is subscribed.
    expect((await sends(campaign.id)).map((r) => r.email)).toEqual([everyone[0].email]);
  });

  it("another workspace's list is not found, and nothing is started", async () => {
    const foreign = await createList({ ctx: other, input: { name: `Foreign ${Date.now()}` } });
    const campaign = await makeDraft(db(), ctx.workspaceId, { audience: { type: 'list', listId: foreign.id } });
    await expectAppError(startCampaign(db(), campaign.id), 'NOT_FOUND', 'listNotFound');
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(after.status).toBe('draft');
    expect(await sends(campaign.id)).toHaveLength(0);
  });
});

describe('A/B assignment', () => {
  const N = 3000;
  let ws: WorkspaceCtx;
  beforeAll(async () => {
    const u = await makeUser(db(), { workspaceName: 'AB split' });
    ws = await ctxFor(db(), u.user.id, u.workspace.id);
    await makeContacts(db(), ws.workspaceId, N);
  });

  /** The same hash in JS: the assignment is a pure function of (contact, campaign). */
  function expected(contactId: string, campaignId: string, ab: AbTestConfig) {
    const h = createHash('md5').update(contactId + campaignId).digest('hex');
    const bucket = parseInt(h.slice(0, 7), 16) % 10_000;
    if (bucket >= ab.testPct * 100) return { variantKey: null, heldForWinner: true };
    return { variantKey: ab.variants[parseInt(h.slice(8, 15), 16) % ab.variants.length].key, heldForWinner: false };
  }

  it('a 40 % test over two variants: proportions within 4σ, deterministic, winner job queued', async () => {
    const abTest: AbTestConfig = { variable: 'subject', variants: [{ key: 'A', value: 'One' }, { key: 'B', value: 'Two' }], testPct: 40, metric: 'click', sendWinnerToRest: true };
    const campaign = await makeDraft(db(), ws.workspaceId, { abTest });
    const result = await startCampaign(db(), campaign.id, { abWaitMs: 3_600_000 });
    expect(result.recipients).toBe(N);
    const rows = await sends(campaign.id);
    const n = { A: 0, B: 0, held: 0 };
    for (const r of rows) {
      expect({ variantKey: r.variantKey, heldForWinner: r.heldForWinner }).toEqual(expected(r.contactId, campaign.id, abTest));
      if (r.heldForWinner) n.held++;
      else n[r.variantKey as 'A' | 'B']++;
    }
    const sigmaTest = Math.sqrt(N * 0.4 * 0.6);
    expect(Math.abs(n.A + n.B - N * 0.4)).toBeLessThan(4 * sigmaTest);
    expect(Math.abs(n.A - n.B)).toBeLessThan(4 * Math.sqrt(N * 0.4)); // difference of two halves
    expect(n.held).toBe(result.held);
    const [job] = await db().select().from(jobs).where(eq(jobs.key, jobKey(JOB_KINDS.campaignAbWinner, campaign.id)));
    expect(job.kind).toBe(JOB_KINDS.campaignAbWinner);
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('a plain three-way split (100 %): nobody held, thirds within 4σ', async () => {
    const abTest: AbTestConfig = {
      variable: 'ctaText',
      variants: [{ key: 'A', value: 'Buy' }, { key: 'B', value: 'Shop' }, { key: 'C', value: 'Go' }],
      testPct: 100,
      metric: 'open',
      sendWinnerToRest: false,
    };
    const campaign = await makeDraft(db(), ws.workspaceId, { abTest });
    await startCampaign(db(), campaign.id);
    const rows = await sends(campaign.id);
    expect(rows.some((r) => r.heldForWinner)).toBe(false);
    const sigma = Math.sqrt(N * (1 / 3) * (2 / 3));
    for (const key of ['A', 'B', 'C']) {
      expect(Math.abs(rows.filter((r) => r.variantKey === key).length - N / 3)).toBeLessThan(4 * sigma);
    }
  });
});
