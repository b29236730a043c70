import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, contacts, events, surveyResponses, workspaces, type Survey } from '@/lib/db/schema';
import { getSurveyFollowUps } from '@/lib/reports/survey-followups';
import { personalSurveyUrl } from '@/lib/surveys/links';
import { signToken } from '@/lib/tracking/token';
import { updateLinks } from '@/lib/workspaces/update';
import { installProcessDb, makeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser, type MadeUser } from './support/factories';
import { cookieOf, form, startSurveyServer, submissionIdOf } from './support/survey-server';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const FORM = 'application/x-www-form-urlencoded';

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let a: MadeUser;
let b: MadeUser;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startSurveyServer());
  a = await makeUser(db(), { workspaceName: 'Survey A' });
  b = await makeUser(db(), { workspaceName: 'Survey B' });
  await updateLinks({ ctx: await ctxFor(db(), a.user.id, a.workspace.id), input: { reviewUrl: 'https://reviews.example/a', referralUrl: 'https://a.example/refer?x=1' } });
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { redirect: 'manual', headers: { 'user-agent': CHROME, ...headers } });
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(base + path, { method: 'POST', redirect: 'manual', body, headers: { 'user-agent': CHROME, 'content-type': FORM, ...headers } });
const answers = (surveyId: string) => db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));

/** Opens the page, answers it, and returns the POST response and the form's id. */
async function answer(survey: Survey, fields: Record<string, string>, cookie?: string) {
  const page = await get(`/s/${survey.publicToken}`, cookie ? { cookie } : {});
  const submissionId = submissionIdOf(await page.text());
  const res = await post(`/s/${survey.publicToken}`, form({ submissionId, ...fields }), cookie ? { cookie } : {});
  return { res, submissionId };
}

describe('the public page', () => {
  it('renders the question as a labelled 0–10 radio group, in the survey language, with strict headers', async () => {
    const survey = await makeSurvey(db(), a.workspace.id, { locale: 'nl', brandColor: '#fde047', logoUrl: 'https://cdn.example/logo.png' });
    const res = await get(`/s/${survey.publicToken}?score=7`, { 'accept-language': 'en-US' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="nl"');
    expect(html).toContain('Hoe waarschijnlijk is het dat je ons zou aanbevelen');
    expect(html).toMatch(/<fieldset[^>]*><legend>/);
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(11);
    expect(html).toContain('0 – Helemaal niet waarschijnlijk');
    expect(html).toContain('10 – Zeer waarschijnlijk');
    expect(html).toMatch(/value="7" required data-f="[^"]*" checked/);
    expect(html).toContain('<img src="https://cdn.example/logo.png"');
    // A light brand colour gets dark text (contrast), not white.
    expect(html).toContain('color:#000000');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('img-src https:');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.byteLength(html)).toBeLessThan(50_000);
  });

  it('follows the browser language for an auto survey, and a CSAT survey asks 1–5', async () => {
    const survey = await makeSurvey(db(), a.workspace.id, { kind: 'csat' });
    const html = await (await get(`/s/${survey.publicToken}`, { 'accept-language': 'nl-NL,nl;q=0.9' })).text();
    expect(html).toContain('Hoe tevreden ben je over ons?');
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(5);
    expect(html).toContain('1 – Zeer ontevreden');
  });

  it('answers 404 without a database hit for malformed tokens, and for unknown and draft surveys', async () => {
    const draft = await makeSurvey(db(), a.workspace.id, { status: 'draft' });
    for (const path of ['/s/short', `/s/${'x'.repeat(23)}`, '/s/%00%0d%0a', `/s/${'A'.repeat(22)}`, `/s/${draft.publicToken}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('Survey not found');
    }
  });
});

describe('an anonymous answer', () => {
  it('is stored, categorised, and leads to the promoter follow-up with the review and referral links', async () => {
    const survey = await makeSurvey(db(), a.workspace.id, { thankYou: { promoter: 'You made our day!' } });
    const { res } = await answer(survey, { score: '10', comment: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${survey.publicToken}/thanks`);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const rows = await answers(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 10, category: 'promoter', status: 'confirmed', channel: 'link', workspaceId: a.workspace.id });
    // The cookie's id is not stored as such.
    expect(rows[0].browserKey).toBeTruthy();
    expect(setCookie).not.toContain(rows[0].browserKey!);

    const thanks = await get(`/s/${survey.publicToken}/thanks`, { cookie: cookieOf(res)! });
    const html = await thanks.text();
    expect(html).toContain('You made our day!');
    expect(html).toContain(`href="/s/${survey.publicToken}/go/review"`);
    expect(html).toContain(`href="/s/${survey.publicToken}/go/referral"`);
    expect(html).not.toContain('reviews.example');
  });

  it('a detractor gets the exit question as a comment form, which completes the same answer', async () => {
    const survey = await makeSurvey(db(), a.workspace.id);
    const { res } = await answer(survey, { score: '3', comment: '' });
    const cookie = cookieOf(res)!;
    const page = await (await get(`/s/${survey.publicToken}/thanks`, { cookie })).text();
    expect(page).toContain('What went wrong?');
    expect(page).not.toContain('/go/review');
    const again = await post(`/s/${survey.publicToken}`, form({ submissionId: submissionIdOf(page), step: 'followUp', score: '3', comment: 'Delivery was late' }), { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/s/${survey.publicToken}/thanks?done=1`);
    const rows = await answers(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 3, category: 'detractor', comment: 'Delivery was late' });
    const done = await (await get(again.headers.get('location')!, { cookie })).text();
    expect(done).toContain('Thank you for your honest answer.');
    expect(done).not.toContain('<textarea');
  });

  it('a replayed post stores one row; the same browser changes its answer instead of adding one', async () => {
    const survey = await makeSurvey(db(), a.workspace.id);
    const { res, submissionId } = await answer(survey, { score: '8', comment: 'ok' });
    const cookie = cookieOf(res)!;
    const replay = await post(`/s/${survey.publicToken}`, form({ submissionId, score: '8', comment: 'ok' }), { cookie });
    expect(replay.status).toBe(303);
    // A replay without the cookie (another tab's copy of the request) is still the same submission.
    await post(`/s/${survey.publicToken}`, form({ submissionId, score: '8', comment: 'ok' }));
    expect(await answers(survey.id)).toHaveLength(1);

    const changed = await answer(survey, { score: '2', comment: '' }, cookie);
    expect(changed.res.status).toBe(303);
    expect(changed.res.headers.get('set-cookie')).toBeNull();
    const rows = await answers(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 2, category: 'detractor' });

    // Another browser adds its own answer.
    await answer(survey, { score: '9', comment: '' });
    expect(await answers(survey.id)).toHaveLength(2);
  });

  it('refuses bad input with a clear message and status 400, stores nothing, and escapes what it echoes', async () => {
    const survey = await makeSurvey(db(), a.workspace.id);
    const html = '<script>alert(1)</script><b onmouseover="x">';
    for (const score of ['11', '-1', 'abc', '', '7.5', '1e1']) {
      const { res } = await answer(survey, { score, comment: html });
      expect(res.status, score).toBe(400);
      const page = await res.text();
      expect(page).toContain('Choose a score from 0 to 10.');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover=&quot;x&quot;&gt;');
      expect(page).not.toContain('<script>alert(1)');
    }
    const missing = await post(`/s/${survey.publicToken}`, form({ comment: 'no score' }));
    expect(missing.status).toBe(400);
    const long = await answer(survey, { score: '5', comment: 'x'.repeat(2001) });
    expect(long.res.status).toBe(400);
    expect(await long.res.text()).toContain('Your comment is too long');
    const huge = await post(`/s/${survey.publicToken}`, form({ score: '5', comment: 'y'.repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Your answer is too long');
    expect(await answers(survey.id)).toHaveLength(0);

    // HTML in a valid answer is stored as text and shown escaped (personal "change" page below too).
    const ok = await answer(survey, { score: '6', comment: html });
    expect(ok.res.status).toBe(303);
    expect((await answers(survey.id))[0].comment).toBe(html);
  });

  it('limits answers per address and survey: the 31st in the window is 429 with Retry-After and stores nothing', async () => {
    const survey = await makeSurvey(db(), a.workspace.id);
    // Refused forms take nothing from the bucket; each new browser (no cookie) adds an answer.
    expect((await post(`/s/${survey.publicToken}`, form({ score: 'x' }))).status).toBe(400);
    let firstCookie = '';
    for (let i = 0; i < 30; i++) {
      const res = await post(`/s/${survey.publicToken}`, form({ score: String(i % 11) }));
      expect(res.status).toBe(303);
      firstCookie ||= cookieOf(res)!;
    }
    expect(await answers(survey.id)).toHaveLength(30);
    const { res } = await answer(survey, { score: '9', comment: '' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('Too many answers');
    expect(await answers(survey.id)).toHaveLength(30);
    // A browser changing its answer takes from the same bucket (the general path of recordAnswer).
    const before = (await answers(survey.id)).map((r) => [r.id, r.score]).sort();
    const again = await post(`/s/${survey.publicToken}`, form({ score: '10', submissionId: 'change-over-the-limit' }), { cookie: firstCookie });
    expect(again.status).toBe(429);
    expect((await answers(survey.id)).map((r) => [r.id, r.score]).sort()).toEqual(before);
    // Another survey is another bucket.
    const other = await makeSurvey(db(), a.workspace.id);
    expect((await answer(other, { score: '9', comment: '' })).res.status).toBe(303);
  });

  it('closed and past-close-date surveys say so (410) and store nothing', async () => {
    const closed = await makeSurvey(db(), a.workspace.id, { status: 'closed' });
    const past = await makeSurvey(db(), a.workspace.id, { closesAt: new Date(Date.now() - 60_000) });
    for (const survey of [closed, past]) {
      const page = await get(`/s/${survey.publicToken}`);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain('This survey is closed');
      const res = await post(`/s/${survey.publicToken}`, form({ score: '9', submissionId: 'abcdefghijklmnopqrstuv' }));
      expect(res.status).toBe(410);
      expect(await answers(survey.id)).toHaveLength(0);
    }
  });
});

describe('follow-up links', () => {
  it('302 only to the stored URL, record a survey_followup event, and 404 when none or not http(s)', async () => {
    const survey = await makeSurvey(db(), a.workspace.id, { passiveNextStep: { label: 'See our guides', url: 'javascript:alert(1)' } });
    const res = await get(`/s/${survey.publicToken}/go/review?url=https://evil.example/`);
    expect(res.status).toBe(302);
    // The stored URL, plus the click id of this follow-up click (conversion attribution).
    expect(res.headers.get('location')).toMatch(/^https:\/\/reviews\.example\/a\?pulse_cid=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/);
    const recorded = await db()
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, a.workspace.id), eq(events.type, 'survey_followup')));
    expect(recorded.filter((e) => (e.meta as { surveyId?: string }).surveyId === survey.id).map((e) => e.meta)).toEqual([{ surveyId: survey.id, which: 'review' }]);
    expect((await get(`/s/${survey.publicToken}/go/next`)).status).toBe(404);
    expect((await get(`/s/${survey.publicToken}/go/elsewhere`)).status).toBe(404);
    // Workspace B has no review URL: its survey's link goes nowhere, and never to A's.
    const theirs = await makeSurvey(db(), b.workspace.id);
    expect((await get(`/s/${theirs.publicToken}/go/review`)).status).toBe(404);
  });
});

describe('follow-up clicks in the report', () => {
  it('counts each link against the answers of the group that sees it, for this survey only', async () => {
    const ctx = await ctxFor(db(), a.user.id, a.workspace.id);
    const survey = await makeSurvey(db(), a.workspace.id, { passiveNextStep: { label: 'Guides', url: 'https://a.example/guides' } });
    const other = await makeSurvey(db(), a.workspace.id);
    await answer(survey, { score: '10' });
    await answer(survey, { score: '9' });
    await answer(survey, { score: '8' });
    for (const which of ['review', 'review', 'referral', 'next']) expect((await get(`/s/${survey.publicToken}/go/${which}`)).status).toBe(302);
    expect((await get(`/s/${other.publicToken}/go/review`)).status).toBe(302);
    const figures = await getSurveyFollowUps(ctx, survey.id, { promoter: 2, passive: 1, detractor: 0 });
    expect(figures.map((f) => [f.which, f.clicks, f.rate])).toEqual([
      ['review', 2, 100],
      ['referral', 1, 50],
      ['next', 1, 100],
    ]);
    // Workspace B cannot read A's survey's figures.
    await expect(getSurveyFollowUps(await ctxFor(db(), b.user.id, b.workspace.id), survey.id, { promoter: 0, passive: 0, detractor: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('personal links', () => {
  async function personalSetup(overrides: Partial<Survey> = {}) {
    const survey = await makeSurvey(db(), a.workspace.id, overrides);
    const campaign = await makeCampaign(db(), a.workspace.id, { sends: 2, blocks: [{ type: 'survey', surveyId: survey.id }] });
    const path = (i: number) => new URL(personalSurveyUrl('http://x', campaign.sends[i].id)).pathname;
    return { survey, campaign, path };
  }

  it('one answer per contact, changed within the window (latest wins), sets the contact’s category', async () => {
    const { survey, campaign, path } = await personalSetup();
    const page = await get(path(0));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const first = await post(path(0), form({ submissionId: submissionIdOf(await page.text()), score: '9', comment: '' }));
    expect(first.status).toBe(303);
    const rows = await answers(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'personal', sendId: campaign.sends[0].id, contactId: campaign.sends[0].contactId, campaignId: campaign.id, status: 'confirmed' });
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, campaign.sends[0].contactId));
    expect(contact.npsCategory).toBe('promoter');

    const after = await (await get(path(0))).text();
    expect(after).toContain('You can change your answer until');
    const change = await (await get(`${path(0)}?change=1`)).text();
    await post(path(0), form({ submissionId: submissionIdOf(change), score: '4', comment: '<i>meh</i>' }));
    const changed = await answers(survey.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ score: 4, category: 'detractor', comment: '<i>meh</i>' });
    const [c2] = await db().select().from(contacts).where(eq(contacts.id, campaign.sends[0].contactId));
    expect(c2.npsCategory).toBe('detractor');
    const again = await (await get(`${path(0)}?change=1`)).text();
    expect(again).toContain('&lt;i&gt;meh&lt;/i&gt;');
    expect(again).not.toContain('<i>meh</i>');
  });

  it('after the change window the stored answer stands and the page says so', async () => {
    const { survey, path } = await personalSetup({ changeWindowHours: 0 });
    const page = await (await get(path(1))).text();
    await post(path(1), form({ submissionId: submissionIdOf(page), score: '10', comment: '' }));
    const later = await post(path(1), form({ submissionId: 'another-one-time-form-id', score: '0', comment: '' }));
    expect(later.status).toBe(303);
    const rows = await answers(survey.id);
    expect(rows.map((r) => r.score)).toEqual([10]);
    const shown = await (await get(path(1))).text();
    expect(shown).toContain('Your answer has been recorded and can no longer be changed.');
    expect(shown).toContain('Your score: 10');
  });
});

describe('tenant boundary', () => {
  it("a token of workspace B never shows or changes workspace A's survey; forged tokens are 404", async () => {
    const mine = await makeSurvey(db(), a.workspace.id, { question: 'A-only question?' });
    const theirs = await makeSurvey(db(), b.workspace.id, { question: 'B question?' });
    const page = await (await get(`/s/${theirs.publicToken}`)).text();
    expect(page).toContain('B question?');
    expect(page).not.toContain('A-only question?');
    expect(page).not.toContain('Survey A');

    // B's campaign pointing at A's survey (a forged row) reaches nothing.
    const campaign = await makeCampaign(db(), b.workspace.id, { sends: 1 });
    await db().update(campaigns).set({ surveyId: mine.id }).where(eq(campaigns.id, campaign.id));
    const crossPath = new URL(personalSurveyUrl('http://x', campaign.sends[0].id)).pathname;
    expect((await get(crossPath)).status).toBe(404);
    expect((await post(crossPath, form({ score: '0' }))).status).toBe(404);

    // Altered personal tokens: another send's payload with this MAC, a flipped MAC, a score token.
    const ownCampaign = await makeCampaign(db(), a.workspace.id, { sends: 1, blocks: [{ type: 'survey', surveyId: mine.id }] });
    const valid = signToken('survey', [ownCampaign.sends[0].id]);
    const [payload, mac] = valid.split('.');
    const otherPayload = signToken('survey', [ownCampaign.sends[0].id + 1]).split('.')[0];
    const flipped = mac[0] === 'A' ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
    for (const token of [`${otherPayload}.${mac}`, `${payload}.${flipped}`, signToken('score', [ownCampaign.sends[0].id, 9]), signToken('click', [ownCampaign.sends[0].id])]) {
      expect((await get(`/s/p/${token}`)).status, token).toBe(404);
      expect((await post(`/s/p/${token}`, form({ score: '0' }))).status, token).toBe(404);
    }
    // An altered public token is another (unknown) survey.
    const altered = (mine.publicToken[0] === 'A' ? 'B' : 'A') + mine.publicToken.slice(1);
    expect((await post(`/s/${altered}`, form({ score: '0' }))).status).toBe(404);
    expect(await answers(mine.id)).toHaveLength(0);
    const [ws] = await db().select().from(workspaces).where(eq(workspaces.id, a.workspace.id));
    expect(ws.name).toBe('Survey A');
  });
});
