import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, campaigns, surveyResponses, surveys, workspaces, type Survey } from '@/lib/db/schema';
import { surveyInputSchema, type SurveyInputDraft } from '@/lib/db/schema/surveys/validation';
import { recordAnswer } from '@/lib/surveys/answer';
import { getSurveyInWorkspace, listSurveys, surveyStatusAt } from '@/lib/surveys/get';
import { closeSurvey, createSurvey, deleteSurvey, openSurvey, updateMailScoreMode, updateSurvey } from '@/lib/surveys/manage';
import { SURVEY_TOKEN_SHAPE } from '@/lib/surveys/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

const input = (overrides: Partial<SurveyInputDraft> = {}) =>
  surveyInputSchema.parse({
    name: 'Quarterly NPS',
    kind: 'nps',
    locale: 'auto',
    question: '',
    followUp: { detractor: 'What went wrong?', promoter: '' },
    thankYou: { promoter: 'Thanks!\nTell a friend.' },
    passiveNextStep: { label: 'See what is new', url: 'https://shop.example/new' },
    brandColor: '#4F46E5',
    logoUrl: 'https://cdn.example/logo.png',
    changeWindowHours: 72,
    alertUserIds: [],
    closesAtLocal: '',
    ...overrides,
  });

/** The zod issue messages for a draft (i18n keys, as the form shows them). */
const rejects = (overrides: Partial<SurveyInputDraft>) => {
  const r = surveyInputSchema.safeParse({ ...input(), closesAtLocal: '', ...overrides });
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

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

async function row(id: string): Promise<Survey | undefined> {
  const [s] = await db().select().from(surveys).where(eq(surveys.id, id));
  return s;
}
const audits = async (id: string) => (await db().select().from(auditLog).where(eq(auditLog.target, id))).map((a) => a.action).sort();

describe('survey builder verbs', () => {
  it('creates a draft with a fresh public token, normalised fields and an audit row', async () => {
    const s = await createSurvey({ ctx: member, input: input({ alertUserIds: [owner.userId, owner.userId] }) });
    expect(s.status).toBe('draft');
    expect(s.publicToken).toMatch(SURVEY_TOKEN_SHAPE);
    expect(s.brandColor).toBe('#4f46e5');
    expect(s.followUp).toEqual({ detractor: 'What went wrong?' });
    expect(s.thankYou).toEqual({ promoter: 'Thanks!\nTell a friend.' });
    expect(s.passiveNextStep).toEqual({ label: 'See what is new', url: 'https://shop.example/new' });
    expect(s.alertUserIds).toEqual([owner.userId]);
    expect(s.createdById).toBe(member.userId);
    const s2 = await createSurvey({ ctx: member, input: input() });
    expect(s2.publicToken).not.toBe(s.publicToken);
    expect(await audits(s.id)).toEqual(['survey.created']);
  });

  it('updates, opens, closes and reopens, each with an audit row', async () => {
    const s = await createSurvey({ ctx: owner, input: input() });
    await updateSurvey({ ctx: member, input: { ...input({ name: 'Renamed', kind: 'csat', passiveNextStep: { label: '', url: '' }, logoUrl: '' }), surveyId: s.id } });
    let r = (await row(s.id))!;
    expect([r.name, r.kind, r.passiveNextStep, r.logoUrl, r.publicToken]).toEqual(['Renamed', 'csat', null, null, s.publicToken]);
    expect((await openSurvey({ ctx: member, input: { surveyId: s.id } })).status).toBe('open');
    expect((await closeSurvey({ ctx: member, input: { surveyId: s.id } })).status).toBe('closed');
    r = await openSurvey({ ctx: member, input: { surveyId: s.id } });
    expect(r.status).toBe('open');
    expect(await audits(s.id)).toEqual(['survey.closed', 'survey.created', 'survey.opened', 'survey.reopened', 'survey.updated']);
  });

  it('stores the close date typed on the workspace clock as UTC, and refuses a past one', async () => {
    await db().update(workspaces).set({ timezone: 'Europe/Amsterdam' }).where(eq(workspaces.id, owner.workspaceId));
    const year = new Date().getUTCFullYear() + 1;
    const s = await createSurvey({ ctx: owner, input: input({ closesAtLocal: `${year}-07-01T09:30` }) });
    expect(s.closesAt?.toISOString()).toBe(`${year}-07-01T07:30:00.000Z`);
    await expectAppError(updateSurvey({ ctx: owner, input: { ...input({ closesAtLocal: '2020-01-01T10:00' }), surveyId: s.id } }), 'VALIDATION', 'surveyCloseDateInPast');
    expect((await row(s.id))!.closesAt?.toISOString()).toBe(`${year}-07-01T07:30:00.000Z`);
  });

  it('reads a survey past its close date as closed; reopening clears that date', async () => {
    const s = await createSurvey({ ctx: owner, input: input() });
    await openSurvey({ ctx: owner, input: { surveyId: s.id } });
    // A close date that has passed since it was set (the verb only accepts future ones).
    await db().update(surveys).set({ closesAt: new Date(Date.now() - 60_000) }).where(eq(surveys.id, s.id));
    const passed = (await row(s.id))!;
    expect(surveyStatusAt(passed)).toBe('closed');
    expect((await listSurveys(owner)).find((x) => x.id === s.id)?.status).toBe('closed');
    // Saving again keeps the (unchanged) past date instead of refusing the whole form.
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' }).format(passed.closesAt!).replace(' ', 'T');
    await updateSurvey({ ctx: owner, input: { ...input({ closesAtLocal: wall }), surveyId: s.id } });
    const reopened = await openSurvey({ ctx: owner, input: { surveyId: s.id } });
    expect([reopened.status, reopened.closesAt, surveyStatusAt(reopened)]).toEqual(['open', null, 'open']);
  });

  it('deletes a survey with all its answers', async () => {
    const s = await createSurvey({ ctx: owner, input: input() });
    await openSurvey({ ctx: owner, input: { surveyId: s.id } });
    await recordAnswer(db(), { survey: (await row(s.id))!, channel: 'link', score: 9, browserKey: 'b-del-1' });
    await deleteSurvey({ ctx: member, input: { surveyId: s.id } });
    expect(await row(s.id)).toBeUndefined();
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).toEqual([]);
    expect(await audits(s.id)).toContain('survey.deleted');
  });

  it('refuses to delete a survey a scheduled campaign embeds', async () => {
    const s = await createSurvey({ ctx: owner, input: input() });
    await db().insert(campaigns).values({ workspaceId: owner.workspaceId, name: 'Ask', status: 'scheduled', surveyId: s.id, scheduledAt: new Date(Date.now() + 3_600_000) });
    await expectAppError(deleteSurvey({ ctx: owner, input: { surveyId: s.id } }), 'CONFLICT', 'surveyInUse');
    expect(await row(s.id)).toBeDefined();
  });

  it('fixes the kind once answers exist', async () => {
    const s = await createSurvey({ ctx: owner, input: input() });
    await openSurvey({ ctx: owner, input: { surveyId: s.id } });
    await recordAnswer(db(), { survey: (await row(s.id))!, channel: 'link', score: 10, browserKey: 'b-kind-1' });
    await expectAppError(updateSurvey({ ctx: owner, input: { ...input({ kind: 'csat' }), surveyId: s.id } }), 'CONFLICT', 'surveyKindLocked');
    expect((await row(s.id))!.kind).toBe('nps');
  });

  it('lists each survey with its confirmed answers and NPS or CSAT from lib/metrics', async () => {
    const n = await createSurvey({ ctx: owner, input: input({ name: 'NPS list' }) });
    const c = await createSurvey({ ctx: owner, input: input({ name: 'CSAT list', kind: 'csat' }) });
    for (const s of [n, c]) await openSurvey({ ctx: owner, input: { surveyId: s.id } });
    const npsSurvey = (await row(n.id))!;
    const csatSurvey = (await row(c.id))!;
    // 2 promoters, 1 passive, 1 detractor → NPS 25; CSAT 5, 4, 2 → 66.7 % satisfied.
    for (const [i, score] of [10, 9, 8, 3].entries()) await recordAnswer(db(), { survey: npsSurvey, channel: 'link', score, browserKey: `n-${i}` });
    for (const [i, score] of [5, 4, 2].entries()) await recordAnswer(db(), { survey: csatSurvey, channel: 'link', score, browserKey: `c-${i}` });
    const list = await listSurveys(owner);
    const ln = list.find((x) => x.id === n.id)!;
    const lc = list.find((x) => x.id === c.id)!;
    expect([ln.confirmed, ln.score]).toEqual([4, 25]);
    expect(lc.confirmed).toBe(3);
    expect(lc.score).toBeCloseTo(66.67, 1);
    expect((await listSurveys(other)).map((x) => x.id)).not.toContain(n.id);
  });
});

describe('validation', () => {
  it.each([
    [{ brandColor: 'red' }, 'brandColor: validation.hexColor'],
    [{ brandColor: '#12345' }, 'brandColor: validation.hexColor'],
    [{ logoUrl: 'javascript:alert(1)' }, 'logoUrl: validation.httpsUrl'],
    [{ logoUrl: 'http://cdn.example/logo.png' }, 'logoUrl: validation.httpsUrl'],
    [{ passiveNextStep: { label: 'Go', url: 'javascript:alert(1)' } }, 'passiveNextStep.url: validation.url'],
    [{ passiveNextStep: { label: '', url: 'https://ok.example' } }, 'passiveNextStep.label: validation.required'],
    [{ name: 'x'.repeat(121) }, 'name: validation.tooLong?max=120'],
    [{ question: 'q'.repeat(301) }, 'question: validation.tooLong?max=300'],
    [{ followUp: { detractor: 'f'.repeat(301) } }, 'followUp.detractor: validation.tooLong?max=300'],
    [{ thankYou: { passive: 't'.repeat(601) } }, 'thankYou.passive: validation.tooLong?max=600'],
    [{ question: '<script>alert(1)</script>' }, 'question: validation.noMarkup'],
    [{ changeWindowHours: 721 }, 'changeWindowHours: validation.changeWindow'],
    [{ changeWindowHours: 'abc' }, 'changeWindowHours: validation.number'],
    [{ kind: 'ces' }, 'kind: validation.choose'],
    [{ closesAtLocal: 'tomorrow' }, 'closesAtLocal: validation.dateTime'],
  ] as [Partial<SurveyInputDraft>, string][])('%j → %s', (overrides, message) => {
    expect(rejects(overrides)).toContain(message);
  });

  it('refuses an alert recipient who is not a member of this workspace', async () => {
    const stranger = other.userId;
    await expectAppError(createSurvey({ ctx: owner, input: input({ alertUserIds: [owner.userId, stranger] }) }), 'VALIDATION', 'surveyAlertNotMember');
    const s = await createSurvey({ ctx: owner, input: input({ alertUserIds: [viewer.userId] }) });
    await expectAppError(updateSurvey({ ctx: owner, input: { ...input({ alertUserIds: [stranger] }), surveyId: s.id } }), 'VALIDATION', 'surveyAlertNotMember');
    expect((await row(s.id))!.alertUserIds).toEqual([viewer.userId]);
  });
});

describe('roles and tenants', () => {
  it('a viewer reads but cannot create, change, open, close or delete', async () => {
    const s = await createSurvey({ ctx: owner, input: input() });
    const before = await row(s.id);
    expect((await getSurveyInWorkspace(viewer, s.id)).id).toBe(s.id);
    await expectAppError(createSurvey({ ctx: viewer, input: input() }), 'FORBIDDEN', 'readOnly');
    await expectAppError(updateSurvey({ ctx: viewer, input: { ...input({ name: 'x' }), surveyId: s.id } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(openSurvey({ ctx: viewer, input: { surveyId: s.id } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(closeSurvey({ ctx: viewer, input: { surveyId: s.id } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(deleteSurvey({ ctx: viewer, input: { surveyId: s.id } }), 'FORBIDDEN', 'readOnly');
    expect(await row(s.id)).toEqual(before);
  });

  it('the mail score mode is for admins; it is stored and audited', async () => {
    await expectAppError(updateMailScoreMode({ ctx: member, input: { mailScoreMode: 'immediate' } }), 'FORBIDDEN', 'adminOnly');
    await updateMailScoreMode({ ctx: owner, input: { mailScoreMode: 'immediate' } });
    const [ws] = await db().select().from(workspaces).where(eq(workspaces.id, owner.workspaceId));
    expect(ws.mailScoreMode).toBe('immediate');
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspaceId), eq(auditLog.action, 'workspace.mailScoreMode.updated')));
    expect(rows).toHaveLength(1);
  });

  it("workspace B's survey is not found from workspace A's ctx: read, update, open, close, delete", async () => {
    const theirs = await createSurvey({ ctx: other, input: input({ name: 'Theirs' }) });
    const before = await row(theirs.id);
    await expectAppError(getSurveyInWorkspace(owner, theirs.id), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(updateSurvey({ ctx: owner, input: { ...input({ name: 'stolen' }), surveyId: theirs.id } }), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(openSurvey({ ctx: owner, input: { surveyId: theirs.id } }), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(closeSurvey({ ctx: owner, input: { surveyId: theirs.id } }), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(deleteSurvey({ ctx: owner, input: { surveyId: theirs.id } }), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(getSurveyInWorkspace(owner, 'not-a-uuid'), 'NOT_FOUND', 'surveyNotFound');
    expect(await row(theirs.id)).toEqual(before);
    expect((await listSurveys(owner)).map((x) => x.id)).not.toContain(theirs.id);
  });
});
