import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignSends, contacts } from '@/lib/db/schema';
import { listCampaignRecipients } from '@/lib/reports/recipients';
import { recipientsCsv } from '@/lib/reports/recipients-csv';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { makeCampaign, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();
let ctx: WorkspaceCtx;
let viewer: WorkspaceCtx;
let other: WorkspaceCtx;
let c: MadeCampaign;
const ago = (min: number) => new Date(Date.now() - min * 60_000);

beforeAll(async () => {
  const a = await makeUser(db());
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  viewer = await ctxFor(db(), (await addMember(db(), a.workspace.id, 'viewer')).id, a.workspace.id);
  const b = await makeUser(db());
  other = await ctxFor(db(), b.user.id, b.workspace.id);
  c = await makeCampaign(db(), ctx.workspaceId, { sends: 4 });
  const [s0, s1, s2] = c.sends;
  // s0: a person opened and clicked; s1: only a privacy proxy opened; s2: opened; s3: nothing.
  await db().update(campaignSends).set({ firstOpenAt: ago(30), firstHumanOpenAt: ago(30), firstClickAt: ago(29), firstHumanClickAt: ago(29) }).where(eq(campaignSends.id, s0.id));
  await db().update(campaignSends).set({ firstOpenAt: ago(59) }).where(eq(campaignSends.id, s1.id));
  await db().update(campaignSends).set({ firstOpenAt: ago(20), firstHumanOpenAt: ago(20) }).where(eq(campaignSends.id, s2.id));
  await db().update(contacts).set({ firstName: '=HYPERLINK("http://evil")' }).where(eq(contacts.id, s0.contactId));
});

const ids = async (filter: 'opened' | 'clicked' | 'notOpened' | 'all', includeMachine = false, who = ctx) =>
  (await listCampaignRecipients(who, c.id, { filter, includeMachine })).rows.map((r) => r.sendId);

describe('campaign recipients drill-down', () => {
  it('filters people, and machines only when asked', async () => {
    const [s0, s1, s2, s3] = c.sends.map((s) => s.id);
    expect(await ids('opened')).toEqual([s0, s2]);
    expect(await ids('opened', true)).toEqual([s0, s1, s2]);
    expect(await ids('clicked')).toEqual([s0]);
    expect(await ids('notOpened')).toEqual([s1, s3]);
    expect(await ids('notOpened', true)).toEqual([s3]);
    expect(await ids('all', false, viewer)).toEqual([s0, s1, s2, s3]);
  });

  it('pages with a keyset cursor', async () => {
    const first = await listCampaignRecipients(ctx, c.id, { filter: 'all', limit: 3 });
    expect(first.rows).toHaveLength(3);
    const second = await listCampaignRecipients(ctx, c.id, { filter: 'all', limit: 3, after: first.next! });
    expect(second.rows.map((r) => r.sendId)).toEqual([c.sends[3].id]);
    expect(second.next).toBeNull();
  });

  it("another workspace's campaign is not found", async () => {
    await expectAppError(listCampaignRecipients(other, c.id, { filter: 'all' }), 'NOT_FOUND', 'campaignNotFound');
  });

  it('exports CSV with formula cells neutralised', async () => {
    let csv = '';
    for await (const chunk of recipientsCsv(ctx, c.id, 'clicked', false)) csv += chunk;
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('email,first_name,last_name,variant,status,sent_at,first_open_at,first_click_at');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
