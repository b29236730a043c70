import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCampaignRecipients } from '@/lib/campaigns/audience';
import { createCampaign, updateCampaign } from '@/lib/campaigns/manage';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { startCampaign } from '@/lib/campaigns/start';
import { createList, addListMembers } from '@/lib/contacts/lists';
import { campaigns, campaignSends, mailMessages, surveys, type ContentBlock } from '@/lib/db/schema';
import { campaignDraftSchema, type CampaignDraftInput } from '@/lib/db/schema/campaigns/validation';
import { createDueSurveyWaves } from '@/lib/surveys/cadence';
import { sendSurvey, surveySendSchema } from '@/lib/surveys/send';
import { verifyToken } from '@/lib/tracking/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';
import { deliverAll, makeContacts, useSmtp } from './support/sending';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
const BASE = 'https://pulse.example';
let ctx: WorkspaceCtx;
let other: WorkspaceCtx;

beforeAll(async () => {
  process.env.PULSE_BASE_URL = BASE;
  const a = await makeUser(db(), { workspaceName: 'Survey mail A' });
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  const b = await makeUser(db(), { workspaceName: 'Survey mail B' });
  other = await ctxFor(db(), b.user.id, b.workspace.id);
  await useSmtp(db(), ctx.workspaceId, null); // outbox: mail_messages rows are the delivery
});
afterAll(() => {
  delete process.env.PULSE_BASE_URL;
});

const draft = (blocks: ContentBlock[], overrides: Partial<CampaignDraftInput> = {}): CampaignDraftInput => ({
  name: 'Survey mail',
  category: 'triggered',
  audienceKind: 'b2c',
  subject: 'How are we doing?',
  previewText: '',
  blocks,
  audience: { type: 'all' },
  abTest: null,
  ...overrides,
});
const surveyBlock = (surveyId: string): ContentBlock => ({ type: 'survey', surveyId });

/** A fresh list of `n` subscribed contacts: each test mails its own people. */
async function audienceOf(n: number) {
  const people = await makeContacts(db(), ctx.workspaceId, n);
  const list = await createList({ ctx, input: { name: `L ${people[0].email}` } });
  await addListMembers({ ctx, input: { listId: list.id, contactIds: people.map((p) => p.id) } });
  return { people, audience: { type: 'list' as const, listId: list.id } };
}

const hrefs = (html: string, path: string) => [...html.matchAll(new RegExp(`href="${BASE}/${path}/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)"`, 'g'))].map((m) => m[1]);

describe('a survey block in a sent campaign', () => {
  it.each([
    ['nps', 11, 0],
    ['csat', 5, 1],
  ] as const)('%s: each mail holds %i score tokens for its own send, and the personal link', async (kind, n, min) => {
    const survey = await makeSurvey(db(), ctx.workspaceId, { kind, question: 'Would you recommend Roasters?' });
    const { people, audience } = await audienceOf(3);
    const campaign = await createCampaign({ ctx, input: draft([{ type: 'text', text: 'Hi' }, surveyBlock(survey.id)], { audience }) });
    expect(campaign.surveyId).toBe(survey.id);
    await startCampaign(db(), campaign.id);
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 3, finished: true });

    const sends = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    const mails = await db().select().from(mailMessages).where(inArray(mailMessages.toAddress, people.map((p) => p.email)));
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      const send = sends.find((s) => s.email === mail.toAddress)!;
      const scores = hrefs(mail.html!, 't/s').map((token) => verifyToken('score', token, 2));
      expect(scores).toEqual(Array.from({ length: n }, (_, i) => [send.id, min + i]));
      expect(hrefs(mail.html!, 's/p').map((token) => verifyToken('survey', token, 1))).toEqual([[send.id]]);
      expect(mail.html).toContain('Would you recommend Roasters?');
      // The plain-text part lists the same links.
      for (const token of hrefs(mail.html!, 't/s')) expect(mail.text).toContain(`${BASE}/t/s/${token}`);
      expect(mail.html).not.toContain(`/s/${survey.publicToken}`);
    }
  });

  it('the default question follows the survey language, else the workspace locale', async () => {
    const survey = await makeSurvey(db(), ctx.workspaceId, { locale: 'nl' });
    const { people, audience } = await audienceOf(1);
    const campaign = await createCampaign({ ctx, input: draft([surveyBlock(survey.id)], { audience }) });
    await startCampaign(db(), campaign.id);
    await deliverAll(db(), campaign.id);
    const [mail] = await db().select().from(mailMessages).where(eq(mailMessages.toAddress, people[0].email));
    expect(mail.html).toContain('Hoe waarschijnlijk is het dat je ons zou aanbevelen');
    expect(mail.html).toContain('Helemaal niet waarschijnlijk');
  });
});

describe('campaign validation of the survey block', () => {
  it("workspace A cannot embed workspace B's survey, on create or on save", async () => {
    const foreign = await makeSurvey(db(), other.workspaceId);
    await expectAppError(createCampaign({ ctx, input: draft([surveyBlock(foreign.id)]) }), 'NOT_FOUND', 'surveyNotFound');
    const mine = await createCampaign({ ctx, input: draft([{ type: 'text', text: 'Hi' }]) });
    await expectAppError(updateCampaign({ ctx, input: { ...draft([surveyBlock(foreign.id)]), campaignId: mine.id } }), 'NOT_FOUND', 'surveyNotFound');
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, mine.id));
    expect(after.surveyId).toBeNull();
    expect(after.blocks).toEqual([{ type: 'text', text: 'Hi' }]);
  });

  it('at most one survey block per campaign', () => {
    const a = '00000000-0000-4000-8000-000000000001';
    const b = '00000000-0000-4000-8000-000000000002';
    const parsed = campaignDraftSchema.safeParse(draft([surveyBlock(a), surveyBlock(b)]));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe('validation.oneSurveyBlock');
    expect(campaignDraftSchema.safeParse(draft([surveyBlock(a)])).success).toBe(true);
  });

  it('campaigns.surveyId follows the blocks on every save', async () => {
    const s1 = await makeSurvey(db(), ctx.workspaceId);
    const s2 = await makeSurvey(db(), ctx.workspaceId);
    const c = await createCampaign({ ctx, input: draft([surveyBlock(s1.id)]) });
    expect(c.surveyId).toBe(s1.id);
    expect((await updateCampaign({ ctx, input: { ...draft([surveyBlock(s2.id)]), campaignId: c.id } })).surveyId).toBe(s2.id);
    expect((await updateCampaign({ ctx, input: { ...draft([{ type: 'divider' }]), campaignId: c.id } })).surveyId).toBeNull();
  });

  it('a closed or draft survey cannot be scheduled; one closed after scheduling goes back to draft at start, unsent', async () => {
    const closed = await makeSurvey(db(), ctx.workspaceId, { status: 'closed' });
    const c1 = await createCampaign({ ctx, input: draft([surveyBlock(closed.id)]) });
    await expectAppError(scheduleCampaign({ ctx, input: { campaignId: c1.id } }), 'VALIDATION', 'campaignSurveyClosed');
    const pastClose = await makeSurvey(db(), ctx.workspaceId, { closesAt: new Date(Date.now() - 1000) });
    const c2 = await createCampaign({ ctx, input: draft([surveyBlock(pastClose.id)]) });
    await expectAppError(scheduleCampaign({ ctx, input: { campaignId: c2.id } }), 'VALIDATION', 'campaignSurveyClosed');
    const unopened = await makeSurvey(db(), ctx.workspaceId, { status: 'draft' });
    const c3 = await createCampaign({ ctx, input: draft([surveyBlock(unopened.id)]) });
    await expectAppError(scheduleCampaign({ ctx, input: { campaignId: c3.id } }), 'VALIDATION', 'campaignSurveyNotOpen');

    const open = await makeSurvey(db(), ctx.workspaceId);
    const { audience } = await audienceOf(2);
    const c4 = await createCampaign({ ctx, input: draft([surveyBlock(open.id)], { audience }) });
    await scheduleCampaign({ ctx, input: { campaignId: c4.id } });
    await db().update(surveys).set({ status: 'closed' }).where(eq(surveys.id, open.id)); // the team closes it meanwhile
    expect(await startCampaign(db(), c4.id)).toMatchObject({ started: false, status: 'draft', recipients: 0 });
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, c4.id));
    expect(after).toMatchObject({ status: 'draft', scheduledAt: null });
  });
});

/** Moves the mails a campaign sent back in time by `months` (the test cannot wait for months to pass). */
async function sentMonthsAgo(campaignId: string, months: number) {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  await db().update(campaignSends).set({ sentAt: at }).where(eq(campaignSends.campaignId, campaignId));
  await db().update(campaigns).set({ startedAt: at }).where(eq(campaigns.id, campaignId));
}

async function sendTo(surveyId: string | null, audience: CampaignDraftInput['audience']) {
  const blocks: ContentBlock[] = surveyId ? [surveyBlock(surveyId)] : [{ type: 'text', text: 'News' }];
  const c = await createCampaign({ ctx, input: draft(blocks, { audience }) });
  await startCampaign(db(), c.id);
  await deliverAll(db(), c.id);
  return c;
}

const recipientsOf = async (campaignId: string) =>
  (await db().select({ contactId: campaignSends.contactId }).from(campaignSends).where(eq(campaignSends.campaignId, campaignId))).map((r) => r.contactId).sort();

describe('cadence: nobody is asked more often than the survey’s cadence', () => {
  it('a contact asked 2 months ago with cadence 3 is skipped, one asked 4 months ago is included', async () => {
    const survey = await makeSurvey(db(), ctx.workspaceId, { cadenceMonths: 3 });
    const { people, audience } = await audienceOf(4);
    const [twoAgo, fourAgo, never, otherMail] = people;
    const only = async (p: (typeof people)[number]) => {
      const list = await createList({ ctx, input: { name: `one ${p.email}` } });
      await addListMembers({ ctx, input: { listId: list.id, contactIds: [p.id] } });
      return { type: 'list' as const, listId: list.id };
    };
    await sentMonthsAgo((await sendTo(survey.id, await only(twoAgo))).id, 2);
    await sentMonthsAgo((await sendTo(survey.id, await only(fourAgo))).id, 4);
    await sentMonthsAgo((await sendTo(null, await only(otherMail))).id, 1); // a mail without the survey does not count

    const wave = await createCampaign({ ctx, input: draft([surveyBlock(survey.id)], { audience }) });
    expect(await countCampaignRecipients({ ctx, input: { campaignId: wave.id } })).toBe(3);
    expect((await startCampaign(db(), wave.id)).recipients).toBe(3);
    expect(await recipientsOf(wave.id)).toEqual([fourAgo.id, never.id, otherMail.id].sort());

    // Without a cadence, everyone of the audience is asked.
    await db().update(surveys).set({ cadenceMonths: null }).where(eq(surveys.id, survey.id));
    const again = await createCampaign({ ctx, input: draft([surveyBlock(survey.id)], { audience }) });
    expect((await startCampaign(db(), again.id)).recipients).toBe(4);
  });

  it('two waves of one survey started together never reach the same contact within the cadence', async () => {
    const survey = await makeSurvey(db(), ctx.workspaceId, { cadenceMonths: 6 });
    const { audience } = await audienceOf(5);
    const first = await sendTo(survey.id, audience);
    const second = await createCampaign({ ctx, input: draft([surveyBlock(survey.id)], { audience }) });
    expect((await recipientsOf(first.id)).length).toBe(5);
    expect((await startCampaign(db(), second.id)).recipients).toBe(0);
  });
});

describe('sendSurvey: "Send this survey"', () => {
  it('creates a campaign draft with the survey block, the audience and the cadence', async () => {
    const survey = await makeSurvey(db(), ctx.workspaceId, { name: 'Quarterly NPS' });
    const { audience } = await audienceOf(2);
    const input = surveySendSchema.parse({ surveyId: survey.id, audience, cadenceMonths: '3' });
    const campaign = await sendSurvey({ ctx, input });
    expect(campaign).toMatchObject({ status: 'draft', category: 'triggered', audience, surveyId: survey.id });
    expect(campaign.name).toMatch(/^Quarterly NPS · /);
    expect(campaign.subject).not.toBe('');
    expect(campaign.blocks.filter((b) => b.type === 'survey')).toEqual([surveyBlock(survey.id)]);
    const [after] = await db().select().from(surveys).where(eq(surveys.id, survey.id));
    expect(after).toMatchObject({ cadenceMonths: 3, waveAudience: audience });
    const months = (after.nextWaveAt!.getTime() - Date.now()) / (30.4 * 86_400_000);
    expect(months).toBeGreaterThan(2.8);
    expect(months).toBeLessThan(3.2);

    // Once only: the cadence is cleared.
    await sendSurvey({ ctx, input: surveySendSchema.parse({ surveyId: survey.id, audience: { type: 'npsCategory', categories: ['detractor'] } }) });
    const [once] = await db().select().from(surveys).where(eq(surveys.id, survey.id));
    expect(once).toMatchObject({ cadenceMonths: null, waveAudience: null, nextWaveAt: null });
  });

  it('refuses viewers, closed surveys, other workspaces’ surveys and lists, and odd cadences', async () => {
    const survey = await makeSurvey(db(), ctx.workspaceId);
    const viewer = await addMember(db(), ctx.workspaceId, 'viewer');
    const vctx = await ctxFor(db(), viewer.id, ctx.workspaceId);
    const input = surveySendSchema.parse({ surveyId: survey.id, audience: { type: 'all' } });
    await expectAppError(sendSurvey({ ctx: vctx, input }), 'FORBIDDEN', 'readOnly');
    const closed = await makeSurvey(db(), ctx.workspaceId, { status: 'closed' });
    await expectAppError(sendSurvey({ ctx, input: { ...input, surveyId: closed.id } }), 'VALIDATION', 'campaignSurveyClosed');
    const foreign = await makeSurvey(db(), other.workspaceId);
    await expectAppError(sendSurvey({ ctx, input: { ...input, surveyId: foreign.id } }), 'NOT_FOUND', 'surveyNotFound');
    const foreignList = await createList({ ctx: other, input: { name: `foreign ${Date.now()}` } });
    await expectAppError(sendSurvey({ ctx, input: { ...input, audience: { type: 'list', listId: foreignList.id } } }), 'NOT_FOUND', 'listNotFound');
    expect(surveySendSchema.safeParse({ surveyId: survey.id, audience: { type: 'all' }, cadenceMonths: 4 }).success).toBe(false);
    expect(await db().select().from(campaigns).where(and(eq(campaigns.workspaceId, other.workspaceId)))).toHaveLength(0);
  });
});

describe('the wave duty', () => {
  it('creates exactly one wave under concurrency, advancing nextWaveAt in the same transaction', async () => {
    const { audience } = await audienceOf(3);
    const survey = await makeSurvey(db(), ctx.workspaceId, { cadenceMonths: 3, waveAudience: audience, nextWaveAt: new Date(Date.now() - 60_000) });
    const last = await sendTo(survey.id, audience);
    await sentMonthsAgo(last.id, 4);

    const [a, b] = await Promise.all([createDueSurveyWaves(db()), createDueSurveyWaves(db())]);
    const created = [...a, ...b].filter((w) => w.surveyId === survey.id && w.outcome === 'created');
    expect(created).toHaveLength(1);
    const waves = await db()
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.surveyId, survey.id), eq(campaigns.status, 'scheduled')));
    expect(waves).toHaveLength(1);
    expect(waves[0]).toMatchObject({ blocks: last.blocks, subject: last.subject, audience, workspaceId: ctx.workspaceId });
    const [after] = await db().select().from(surveys).where(eq(surveys.id, survey.id));
    expect(after.nextWaveAt!.getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
    // Due again only in three months: a third call creates nothing.
    expect((await createDueSurveyWaves(db())).filter((w) => w.surveyId === survey.id)).toEqual([]);
    // The wave starts through the normal machinery, everyone asked 4 months ago is due again.
    expect((await startCampaign(db(), waves[0].id)).recipients).toBe(3);
  });

  it('postpones a wave while the last one is younger than the cadence, and stops for a closed survey', async () => {
    const { audience } = await audienceOf(1);
    const young = await makeSurvey(db(), ctx.workspaceId, { cadenceMonths: 3, waveAudience: audience, nextWaveAt: new Date(Date.now() - 1000) });
    await sendTo(young.id, audience);
    const closed = await makeSurvey(db(), ctx.workspaceId, { status: 'closed', cadenceMonths: 6, nextWaveAt: new Date(Date.now() - 1000) });
    const outcomes = (await createDueSurveyWaves(db())).filter((w) => w.surveyId === young.id || w.surveyId === closed.id);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { surveyId: young.id, outcome: 'postponed' },
        { surveyId: closed.id, outcome: 'stopped' },
      ]),
    );
    const rows = await db().select().from(surveys).where(inArray(surveys.id, [young.id, closed.id]));
    expect(rows.find((r) => r.id === closed.id)!.nextWaveAt).toBeNull();
    expect(rows.find((r) => r.id === young.id)!.nextWaveAt!.getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
    expect(await db().select().from(campaigns).where(and(eq(campaigns.surveyId, young.id), eq(campaigns.status, 'scheduled')))).toHaveLength(0);
  });
});

