import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addListMembers, createList } from '@/lib/contacts/lists';
import { updateContact } from '@/lib/contacts/manage';
import type { Survey, User } from '@/lib/db/schema';
import { histogramFromScores } from '@/lib/metrics';
import { getDashboardNps } from '@/lib/reports/survey-dashboard';
import { getSurveyAudienceScore, listSurveyAnswers, listSurveyComments } from '@/lib/reports/survey-answers';
import { getSurveyReport } from '@/lib/reports/survey';
import { createSegment } from '@/lib/segments/manage';
import { confirmAnswer, recordAnswer } from '@/lib/surveys/answer';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { installProcessDb, makeCampaign, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';
import { makeSurvey } from './support/surveys';

// The signed-in user of each CSV request; membership and role are resolved for real.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user, requireUser: async () => session.user }));
const { GET: csvGet } = await import('@/app/api/surveys/[id]/responses/route');

const db = setupTestDb();
let restoreDb: () => void;
let owner: User;
let viewerUser: User;
let ctx: WorkspaceCtx;
let viewer: WorkspaceCtx;
let other: WorkspaceCtx;
/** The PRODUCT.md example, over two weeks: 120 promoters, 50 passives, 30 detractors. */
let example: Survey;
/** CSAT, across months and a time-zone boundary. */
let csatSurvey: Survey;
/** Sent by mail: provisional, flagged, response rate, lists and segments. */
let mailSurvey: Survey;
let foreign: Survey;
let campaign: MadeCampaign;
const exampleScores: number[] = [];

const at = (iso: string) => new Date(iso);

/** `n` answers of `score` on the public link at `now`, some with a comment. */
async function answer(survey: Survey, score: number, now: Date, comment?: string) {
  exampleScores.push(score);
  return recordAnswer(db(), { survey, channel: 'link', score, now, comment });
}

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  const a = await makeUser(db());
  owner = a.user;
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  viewerUser = await addMember(db(), a.workspace.id, 'viewer');
  viewer = await ctxFor(db(), viewerUser.id, a.workspace.id);
  const b = await makeUser(db());
  other = await ctxFor(db(), b.user.id, b.workspace.id);

  example = await makeSurvey(db(), ctx.workspaceId, { name: 'Example' });
  // Week of Mon 28 Sep (Amsterdam): 50 promoters, 30 passives, 20 detractors → NPS 30.
  const weekA = at('2026-10-01T10:00:00Z');
  for (let i = 0; i < 50; i++) await answer(example, i % 2 ? 9 : 10, weekA);
  for (let i = 0; i < 30; i++) await answer(example, i % 2 ? 7 : 8, weekA);
  for (let i = 0; i < 20; i++) await answer(example, i % 7, weekA);
  // Week of Mon 5 Oct: 70 promoters, 20 passives, 10 detractors → NPS 60. The first detractor is
  // Sunday 22:30 UTC, already Monday 00:30 in Amsterdam: the workspace's week, not UTC's.
  const weekB = at('2026-10-07T10:00:00Z');
  await answer(example, 0, at('2026-10-04T22:30:00Z'), 'slow delivery');
  for (let i = 1; i < 10; i++) await answer(example, 3, weekB, i === 1 ? 'slow_delivery again' : undefined);
  for (let i = 0; i < 20; i++) await answer(example, 8, weekB, i === 0 ? 'fine' : undefined);
  for (let i = 0; i < 70; i++) await answer(example, 10, weekB, i === 0 ? 'Great service, 100% happy' : i === 1 ? '<b>bold</b> & co' : undefined);

  csatSurvey = await makeSurvey(db(), ctx.workspaceId, { name: 'CSAT', kind: 'csat' });
  await recordAnswer(db(), { survey: csatSurvey, channel: 'link', score: 5, now: at('2026-08-15T12:00:00Z') });
  // 31 Oct 23:30 UTC is 1 Nov 00:30 in Amsterdam (winter time, UTC+1): a November answer.
  await recordAnswer(db(), { survey: csatSurvey, channel: 'link', score: 2, now: at('2026-10-31T23:30:00Z') });
  await recordAnswer(db(), { survey: csatSurvey, channel: 'link', score: 4, now: at('2026-11-20T12:00:00Z') });

  mailSurvey = await makeSurvey(db(), ctx.workspaceId, { name: 'Mail' });
  // A survey mail: its score-button block makes it this survey's campaign.
  campaign = await makeCampaign(db(), ctx.workspaceId, { sends: [{}, {}, {}, { status: 'failed' }], blocks: [{ type: 'survey', surveyId: mailSurvey.id }] });

  foreign = await makeSurvey(db(), other.workspaceId, { name: 'Foreign' });
  await recordAnswer(db(), { survey: foreign, channel: 'link', score: 10 });
});
afterAll(() => restoreDb?.());
afterEach(() => {
  session.user = null;
});

describe('survey report', () => {
  it('the worked example: 120/50/30 → NPS 45 ±10.3, shares, histogram, Dutch-scoring note', async () => {
    const r = await getSurveyReport(viewer, example.id);
    expect(r.statusCounts).toEqual({ confirmed: 200, provisional: 0, flagged: 0 });
    expect(r.headline.counts).toEqual({ promoters: 120, passives: 50, detractors: 30 });
    expect(r.headline.score).toBeCloseTo(45, 10);
    expect(r.headline.margin).toBeCloseTo(10.26, 1);
    expect(r.headline.shares).toEqual({ promoter: 60, passive: 25, detractor: 15 });
    expect(r.histogram).toEqual(histogramFromScores('nps', exampleScores));
    expect(r.histogram.reduce((a, b) => a + b, 0)).toBe(200);
    const mean = exampleScores.reduce((a, b) => a + b, 0) / 200;
    expect(r.dutch?.mean).toBeCloseTo(mean, 10);
    expect(r.dutch?.praiseShare).toBeCloseTo(85, 10); // 120 + 50 of 200 scored 7–10
    expect(r.response).toBeNull(); // never sent by mail
    // The drill-down goes by answer time, newest first, and pages without gaps or repeats.
    const first = await listSurveyAnswers(viewer, example.id, { limit: 150 });
    const times = first.rows.map((a) => a.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const rest = await listSurveyAnswers(viewer, example.id, { limit: 150, before: first.next! });
    expect(rest.rows).toHaveLength(50);
    expect(new Set([...first.rows, ...rest.rows].map((a) => a.id)).size).toBe(200);
  });

  it('trend by week on the workspace clock, and the latest two weeks compared', async () => {
    const r = await getSurveyReport(ctx, example.id, { period: 'week' });
    expect(r.timeZone).toBe('Europe/Amsterdam');
    expect(r.trend.points.map((p) => [p.start, p.total, p.score])).toEqual([
      ['2026-09-28', 100, 30],
      ['2026-10-05', 100, 60],
    ]);
    expect(r.comparison?.change?.change).toBeCloseTo(30, 10);
    expect(r.comparison?.change?.significant).toBe(true);
    expect(r.comparison?.change?.threshold).toBeCloseTo(1.96 * Math.sqrt(61 + 44), 6);
    expect(r.trend.truncated).toBe(false);
  });

  it('trend by month fills empty months; CSAT headline and shares', async () => {
    const r = await getSurveyReport(ctx, csatSurvey.id, { period: 'month' });
    expect(r.trend.points.map((p) => [p.start, p.total])).toEqual([
      ['2026-08-01', 1],
      ['2026-09-01', 0],
      ['2026-10-01', 0],
      ['2026-11-01', 2],
    ]);
    expect(r.trend.points[1].score).toBeNull(); // no answers is no data, not 0
    expect(r.trend.points[3].score).toBe(50);
    expect(r.headline.score).toBeCloseTo(200 / 3, 10);
    expect(r.headline.counts).toEqual({ promoters: 2, passives: 0, detractors: 1 });
    expect(r.histogram).toEqual([0, 0, 1, 0, 1, 1]);
    expect(r.dutch).toBeNull();
    // The latest two months: October had no answers, so there is no change to judge.
    expect(r.comparison?.earlier.start).toBe('2026-10-01');
    expect(r.comparison?.change).toBeNull();
  });

  it('a long trend keeps the latest 104 weeks and says it left older ones off', async () => {
    const long = await makeSurvey(db(), ctx.workspaceId, { name: 'Long' });
    const start = Date.parse('2024-01-03T12:00:00Z'); // a Wednesday
    for (let w = 0; w < 106; w++) await recordAnswer(db(), { survey: long, channel: 'link', score: 9, now: new Date(start + w * 7 * 86_400_000) });
    const r = await getSurveyReport(ctx, long.id);
    expect(r.trend.points).toHaveLength(104);
    expect(r.trend.truncated).toBe(true);
    expect(r.trend.points[0].start).toBe('2024-01-15');
    expect(r.headline.total).toBe(106);
  });

  it('mail: provisional apart, flagged out, response rate over delivered sends until confirmed', async () => {
    const [s0, s1, s2] = campaign.sends;
    const base = { survey: mailSurvey, channel: 'email' as const, campaignId: campaign.id };
    await recordAnswer(db(), { ...base, score: 9, contactId: s0.contactId, sendId: s0.id });
    const provisional = await recordAnswer(db(), { ...base, score: 3, contactId: s1.contactId, sendId: s1.id, status: 'provisional' });
    await recordAnswer(db(), { ...base, score: 10, contactId: s2.contactId, sendId: s2.id, status: 'flagged', flagReason: 'burst' });
    await recordAnswer(db(), { survey: mailSurvey, channel: 'link', score: 6, comment: '=1+1' });

    let r = await getSurveyReport(ctx, mailSurvey.id);
    expect(r.statusCounts).toEqual({ confirmed: 2, provisional: 1, flagged: 1 });
    expect(r.headline.counts).toEqual({ promoters: 1, passives: 0, detractors: 1 });
    expect(r.response).toMatchObject({ campaigns: 1, delivered: 3, answered: 1 });
    expect(r.response?.rate).toBeCloseTo(100 / 3, 10);

    expect(await confirmAnswer(db(), mailSurvey, provisional.responseId)).toBe(true);
    r = await getSurveyReport(ctx, mailSurvey.id);
    expect(r.statusCounts).toEqual({ confirmed: 3, provisional: 0, flagged: 1 });
    expect(r.headline.counts).toEqual({ promoters: 1, passives: 0, detractors: 2 });
    expect(r.response?.rate).toBeCloseTo(200 / 3, 10);

    // The drill-down shows every stored answer with its status and contact, newest first.
    const answers = await listSurveyAnswers(viewer, mailSurvey.id);
    expect(answers.rows.map((a) => [a.score, a.status, a.contactId !== null])).toEqual([
      [6, 'confirmed', false],
      [10, 'flagged', true],
      [3, 'confirmed', true],
      [9, 'confirmed', true],
    ]);
    expect(answers.rows[1].flagReason).toBe('burst');
    const page = await listSurveyAnswers(ctx, mailSurvey.id, { limit: 3 });
    expect((await listSurveyAnswers(ctx, mailSurvey.id, { limit: 3, before: page.next! })).rows.map((a) => a.score)).toEqual([9]);
  });

  it('NPS per list and per segment (who is in it now)', async () => {
    const [s0, s1] = campaign.sends;
    const list = await createList({ ctx, input: { name: 'Customers' } });
    await addListMembers({ ctx, input: { listId: list.id, contactIds: [s0.contactId] } });
    const byList = await getSurveyAudienceScore(viewer, mailSurvey.id, { type: 'list', listId: list.id });
    expect(byList).toMatchObject({ name: 'Customers', total: 1, score: 100, counts: { promoters: 1, passives: 0, detractors: 0 } });

    await updateContact({ ctx, input: { contactId: s1.contactId, attributes: { plan: 'pro' } } });
    const segment = await createSegment({ ctx, input: { name: 'Pro', rules: { match: 'all', rules: [{ kind: 'attribute', key: 'plan', op: 'equals', value: 'pro' }] } } });
    const bySegment = await getSurveyAudienceScore(ctx, mailSurvey.id, { type: 'segment', segmentId: segment.id });
    expect(bySegment).toMatchObject({ name: 'Pro', total: 1, score: -100 });

    // Another workspace's list, or this list on another workspace's survey: not found.
    await expectAppError(getSurveyAudienceScore(other, mailSurvey.id, { type: 'list', listId: list.id }), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(getSurveyAudienceScore(other, foreign.id, { type: 'list', listId: list.id }), 'NOT_FOUND', 'listNotFound');
  });

  it('comments: by group, searched with % and _ taken literally, paged', async () => {
    const texts = async (q: Parameters<typeof listSurveyComments>[2]) => (await listSurveyComments(viewer, example.id, q)).rows.map((c) => c.comment).sort();
    expect(await texts({})).toHaveLength(5);
    expect(await texts({ q: 'SLOW' })).toEqual(['slow delivery', 'slow_delivery again']);
    expect(await texts({ q: 'slow_' })).toEqual(['slow_delivery again']);
    expect(await texts({ q: '_' })).toEqual(['slow_delivery again']);
    expect(await texts({ q: '%' })).toEqual(['Great service, 100% happy']);
    expect(await texts({ group: 'promoter' })).toEqual(['<b>bold</b> & co', 'Great service, 100% happy']);
    expect(await texts({ group: 'passive', q: 'slow' })).toEqual([]);
    const paged = await listSurveyComments(ctx, example.id, { page: 2 });
    expect(paged).toMatchObject({ total: 5, page: 2, pages: 1, rows: [] });
  });

  it('the dashboard card: all confirmed NPS answers of the last 90 days, CSAT left out', async () => {
    const d = await getDashboardNps(viewer, { now: at('2026-10-20T12:00:00Z') });
    expect(d).toMatchObject({ days: 90, total: 200, surveys: 1, latest: { id: example.id, name: 'Example' } });
    expect(d.score).toBeCloseTo(45, 10);
    expect(d.margin).toBeCloseTo(10.26, 1);
    const before = await getDashboardNps(ctx, { now: at('2026-09-01T00:00:00Z') });
    expect(before).toMatchObject({ total: 0, score: null, surveys: 0, latest: null });
  });

  it("another workspace's survey is not found, in every read", async () => {
    await expectAppError(getSurveyReport(ctx, foreign.id), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(getSurveyReport(other, example.id), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(getSurveyReport(ctx, 'not-a-uuid'), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(listSurveyComments(other, example.id), 'NOT_FOUND', 'surveyNotFound');
    await expectAppError(listSurveyAnswers(other, example.id), 'NOT_FOUND', 'surveyNotFound');
    expect((await getDashboardNps(other)).latest?.id).toBe(foreign.id);
  });
});

describe('CSV export of the answers', () => {
  const csvUrl = (id: string, workspaceId = ctx.workspaceId) => `http://pulse.test/api/surveys/${id}/responses?workspaceId=${workspaceId}`;
  const get = (id: string, workspaceId?: string) => csvGet(new Request(csvUrl(id, workspaceId)), { params: Promise.resolve({ id }) });

  it('all answers of the survey, formula cells neutralised; viewers may export', async () => {
    for (const user of [owner, viewerUser]) {
      session.user = user;
      const res = await get(mailSurvey.id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe('response_id,answered_at,contact_id,email,first_name,last_name,score,group,channel,status,flag_reason,comment');
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(/,6,detractor,link,confirmed,,'=1\+1$/);
      expect(lines.some((l) => l.includes(',10,promoter,email,flagged,burst,'))).toBe(true);
    }
  });

  it('CSAT groups are named for CSAT', async () => {
    session.user = owner;
    const text = await (await get(csatSurvey.id)).text();
    expect(text).toContain(',2,dissatisfied,link,confirmed,');
    expect(text).toContain(',5,satisfied,link,confirmed,');
  });

  it("another workspace's survey id is a 404, and so is a foreign workspace", async () => {
    session.user = owner;
    expect((await get(foreign.id)).status).toBe(404);
    expect((await get(example.id, other.workspaceId)).status).toBe(404);
    session.user = null;
    expect((await get(example.id)).status).toBe(401);
  });
});
