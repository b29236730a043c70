import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCampaigns, updateCampaign, deleteCampaign } from '@/lib/campaigns/manage';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { createList } from '@/lib/contacts/lists';
import { auditLog, campaigns, sequences, sequenceSteps, type Sequence } from '@/lib/db/schema';
import { campaignDraftSchema } from '@/lib/db/schema/campaigns/validation';
import { sequenceCreateSchema, sequenceSettingsSchema, type SequenceSettingsInput } from '@/lib/db/schema/sequences/validation';
import { createSegment } from '@/lib/segments/manage';
import { createSequence } from '@/lib/sequences/create';
import { getSequenceSteps } from '@/lib/sequences/get';
import { reactivateContact } from '@/lib/sequences/exits';
import { activateSequence, pauseSequence, stopSequence } from '@/lib/sequences/lifecycle';
import { countSequenceAudience, deleteSequence, listSequences, stepOfCampaign, updateSequenceSettings } from '@/lib/sequences/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { daysAgo, makeContact } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

let owner: WorkspaceCtx;
let member: WorkspaceCtx;
let viewer: WorkspaceCtx;
let other: WorkspaceCtx;

beforeAll(async () => {
  const a = await makeUser(db());
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
  member = await ctxFor(db(), (await addMember(db(), a.workspace.id, 'member')).id, a.workspace.id);
  viewer = await ctxFor(db(), (await addMember(db(), a.workspace.id, 'viewer')).id, a.workspace.id);
  const b = await makeUser(db());
  other = await ctxFor(db(), b.user.id, b.workspace.id);
});

let n = 0;
const make = (ctx: WorkspaceCtx = member) =>
  createSequence({ ctx, input: sequenceCreateSchema.parse({ name: `Win back ${++n}`, siteUrl: 'https://shop.example/new', audience: { type: 'tier', tiers: ['tier2'] } }) });

/** The settings as the builder sends them (strings, as typed), parsed by the action's own schema. */
const settings = (s: Sequence, overrides: Record<string, unknown> = {}): SequenceSettingsInput =>
  sequenceSettingsSchema.parse({
    sequenceId: s.id,
    name: s.name,
    audience: s.audience,
    entryMode: s.entryMode,
    reentryCooldownDays: null,
    controlPct: '10',
    sunsetAction: 'unsubscribe',
    sunsetListId: null,
    sunsetAfterDays: '7',
    gaps: [
      { min: '5', max: '7' },
      { min: '7', max: '10' },
      { min: '7', max: '10' },
      { min: '10', max: '14' },
    ],
    ...overrides,
  });

const row = async (id: string) => (await db().select().from(sequences).where(eq(sequences.id, id)))[0];
const gapsOf = async (ctx: WorkspaceCtx, id: string) => (await getSequenceSteps(ctx, id)).map((s) => [s.gapMinDays, s.gapMaxDays]);
const audits = async (id: string) => (await db().select().from(auditLog).where(eq(auditLog.target, id))).map((a) => a.action).sort();

describe('updateSequenceSettings', () => {
  it('saves name, entry, re-entry, control share, sunset list and the gaps of steps 2–5, with one audit row', async () => {
    const s = await make();
    const list = await createList({ ctx: owner, input: { name: `Sunset ${n}` } });
    await updateSequenceSettings({
      ctx: member,
      input: settings(s, {
        name: 'Renamed',
        audience: { type: 'behaviour', segment: 'stoppedBuying' },
        entryMode: 'continuous',
        reentryCooldownDays: '90',
        controlPct: '20',
        sunsetAction: 'list',
        sunsetListId: list.id,
        sunsetAfterDays: '10',
        gaps: [
          { min: '2', max: '3' },
          { min: '2', max: '3' },
          { min: '2', max: '3' },
          { min: '2', max: '3' },
        ],
      }),
    });
    const r = await row(s.id);
    expect([r.name, r.audience, r.entryMode, r.reentryCooldownDays, r.controlPct, r.sunsetAction, r.sunsetListId, r.sunsetAfterDays]).toEqual([
      'Renamed',
      { type: 'behaviour', segment: 'stoppedBuying' },
      'continuous',
      90,
      20,
      'list',
      list.id,
      10,
    ]);
    expect(await gapsOf(member, s.id)).toEqual([
      [0, 0],
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(await audits(s.id)).toEqual(['sequence.created', 'sequence.updated']);
  });

  it('forgets the sunset list when the action goes back to unsubscribe', async () => {
    const s = await make();
    const list = await createList({ ctx: owner, input: { name: `Sunset b ${n}` } });
    await updateSequenceSettings({ ctx: member, input: settings(s, { sunsetAction: 'list', sunsetListId: list.id }) });
    await updateSequenceSettings({ ctx: member, input: settings(s, { sunsetAction: 'unsubscribe', sunsetListId: list.id }) });
    expect((await row(s.id)).sunsetListId).toBeNull();
  });

  it('refuses viewers, and changes nothing', async () => {
    const s = await make();
    await expectAppError(updateSequenceSettings({ ctx: viewer, input: settings(s, { name: 'Viewer was here' }) }), 'FORBIDDEN', 'readOnly');
    await expectAppError(deleteSequence({ ctx: viewer, input: { sequenceId: s.id } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(activateSequence({ ctx: viewer, input: { sequenceId: s.id } }), 'FORBIDDEN', 'readOnly');
    expect((await row(s.id)).name).toBe(s.name);
  });

  it('answers another workspace as not found, and refuses its list or segment', async () => {
    const s = await make();
    await expectAppError(updateSequenceSettings({ ctx: other, input: settings(s, { name: 'Stolen' }) }), 'NOT_FOUND', 'sequenceNotFound');
    await expectAppError(deleteSequence({ ctx: other, input: { sequenceId: s.id } }), 'NOT_FOUND', 'sequenceNotFound');
    await expectAppError(activateSequence({ ctx: other, input: { sequenceId: s.id } }), 'NOT_FOUND', 'sequenceNotFound');
    expect(await getSequenceSteps(other, s.id)).toEqual([]);
    expect(await stepOfCampaign(other, (await getSequenceSteps(member, s.id))[0].campaignId)).toBeNull();
    const foreignList = await createList({ ctx: other, input: { name: `Foreign ${n}` } });
    const foreignSegment = await createSegment({ ctx: other, input: { name: `Foreign ${n}`, rules: { match: 'all', rules: [{ kind: 'tag', tag: 'vip', op: 'has' }] } } });
    await expectAppError(updateSequenceSettings({ ctx: member, input: settings(s, { sunsetAction: 'list', sunsetListId: foreignList.id }) }), 'NOT_FOUND', 'listNotFound');
    await expectAppError(
      updateSequenceSettings({ ctx: member, input: settings(s, { audience: { type: 'segment', segmentId: foreignSegment.id } }) }),
      'NOT_FOUND',
      'segmentNotFound',
    );
    await expectAppError(countSequenceAudience({ ctx: member, input: { audience: { type: 'segment', segmentId: foreignSegment.id } } }), 'NOT_FOUND', 'segmentNotFound');
    const r = await row(s.id);
    expect([r.name, r.sunsetListId, r.audience]).toEqual([s.name, null, s.audience]);
  });

  it.each([
    ['a gap whose latest day is before its earliest', { gaps: [{ min: 7, max: 5 }, { min: 7, max: 10 }, { min: 7, max: 10 }, { min: 10, max: 14 }] }, 'gaps.0.max: validation.lowAboveHigh'],
    ['three gaps', { gaps: [{ min: 5, max: 7 }, { min: 7, max: 10 }, { min: 7, max: 10 }] }, 'gaps: '],
    ['a gap of 0 days', { gaps: [{ min: 0, max: 7 }, { min: 7, max: 10 }, { min: 7, max: 10 }, { min: 10, max: 14 }] }, 'gaps.0.min: validation.positive'],
    ['a control group over 50 %', { controlPct: '51' }, 'controlPct: validation.tooLarge'],
    ['a fractional cool-down', { reentryCooldownDays: '1.5' }, 'reentryCooldownDays: validation.wholeNumber'],
    ['moving to a list without naming it', { sunsetAction: 'list', sunsetListId: null }, 'sunsetListId: validation.choose'],
    ['no inactivity tier', { audience: { type: 'tier', tiers: [] } }, 'audience.tiers: validation.required'],
    ['a name with markup', { name: '<b>Win</b>' }, 'name: validation.noMarkup'],
  ])('the schema refuses %s', async (_label, overrides, message) => {
    const s = await make();
    const r = sequenceSettingsSchema.safeParse({ ...settings(s), ...overrides });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(message);
  });

  it('is one transaction: a step the database refuses leaves the sequence as it was', async () => {
    const s = await make();
    // Past the schema (the action never lets this through): the steps' check constraint refuses it.
    const input = { ...settings(s, { name: 'Half-saved' }), gaps: [{ min: 5, max: 7 }, { min: 7, max: 10 }, { min: 9, max: 3 }, { min: 10, max: 14 }] };
    await expect(updateSequenceSettings({ ctx: member, input })).rejects.toThrow();
    expect((await row(s.id)).name).toBe(s.name);
    expect(await gapsOf(member, s.id)).toEqual([
      [0, 0],
      [5, 7],
      [7, 10],
      [7, 10],
      [10, 14],
    ]);
    expect(await audits(s.id)).toEqual(['sequence.created']);
  });

  it('paused: timing, control, re-entry and sunset change; audience and entry stay as activated', async () => {
    const s = await make();
    await activateSequence({ ctx: member, input: { sequenceId: s.id, baseUrl: 'http://pulse.test' } });
    await expectAppError(updateSequenceSettings({ ctx: member, input: settings(s, { controlPct: '15' }) }), 'CONFLICT', 'sequenceNotEditable');
    await pauseSequence({ ctx: member, input: { sequenceId: s.id } });
    await expectAppError(
      updateSequenceSettings({ ctx: member, input: settings(s, { audience: { type: 'tier', tiers: ['tier2', 'tier3'] } }) }),
      'CONFLICT',
      'sequenceAudienceLocked',
    );
    await expectAppError(updateSequenceSettings({ ctx: member, input: settings(s, { entryMode: 'continuous' }) }), 'CONFLICT', 'sequenceAudienceLocked');
    await updateSequenceSettings({ ctx: member, input: settings(s, { controlPct: '15', gaps: [{ min: 6, max: 8 }, { min: 7, max: 10 }, { min: 7, max: 10 }, { min: 10, max: 14 }] }) });
    expect((await row(s.id)).controlPct).toBe(15);
    expect((await gapsOf(member, s.id))[1]).toEqual([6, 8]);
    await stopSequence({ ctx: member, input: { sequenceId: s.id } });
    await expectAppError(updateSequenceSettings({ ctx: member, input: settings(s, { controlPct: '5' }) }), 'CONFLICT', 'sequenceNotEditable');
    expect((await row(s.id)).controlPct).toBe(15);
  });
});

describe('deleteSequence', () => {
  it('removes a draft with its steps and their mails', async () => {
    const s = await make();
    const stepCampaigns = (await getSequenceSteps(member, s.id)).map((x) => x.campaignId);
    expect(stepCampaigns).toHaveLength(5);
    await deleteSequence({ ctx: member, input: { sequenceId: s.id } });
    expect(await row(s.id)).toBeUndefined();
    expect(await db().select().from(sequenceSteps).where(eq(sequenceSteps.sequenceId, s.id))).toEqual([]);
    expect(await db().select().from(campaigns).where(eq(campaigns.sequenceId, s.id))).toEqual([]);
    expect(await audits(s.id)).toContain('sequence.deleted');
  });

  it('keeps a sequence that ever ran', async () => {
    const s = await make();
    await activateSequence({ ctx: member, input: { sequenceId: s.id } });
    await expectAppError(deleteSequence({ ctx: member, input: { sequenceId: s.id } }), 'CONFLICT', 'sequenceNotDraft');
    expect(await row(s.id)).toBeDefined();
  });
});

describe('listing and counting', () => {
  it('lists this workspace’s sequences with enrolled and in-progress counts, never another’s', async () => {
    // A workspace of its own, so the audience (tier 2: quiet for 61–120 days) is exactly these three.
    const u = await makeUser(db());
    const ctx = await ctxFor(db(), u.user.id, u.workspace.id);
    const contacts = await Promise.all([1, 2, 3].map(() => makeContact(db(), ctx.workspaceId, { joinedAt: daysAgo(90) })));
    const s = await make(ctx);
    const o = await make(other);
    await activateSequence({ ctx, input: { sequenceId: s.id, baseUrl: 'https://pulse.example' } });
    // One comes back (a preference save, a survey answer…): it leaves as reactivated.
    await reactivateContact(db(), { workspaceId: ctx.workspaceId, contactId: contacts[0].id, reason: 'preference', at: new Date() });
    const mine = await listSequences(ctx);
    expect(mine.find((r) => r.id === s.id)).toMatchObject({ status: 'active', enrolled: 3, active: 2, audience: { type: 'tier', tiers: ['tier2'] } });
    expect(mine.some((r) => r.id === o.id)).toBe(false);
    expect((await listSequences(viewer)).some((r) => r.id === s.id)).toBe(false);
  });
  it('counts the subscribed contacts an audience selects now', async () => {
    const u = await makeUser(db());
    const ctx = await ctxFor(db(), u.user.id, u.workspace.id);
    await makeContact(db(), ctx.workspaceId, { joinedAt: daysAgo(90) });
    await makeContact(db(), ctx.workspaceId, { joinedAt: daysAgo(200) });
    await makeContact(db(), ctx.workspaceId, { joinedAt: daysAgo(90), status: 'unsubscribed' });
    await makeContact(db(), ctx.workspaceId, { joinedAt: daysAgo(2) });
    expect(await countSequenceAudience({ ctx, input: { audience: { type: 'tier', tiers: ['tier2'] } } })).toBe(1);
    expect(await countSequenceAudience({ ctx, input: { audience: { type: 'tier', tiers: ['tier2', 'tier3'] } } })).toBe(2);
  });
});

describe('step mails in the campaign editor', () => {
  const draftOf = (c: typeof campaigns.$inferSelect, overrides: Record<string, unknown> = {}) =>
    campaignDraftSchema.parse({ name: c.name, category: c.category, audienceKind: c.audienceKind, subject: c.subject, previewText: c.previewText, blocks: c.blocks, audience: c.audience, ...overrides });
  const campaign = async (id: string) => (await db().select().from(campaigns).where(eq(campaigns.id, id)))[0];

  it('edits a step while the sequence is a draft, active or paused — content only — and never once it stopped', async () => {
    const s = await make();
    const [first] = await getSequenceSteps(member, s.id);
    const c = await campaign(first.campaignId);
    expect(await stepOfCampaign(member, c.id)).toEqual({ sequenceId: s.id, name: s.name, status: 'draft', position: 1 });
    await updateCampaign({
      ctx: member,
      input: { ...draftOf(c, { subject: 'Draft subject', category: 'promotional', audience: { type: 'all' }, abTest: { variable: 'subject', variants: [{ key: 'A', value: 'x' }, { key: 'B', value: 'y' }], testPct: 20, metric: 'open', sendWinnerToRest: true } }), campaignId: c.id },
    });
    let saved = await campaign(c.id);
    // The sequence decides category, audience and timing; a step has no A/B test.
    expect([saved.subject, saved.category, saved.audience, saved.abTest]).toEqual(['Draft subject', 'reengagement', c.audience, null]);

    await activateSequence({ ctx: member, input: { sequenceId: s.id } });
    // Activation puts the step mails in 'sending': the delivery loop sends whatever the engine queues.
    expect((await campaign(c.id)).status).toBe('sending');
    await updateCampaign({ ctx: member, input: { ...draftOf(c, { subject: 'Active subject' }), campaignId: c.id } });
    await pauseSequence({ ctx: member, input: { sequenceId: s.id } });
    await updateCampaign({ ctx: member, input: { ...draftOf(c, { subject: 'Paused subject' }), campaignId: c.id } });
    await stopSequence({ ctx: member, input: { sequenceId: s.id } });
    await expectAppError(updateCampaign({ ctx: member, input: { ...draftOf(c, { subject: 'Too late' }), campaignId: c.id } }), 'CONFLICT', 'campaignLocked');
    saved = await campaign(c.id);
    expect(saved.subject).toBe('Paused subject');
    await expectAppError(updateCampaign({ ctx: viewer, input: { ...draftOf(c), campaignId: c.id } }), 'FORBIDDEN', 'readOnly');
  });

  it('never schedules, cancels or deletes a step on its own, and keeps steps out of the campaign list', async () => {
    const s = await make();
    const [first] = await getSequenceSteps(member, s.id);
    await expectAppError(scheduleCampaign({ ctx: member, input: { campaignId: first.campaignId } }), 'CONFLICT', 'campaignIsStep');
    await expectAppError(deleteCampaign({ ctx: member, input: { campaignId: first.campaignId } }), 'CONFLICT', 'campaignIsStep');
    expect((await campaign(first.campaignId)).status).toBe('draft');
    const listed = await listCampaigns(member, 1000);
    expect(listed.some((c) => c.id === first.campaignId)).toBe(false);
  });
});
