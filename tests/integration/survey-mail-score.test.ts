import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, events, jobs, mailMessages, surveyResponses, workspaces } from '@/lib/db/schema';
import { defaultHandlers } from '@/lib/jobs/handlers';
import { removeMember } from '@/lib/members/manage';
import { SURVEY_JOB_KINDS } from '@/lib/surveys/jobs';
import { scoreClickUrl } from '@/lib/surveys/links';
import { signToken } from '@/lib/tracking/token';
import { installProcessDb, makeCampaign, type SendSpec } from './support/campaigns';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser, type MadeUser } from './support/factories';
import { form, startSurveyServer, submissionIdOf } from './support/survey-server';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let a: MadeUser;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startSurveyServer());
  a = await makeUser(db(), { workspaceName: 'Mail score A' });
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

const req = (path: string, init: RequestInit = {}) =>
  fetch(base + path, { redirect: 'manual', ...init, headers: { 'user-agent': CHROME, ...(init.headers as Record<string, string>) } });
const scorePath = (sendId: number, score: number) => new URL(scoreClickUrl('http://x', sendId, score)).pathname;

/** A sent campaign asking a fresh survey, one send per spec. */
async function surveyCampaign(workspaceId: string, sends: SendSpec[] = [{}], survey: Parameters<typeof makeSurvey>[2] = {}) {
  const s = await makeSurvey(db(), workspaceId, survey);
  const campaign = await makeCampaign(db(), workspaceId, { sends, blocks: [{ type: 'survey', surveyId: s.id }] });
  return { survey: s, campaign };
}

const responsesOf = (surveyId: string) => db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
const scoreEvents = (sendId: number) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.sendId, sendId), eq(events.type, 'survey_score')))
    .orderBy(events.id);

describe('a score clicked in a mail', () => {
  it('a normal click is provisional, opens the personal page with the score picked, and confirms on interaction', async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id);
    const send = campaign.sends[0];
    const res = await req(scorePath(send.id, 8));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/s/p/${signToken('survey', [send.id])}`);
    const [row] = await responsesOf(survey.id);
    expect(row).toMatchObject({ score: 8, category: 'passive', status: 'provisional', channel: 'email', contactId: send.contactId, campaignId: campaign.id, sendId: send.id });
    expect((await db().select().from(contacts).where(eq(contacts.id, send.contactId)))[0].npsCategory).toBeNull();
    const evs = await scoreEvents(send.id);
    expect(evs.map((e) => [e.machine, e.meta])).toEqual([[false, { surveyId: survey.id, score: 8 }]]);

    const page = await req(res.headers.get('location')!);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Your score: 8');
    expect(html).toMatch(/value="8" required data-f="[^"]*" checked/);
    expect(html).toContain(`data-confirm="${res.headers.get('location')}/confirm"`);
    expect(page.headers.get('cache-control')).toContain('no-store');

    // The page's script posts here on the first pointerdown/keydown/focus.
    const confirmed = await req(`${res.headers.get('location')}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(204);
    expect((await responsesOf(survey.id))[0]).toMatchObject({ status: 'confirmed', score: 8 });
    expect((await db().select().from(contacts).where(eq(contacts.id, send.contactId)))[0].npsCategory).toBe('passive');
  });

  it('without JavaScript, submitting the follow-up form confirms (and may change) the score', async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id);
    const send = campaign.sends[0];
    const location = (await req(scorePath(send.id, 6))).headers.get('location')!;
    const html = await (await req(location)).text();
    const posted = await req(location, {
      method: 'POST',
      body: form({ submissionId: submissionIdOf(html), step: 'followUp', score: '7', comment: 'Fine' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(303);
    const rows = await responsesOf(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'confirmed', score: 7, comment: 'Fine', channel: 'email' });
  });

  it('HEAD requests, clicks seconds after delivery and scanner agents are flagged and never count', async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id, [{}, { sentAt: new Date(Date.now() - 3_000) }, {}]);
    const [s0, s1, s2] = campaign.sends;
    expect((await req(scorePath(s0.id, 10), { method: 'HEAD' })).status).toBe(302);
    expect((await req(scorePath(s1.id, 10))).status).toBe(302);
    expect((await req(scorePath(s2.id, 10), { headers: { 'user-agent': 'Mimecast URL scanner' } })).status).toBe(302);
    const rows = await responsesOf(survey.id);
    const bySend = new Map(rows.map((r) => [r.sendId, r]));
    expect(bySend.get(s0.id)).toMatchObject({ status: 'flagged', flagReason: 'head' });
    expect(bySend.get(s1.id)).toMatchObject({ status: 'flagged', flagReason: 'early' });
    expect(bySend.get(s2.id)).toMatchObject({ status: 'flagged', flagReason: 'scanner' });
    for (const s of [s0, s1, s2]) {
      const [e] = await scoreEvents(s.id);
      expect(e.machine).toBe(true);
    }
    // The personal page does not present a machine's score as the person's answer.
    const page = await (await req(`/s/p/${signToken('survey', [s0.id])}`)).text();
    expect(page).not.toContain('Your score');
  });

  it('several different scores from one mail within seconds are a burst: all flagged', async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id);
    const send = campaign.sends[0];
    await Promise.all([0, 5, 10].map((s) => req(scorePath(send.id, s)).then((r) => r.arrayBuffer())));
    const rows = await responsesOf(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'flagged', flagReason: 'burst' });
    const evs = await scoreEvents(send.id);
    expect(evs).toHaveLength(3);
    expect(evs.every((e) => e.machine)).toBe(true);
  });

  it("a machine's click never overwrites the person's confirmed answer", async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id);
    const send = campaign.sends[0];
    await db().update(workspaces).set({ mailScoreMode: 'immediate' }).where(eq(workspaces.id, a.workspace.id));
    try {
      await req(scorePath(send.id, 9));
      expect((await responsesOf(survey.id))[0]).toMatchObject({ status: 'confirmed', score: 9 });
      await req(scorePath(send.id, 0), { method: 'HEAD' });
      expect((await responsesOf(survey.id))[0]).toMatchObject({ status: 'confirmed', score: 9 });
      expect((await db().select().from(contacts).where(eq(contacts.id, send.contactId)))[0].npsCategory).toBe('promoter');
    } finally {
      await db().update(workspaces).set({ mailScoreMode: 'provisional' }).where(eq(workspaces.id, a.workspace.id));
    }
  });

  it('forged, altered, wrong-purpose and out-of-range score tokens are 404 and record nothing', async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id, [{}], { kind: 'csat' });
    const send = campaign.sends[0];
    const valid = signToken('score', [send.id, 4]);
    const [payload, mac] = valid.split('.');
    const flipped = mac[0] === 'A' ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
    for (const token of [`${payload}.${flipped}`, signToken('click', [send.id, 4]), signToken('score', [send.id, 0]), signToken('score', [send.id, 11]), 'garbage']) {
      expect((await req(`/t/s/${token}`)).status, token).toBe(404);
    }
    expect(await responsesOf(survey.id)).toHaveLength(0);
    expect(await scoreEvents(send.id)).toHaveLength(0);
    expect((await req(`/t/s/${valid}`)).status).toBe(302);
    expect(await responsesOf(survey.id)).toHaveLength(1);
  });

  it('a closed survey stores nothing from a mail click, and its page says so', async () => {
    const { survey, campaign } = await surveyCampaign(a.workspace.id, [{}], { status: 'closed' });
    const res = await req(scorePath(campaign.sends[0].id, 9));
    expect(res.status).toBe(302);
    expect(await responsesOf(survey.id)).toHaveLength(0);
    const page = await req(res.headers.get('location')!);
    expect(page.status).toBe(410);
  });
});

describe('the detractor alert', () => {
  it('mails each chosen member who is still a member, with the escaped comment and the report link; nobody else', async () => {
    const owner = await makeUser(db(), { workspaceName: 'Alert A' });
    const stays = await addMember(db(), owner.workspace.id, 'member');
    const leaves = await addMember(db(), owner.workspace.id, 'viewer');
    const { survey, campaign } = await surveyCampaign(owner.workspace.id, [{}], { alertUserIds: [stays.id, leaves.id], name: 'Q4 NPS' });
    await removeMember({ ctx: await ctxFor(db(), owner.user.id, owner.workspace.id), input: { userId: leaves.id } });

    const path = `/s/p/${signToken('survey', [campaign.sends[0].id])}`;
    const page = await (await req(path)).text();
    await req(path, {
      method: 'POST',
      body: form({ submissionId: submissionIdOf(page), score: '2', comment: '<img src=x onerror=alert(1)>' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const [response] = await responsesOf(survey.id);
    const [job] = await db().select().from(jobs).where(eq(jobs.key, `${SURVEY_JOB_KINDS.detractorAlert}:${response.id}`));
    expect(job).toBeDefined();
    await defaultHandlers[job.kind](db(), job);

    const mails = await db().select().from(mailMessages).where(eq(mailMessages.workspaceId, owner.workspace.id));
    const alerts = mails.filter((m) => m.kind === 'survey-detractor-alert');
    expect(alerts.map((m) => m.toAddress)).toEqual([stays.email]);
    expect(alerts[0].subject).toContain('2');
    expect(alerts[0].subject).toContain('Q4 NPS');
    expect(alerts[0].html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(alerts[0].html).not.toContain('<img src=x');
    expect(alerts[0].text).toContain(`/w/${owner.workspace.slug}/surveys/${survey.id}`);
  });
});
