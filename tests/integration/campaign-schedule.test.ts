import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countCampaignRecipients } from '@/lib/campaigns/audience';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { startCampaign } from '@/lib/campaigns/start';
import { campaigns, contacts, workspaces } from '@/lib/db/schema';
import { originFromHeaders } from '@/lib/http/base-url';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { deliverAll, makeContacts, makeDraft, useSmtp } from './support/sending';
import { startSmtpSink } from './support/smtp';

const db = setupTestDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: WorkspaceCtx;
const saved = { base: process.env.PULSE_BASE_URL, trust: process.env.PULSE_TRUST_PROXY };

beforeAll(async () => {
  delete process.env.SMTP_URL;
  sink = await startSmtpSink();
  const u = await makeUser(db(), { workspaceName: 'Origins' });
  ctx = await ctxFor(db(), u.user.id, u.workspace.id);
});
afterAll(async () => {
  process.env.PULSE_BASE_URL = saved.base;
  process.env.PULSE_TRUST_PROXY = saved.trust;
  if (saved.base === undefined) delete process.env.PULSE_BASE_URL;
  if (saved.trust === undefined) delete process.env.PULSE_TRUST_PROXY;
  await sink.close();
});
beforeEach(async () => {
  delete process.env.PULSE_BASE_URL;
  delete process.env.PULSE_TRUST_PROXY;
  sink.received.length = 0;
  await useSmtp(db(), ctx.workspaceId, sink.port);
  await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.workspaceId, ctx.workspaceId));
});

/** Schedules "now" from a request with these headers, then lets the worker path send it. */
async function sendFrom(headers: Record<string, string>) {
  sink.received.length = 0;
  await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.workspaceId, ctx.workspaceId));
  await makeContacts(db(), ctx.workspaceId, 2);
  const draft = await makeDraft(db(), ctx.workspaceId);
  const origin = originFromHeaders(new Headers(headers)) ?? undefined;
  await scheduleCampaign({ ctx, input: { campaignId: draft.id, baseUrl: origin } });
  // The worker has no request: what it knows of the origin is what the campaign row holds.
  expect((await startCampaign(db(), draft.id)).started).toBe(true);
  expect(await deliverAll(db(), draft.id)).toMatchObject({ sent: 2, finished: true });
  return sink.received.map((m) => String(m.parsed.html));
}

const trackedOrigins = (html: string) => new Set([...html.matchAll(/(https?:\/\/[^"/\s]+)\/t\/[cou]\//g)].map((m) => m[1]));

describe('links in campaign mail use the origin the app was reached on', () => {
  it('the Host the campaign was scheduled from, not localhost', async () => {
    const mails = await sendFrom({ host: 'pulse.roasters.example:8080' });
    expect(mails).toHaveLength(2);
    for (const html of mails) expect([...trackedOrigins(html)]).toEqual(['http://pulse.roasters.example:8080']);
  });

  it('X-Forwarded-Host is ignored unless PULSE_TRUST_PROXY=true', async () => {
    const forwarded = { host: 'app-internal:3000', 'x-forwarded-host': 'mail.roasters.example', 'x-forwarded-proto': 'https' };
    for (const html of await sendFrom(forwarded)) expect([...trackedOrigins(html)]).toEqual(['http://app-internal:3000']);
    process.env.PULSE_TRUST_PROXY = 'true';
    for (const html of await sendFrom(forwarded)) expect([...trackedOrigins(html)]).toEqual(['https://mail.roasters.example']);
  });

  it('PULSE_BASE_URL wins, at schedule time and in the worker', async () => {
    process.env.PULSE_BASE_URL = 'https://links.roasters.example/';
    for (const html of await sendFrom({ host: 'app-internal:3000' })) expect([...trackedOrigins(html)]).toEqual(['https://links.roasters.example']);
  });
});

describe('the schedule field is a time on the workspace clock', () => {
  const scheduledAt = async (id: string) => (await db().select().from(campaigns).where(eq(campaigns.id, id)))[0].scheduledAt?.toISOString();

  it.each([
    ['Europe/Amsterdam', '2031-01-14T09:30', '2031-01-14T08:30:00.000Z'],
    ['Europe/Amsterdam', '2031-07-15T09:30', '2031-07-15T07:30:00.000Z'],
    ['America/New_York', '2031-07-15T09:30', '2031-07-15T13:30:00.000Z'],
    ['Asia/Tokyo', '2031-07-15T09:30', '2031-07-15T00:30:00.000Z'],
  ])('%s %s is stored as %s UTC', async (timezone, wall, utc) => {
    await db().update(workspaces).set({ timezone }).where(eq(workspaces.id, ctx.workspaceId));
    const draft = await makeDraft(db(), ctx.workspaceId);
    const row = await scheduleCampaign({ ctx, input: { campaignId: draft.id, sendAtLocal: wall } });
    expect(row.status).toBe('scheduled');
    expect(await scheduledAt(draft.id)).toBe(utc);
  });

  it('refuses a wall time in the past on that clock', async () => {
    await db().update(workspaces).set({ timezone: 'Europe/Amsterdam' }).where(eq(workspaces.id, ctx.workspaceId));
    const draft = await makeDraft(db(), ctx.workspaceId);
    await expectAppError(scheduleCampaign({ ctx, input: { campaignId: draft.id, sendAtLocal: '2020-01-01T09:00' } }), 'VALIDATION', 'campaignDateInPast');
    expect(await scheduledAt(draft.id)).toBeUndefined();
  });
});

describe('"Send now" confirmation', () => {
  it('counts the subscribed audience of the saved campaign', async () => {
    await makeContacts(db(), ctx.workspaceId, 3);
    await makeContacts(db(), ctx.workspaceId, 2, () => ({ status: 'unsubscribed' }));
    const draft = await makeDraft(db(), ctx.workspaceId);
    expect(await countCampaignRecipients({ ctx, input: { campaignId: draft.id } })).toBe(3);
  });
});
