import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cancelCampaign, scheduleCampaign } from '@/lib/campaigns/schedule';
import { createCampaign, deleteCampaign, listCampaigns, updateCampaign } from '@/lib/campaigns/manage';
import { sendTestCampaign } from '@/lib/campaigns/preview';
import { createList } from '@/lib/contacts/lists';
import { auditLog, campaigns, campaignSends, mailMessages, type Campaign } from '@/lib/db/schema';
import { campaignDraftSchema, type CampaignDraftInput } from '@/lib/db/schema/campaigns/validation';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { makeContact } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

const draft = (overrides: Partial<CampaignDraftInput> = {}): CampaignDraftInput =>
  campaignDraftSchema.parse({
    name: 'Spring sale',
    category: 'promotional',
    audienceKind: 'b2c',
    subject: 'Hi {{ first_name | "there" }}',
    previewText: '20% off',
    blocks: [
      { type: 'heading', text: 'Spring' },
      { type: 'button', text: 'Shop', url: 'https://shop.example/spring' },
    ],
    audience: { type: 'all' },
    ...overrides,
  });

let owner: WorkspaceCtx;
let viewer: WorkspaceCtx;
let other: WorkspaceCtx;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  const a = await makeUser(db());
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
  viewer = await ctxFor(db(), (await addMember(db(), a.workspace.id, 'viewer')).id, a.workspace.id);
  const b = await makeUser(db());
  other = await ctxFor(db(), b.user.id, b.workspace.id);
});

async function row(id: string): Promise<Campaign> {
  const [c] = await db().select().from(campaigns).where(eq(campaigns.id, id));
  return c;
}

describe('campaign drafts', () => {
  it('creates, lists and updates a draft with an audit trail', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    expect(c.status).toBe('draft');
    expect((await listCampaigns(owner)).map((x) => x.id)).toContain(c.id);
    await updateCampaign({ ctx: owner, input: { ...draft({ name: 'Spring sale v2' }), campaignId: c.id } });
    expect((await row(c.id)).name).toBe('Spring sale v2');
    const audits = await db().select().from(auditLog).where(eq(auditLog.target, c.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['campaign.created', 'campaign.updated']);
  });

  it('refuses a list of another workspace as audience', async () => {
    const foreignList = await createList({ ctx: other, input: { name: 'Theirs' } });
    await expectAppError(createCampaign({ ctx: owner, input: draft({ audience: { type: 'list', listId: foreignList.id } }) }), 'NOT_FOUND', 'listNotFound');
  });

  it('viewers cannot create, change, schedule or delete', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    const before = await row(c.id);
    await expectAppError(createCampaign({ ctx: viewer, input: draft() }), 'FORBIDDEN', 'readOnly');
    await expectAppError(updateCampaign({ ctx: viewer, input: { ...draft({ name: 'x' }), campaignId: c.id } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(scheduleCampaign({ ctx: viewer, input: { campaignId: c.id } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(deleteCampaign({ ctx: viewer, input: { campaignId: c.id } }), 'FORBIDDEN', 'readOnly');
    expect(await row(c.id)).toEqual(before);
  });

  it('another tenant gets NOT_FOUND for every verb and changes nothing', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    const before = await row(c.id);
    await expectAppError(updateCampaign({ ctx: other, input: { ...draft({ name: 'stolen' }), campaignId: c.id } }), 'NOT_FOUND', 'campaignNotFound');
    await expectAppError(scheduleCampaign({ ctx: other, input: { campaignId: c.id } }), 'NOT_FOUND', 'campaignNotFound');
    await expectAppError(cancelCampaign({ ctx: other, input: { campaignId: c.id } }), 'NOT_FOUND', 'campaignNotFound');
    await expectAppError(deleteCampaign({ ctx: other, input: { campaignId: c.id } }), 'NOT_FOUND', 'campaignNotFound');
    await expectAppError(sendTestCampaign({ ctx: other, input: { campaignId: c.id } }), 'NOT_FOUND', 'campaignNotFound');
    expect(await row(c.id)).toEqual(before);
    expect((await listCampaigns(other)).map((x) => x.id)).not.toContain(c.id);
  });
});

describe('scheduling', () => {
  it('needs a subject and content', async () => {
    const c = await createCampaign({ ctx: owner, input: draft({ subject: '', blocks: [] }) });
    await expectAppError(scheduleCampaign({ ctx: owner, input: { campaignId: c.id } }), 'VALIDATION', 'campaignNoSubject');
    expect((await row(c.id)).status).toBe('draft');
  });

  it('refuses a moment in the past', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    await expectAppError(scheduleCampaign({ ctx: owner, input: { campaignId: c.id, sendAt: '2020-01-01T10:00:00Z' } }), 'VALIDATION', 'campaignDateInPast');
  });

  it('schedules, unschedules back to draft, and locks once sending', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const s = await scheduleCampaign({ ctx: owner, input: { campaignId: c.id, sendAt: at } });
    expect(s.status).toBe('scheduled');
    expect(s.scheduledAt?.toISOString()).toBe(at);
    expect(await cancelCampaign({ ctx: owner, input: { campaignId: c.id } })).toBe('draft');
    expect((await row(c.id)).scheduledAt).toBeNull();

    await db().update(campaigns).set({ status: 'sending' }).where(eq(campaigns.id, c.id));
    await expectAppError(updateCampaign({ ctx: owner, input: { ...draft({ name: 'late edit' }), campaignId: c.id } }), 'CONFLICT', 'campaignLocked');
    await expectAppError(deleteCampaign({ ctx: owner, input: { campaignId: c.id } }), 'CONFLICT', 'campaignNotDraft');
  });

  it('stopping a sending campaign cancels only the rows not yet sent', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    await db().update(campaigns).set({ status: 'sending' }).where(eq(campaigns.id, c.id));
    const [p, s] = [await makeContact(db(), owner.workspaceId), await makeContact(db(), owner.workspaceId)];
    await db().insert(campaignSends).values([
      { workspaceId: owner.workspaceId, campaignId: c.id, contactId: p.id, email: p.email, status: 'pending' },
      { workspaceId: owner.workspaceId, campaignId: c.id, contactId: s.id, email: s.email, status: 'sent', sentAt: new Date() },
    ]);
    expect(await cancelCampaign({ ctx: owner, input: { campaignId: c.id } })).toBe('cancelled');
    const sends = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, c.id));
    expect(Object.fromEntries(sends.map((x) => [x.email, x.status]))).toEqual({ [p.email]: 'cancelled', [s.email]: 'sent' });
    expect((await row(c.id)).status).toBe('cancelled');
  });
});

describe('test send', () => {
  it('renders with merge tags and lands in the outbox without tracking', async () => {
    const c = await createCampaign({ ctx: owner, input: draft() });
    const qa = await addMember(db(), owner.workspaceId, 'viewer');
    const r = await sendTestCampaign({ ctx: owner, input: { campaignId: c.id, to: qa.email } });
    expect(r).toMatchObject({ status: 'sent', transport: 'outbox' });
    const [m] = await db().select().from(mailMessages).where(eq(mailMessages.id, r.id));
    expect(m.subject).toBe('[TEST] Hi Test');
    expect(m.html).toContain('href="https://shop.example/spring"');
    expect(m.html).not.toContain('/t/o/');
  });
});
