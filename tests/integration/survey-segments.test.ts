import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { countNpsGroups, countRecipients } from '@/lib/campaigns/audience';
import { startCampaign } from '@/lib/campaigns/start';
import { countContacts, countSurveyGroups, listContacts } from '@/lib/contacts/query';
import { setContactStatus } from '@/lib/contacts/manage';
import { campaignSends, type Contact, type Survey } from '@/lib/db/schema';
import { contactFilterSchema } from '@/lib/db/schema/contacts/validation';
import { countSegment, createSegment } from '@/lib/segments/manage';
import { segmentRulesSchema, type SegmentRules } from '@/lib/segments/rules';
import { confirmAnswer, recordAnswer } from '@/lib/surveys/answer';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { makeContacts, makeDraft } from './support/sending';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
let ctx: WorkspaceCtx;
let other: WorkspaceCtx;
let nps: Survey;
let csat: Survey;
let people: Contact[];
let sendNo = 1_000_000;

beforeAll(async () => {
  const a = await makeUser(db(), { workspaceName: 'Segments A' });
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  const b = await makeUser(db(), { workspaceName: 'Segments B' });
  other = await ctxFor(db(), b.user.id, b.workspace.id);
  nps = await makeSurvey(db(), ctx.workspaceId);
  csat = await makeSurvey(db(), ctx.workspaceId, { kind: 'csat' });
  people = await makeContacts(db(), ctx.workspaceId, 5);
  // Another tenant's promoters never count here.
  const theirs = await makeSurvey(db(), other.workspaceId);
  for (const c of await makeContacts(db(), other.workspaceId, 3)) {
    await recordAnswer(db(), { survey: theirs, channel: 'personal', score: 10, contactId: c.id, sendId: ++sendNo });
  }
});

/** A personal answer through the one real path; each call is its own send unless one is given. */
const answer = (survey: Survey, contact: Contact, score: number, extra: { sendId?: number; status?: 'provisional'; now?: Date } = {}) =>
  recordAnswer(db(), { survey, channel: extra.status ? 'email' : 'personal', score, contactId: contact.id, sendId: extra.sendId ?? ++sendNo, status: extra.status, now: extra.now });

const rule = (survey: 'nps' | 'csat', categories: string[]): SegmentRules => segmentRulesSchema.parse({ match: 'all', rules: [{ kind: 'surveyCategory', survey, categories }] });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const promoters = async () => ids((await listContacts(ctx, { nps: 'promoter' })).items);

describe('NPS groups as a segment rule, a contact filter and a campaign audience', () => {
  it('membership follows answers: latest answer wins, provisional scores count only once confirmed', async () => {
    const [ada, bob, cas, dee] = people;
    expect(await countSegment(ctx, rule('nps', ['promoter']))).toBe(0);

    await answer(nps, ada, 10);
    await answer(nps, bob, 8);
    await answer(nps, cas, 2);
    const provisional = await answer(nps, dee, 9, { status: 'provisional' });

    expect(await countSegment(ctx, rule('nps', ['promoter']))).toBe(1);
    expect(await countSegment(ctx, rule('nps', ['promoter', 'passive']))).toBe(2);
    expect(await countSegment(ctx, rule('nps', ['detractor']))).toBe(1);
    expect(await promoters()).toEqual([ada.id]);
    expect(await countNpsGroups(ctx)).toEqual({ promoter: 1, passive: 1, detractor: 1 });
    expect((await countSurveyGroups(ctx)).nps).toEqual({ promoter: 1, passive: 1, detractor: 1 });
    expect(await countRecipients({ ctx, input: { audience: { type: 'npsCategory', categories: ['promoter'] } } })).toBe(1);

    // The person behind the provisional mail score interacts with the page: now it counts.
    expect(await confirmAnswer(db(), nps, provisional.responseId)).toBe(true);
    expect(await promoters()).toEqual([ada.id, dee.id].sort());
    expect(await countContacts(ctx, { nps: 'promoter' })).toBe(2);

    // Ada answers again, later and lower: she leaves the promoters for the detractors.
    await answer(nps, ada, 4, { now: new Date(Date.now() + 1000) });
    expect(await promoters()).toEqual([dee.id]);
    expect(await countSegment(ctx, rule('nps', ['detractor']))).toBe(2);
    // An older answer that arrives late does not win.
    await answer(nps, ada, 10, { now: new Date(Date.now() - 3_600_000) });
    expect(await promoters()).toEqual([dee.id]);
    expect(await countNpsGroups(ctx)).toEqual({ promoter: 1, passive: 1, detractor: 2 });
  });

  it('the NPS audience of a campaign: subscribed contacts of the chosen groups, resolved at start', async () => {
    const [, bob, cas, dee] = people;
    const audience = { type: 'npsCategory' as const, categories: ['detractor' as const, 'passive' as const] };
    // Cas (detractor) unsubscribes: he is not mailed.
    await setContactStatus({ ctx, input: { contactId: cas.id, status: 'unsubscribed' } });
    expect(await countRecipients({ ctx, input: { audience } })).toBe(2); // Ada (detractor now) and Bob (passive)
    const campaign = await makeDraft(db(), ctx.workspaceId, { audience });
    expect((await startCampaign(db(), campaign.id)).recipients).toBe(2);
    const rows = await db().select({ contactId: campaignSends.contactId }).from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    expect(rows.map((r) => r.contactId).sort()).toEqual([people[0].id, bob.id].sort());
    expect(rows.map((r) => r.contactId)).not.toContain(dee.id);
  });

  it('CSAT groups: their own rule and filter, independent of NPS', async () => {
    const [ada, , , , eve] = people;
    await answer(csat, eve, 5);
    await answer(csat, ada, 2);
    expect(await countSegment(ctx, rule('csat', ['satisfied']))).toBe(1);
    expect(ids((await listContacts(ctx, { csat: 'dissatisfied' })).items)).toEqual([ada.id]);
    expect((await countSurveyGroups(ctx)).csat).toEqual({ satisfied: 1, neutral: 0, dissatisfied: 1 });
    // Combined in one segment with a nested rule: NPS detractors who are also dissatisfied.
    const both = await createSegment({
      ctx,
      input: { name: `Unhappy ${Date.now()}`, rules: segmentRulesSchema.parse({ match: 'all', rules: [rule('nps', ['detractor']).rules[0], rule('csat', ['dissatisfied']).rules[0]] }) },
    });
    expect(ids((await listContacts(ctx, { segmentId: both.id })).items)).toEqual([ada.id]);
  });

  it('rejects groups of the other kind and unknown filter values', () => {
    expect(segmentRulesSchema.safeParse({ match: 'all', rules: [{ kind: 'surveyCategory', survey: 'nps', categories: ['satisfied'] }] }).success).toBe(false);
    expect(segmentRulesSchema.safeParse({ match: 'all', rules: [{ kind: 'surveyCategory', survey: 'csat', categories: [] }] }).success).toBe(false);
    expect(contactFilterSchema.safeParse({ nps: "promoter' or 1=1" }).success).toBe(false);
  });

  it("another workspace's answers never show here", async () => {
    expect(await countContacts(other, { nps: 'promoter' })).toBe(3);
    expect((await countSurveyGroups(ctx)).nps.promoter).toBe(1);
  });
});
