import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { abDecision, applyAbWinner, overrideWinner } from '@/lib/campaigns/ab-winner';
import { markAttempting, recoverStaleSends } from '@/lib/campaigns/claims';
import { startCampaign } from '@/lib/campaigns/start';
import { getCampaignInWorkspace } from '@/lib/campaigns/guards';
import { campaignLinks, campaigns, campaignSends, contacts, mailMessages, type AbTestConfig } from '@/lib/db/schema';
import { verifyToken } from '@/lib/tracking/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { deliverAll, makeContacts, makeDraft, perRecipient, statusCounts, useSmtp } from './support/sending';
import { closedPort, startSmtpSink } from './support/smtp';

const db = setupTestDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: WorkspaceCtx;
const BASE = 'https://pulse.example';

beforeAll(async () => {
  delete process.env.SMTP_URL;
  process.env.PULSE_BASE_URL = BASE;
  sink = await startSmtpSink();
  const u = await makeUser(db(), { workspaceName: 'Roasters' });
  ctx = await ctxFor(db(), u.user.id, u.workspace.id);
});
afterAll(async () => {
  delete process.env.PULSE_BASE_URL;
  await sink.close();
});
beforeEach(async () => {
  sink.received.length = 0;
  await useSmtp(db(), ctx.workspaceId, sink.port);
  // Each test has its own audience: earlier recipients unsubscribe so they drop out of "all".
  await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.workspaceId, ctx.workspaceId));
});

const decisionFor = async (campaignId: string) => abDecision(db(), await getCampaignInWorkspace(db(), ctx, campaignId));
const tokenIn = (url: string, path: string) => new RegExp(`${BASE}/t/${path}/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(url)?.[1];

describe('delivery over a real SMTP listener', () => {
  it('every recipient exactly once, personalised, with tracked links, pixel and one-click unsubscribe', async () => {
    const people = await makeContacts(db(), ctx.workspaceId, 30);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    const result = await deliverAll(db(), campaign.id);
    expect(result).toMatchObject({ sent: 30, failed: 0, unknown: 0, finished: true });

    const counts = perRecipient(sink.received);
    expect([...counts.keys()].sort()).toEqual(people.map((p) => p.email).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    const rows = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    const links = await db().select().from(campaignLinks).where(eq(campaignLinks.campaignId, campaign.id));
    const linkIds = new Set(links.map((l) => l.id));
    for (const mail of sink.received) {
      const to = mail.envelope.to[0];
      const row = byEmail.get(to)!;
      const person = people.find((p) => p.email === to)!;
      expect(mail.parsed.subject).toBe(`Hi ${person.firstName}`);
      expect(mail.parsed.from?.text).toContain('news@roasters.example');
      expect(mail.parsed.messageId).toBe(`<pulse.${campaign.id}.${row.id}@roasters.example>`);
      const header = (key: string) => mail.parsed.headerLines.find((h) => h.key === key)?.line;
      expect(header('list-unsubscribe')).toMatch(new RegExp(`^List-Unsubscribe: <${BASE}/t/u/[^>]+>$`));
      expect(verifyToken('unsubscribe', tokenIn(header('list-unsubscribe')!, 'u')!, 1)).toEqual([row.id]);
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const html = String(mail.parsed.html);
      expect(html).not.toContain('href="https://shop.example');
      const clicks = [...html.matchAll(new RegExp(`${BASE}/t/c/([A-Za-z0-9_.-]+)`, 'g'))].map((m) => verifyToken('click', m[1], 2));
      expect(clicks.length).toBe(3); // two buttons and the linked image
      for (const c of clicks) {
        expect(c?.[0]).toBe(row.id);
        expect(linkIds.has(c![1])).toBe(true);
      }
      expect(verifyToken('open', tokenIn(html, 'o')!, 1)).toEqual([row.id]);
      expect(mail.parsed.text).toContain(`${BASE}/t/c/`);
    }
    expect(rows.every((r) => r.status === 'sent' && r.sentAt instanceof Date)).toBe(true);
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(after.status).toBe('sent');
    expect(after.finishedAt).toBeInstanceOf(Date);
  });

  it('a contact who unsubscribed after the start is cancelled, not mailed', async () => {
    const people = await makeContacts(db(), ctx.workspaceId, 5);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.id, people[2].id));
    const result = await deliverAll(db(), campaign.id);
    expect(result).toMatchObject({ sent: 4, cancelled: 1, finished: true });
    expect(perRecipient(sink.received).has(people[2].email)).toBe(false);
  });

  it('an unreachable SMTP server: nothing is failed or lost, rows go back to pending and are sent later', async () => {
    const people = await makeContacts(db(), ctx.workspaceId, 6);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    await useSmtp(db(), ctx.workspaceId, await closedPort());
    const down = await deliverAll(db(), campaign.id);
    expect(down).toMatchObject({ sent: 0, failed: 0, unknown: 0, unreachable: true, finished: false });
    expect(down.requeued).toBeGreaterThan(0);
    expect(await statusCounts(db(), campaign.id)).toEqual({ pending: 6 });

    await useSmtp(db(), ctx.workspaceId, sink.port);
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 6, finished: true });
    expect([...perRecipient(sink.received).entries()].sort()).toEqual(people.map((p) => [p.email, 1]).sort());
  });

  it('without SMTP the outbox gets one mail_messages row per recipient, written with the sent mark', async () => {
    await useSmtp(db(), ctx.workspaceId, null);
    const people = await makeContacts(db(), ctx.workspaceId, 12);
    const campaign = await makeDraft(db(), ctx.workspaceId, { subject: 'Outbox {{ first_name }}' });
    await startCampaign(db(), campaign.id);
    expect(await deliverAll(db(), campaign.id, { batchSize: 5 })).toMatchObject({ sent: 12, finished: true });
    const mails = await db()
      .select()
      .from(mailMessages)
      .where(inArray(mailMessages.toAddress, people.map((p) => p.email)));
    expect(mails).toHaveLength(12);
    expect(mails.every((m) => m.kind === 'campaign' && m.transport === 'outbox' && m.subject.startsWith('Outbox P'))).toBe(true);
    expect(mails[0].html).toContain(`${BASE}/t/o/`);
    expect(sink.received).toHaveLength(0);
  });
});

describe('A/B test: test phase, winner, rest', () => {
  const abTest: AbTestConfig = {
    variable: 'subject',
    variants: [{ key: 'A', value: 'Subject A' }, { key: 'B', value: 'Subject B' }],
    testPct: 50,
    metric: 'click',
    sendWinnerToRest: true,
  };

  it('sends the test phase, waits, picks the leader, sends the rest the winning variant', async () => {
    await makeContacts(db(), ctx.workspaceId, 80);
    const campaign = await makeDraft(db(), ctx.workspaceId, { abTest });
    const { held } = await startCampaign(db(), campaign.id, { abWaitMs: 0 });
    expect(held).toBeGreaterThan(10);

    // The winner job waits while the test phase is still sending.
    expect(await applyAbWinner(db(), campaign.id)).toHaveProperty('retryAt');

    const test = await deliverAll(db(), campaign.id);
    expect(test).toMatchObject({ sent: 80 - held, finished: false });
    const subjects = new Set(sink.received.map((m) => m.parsed.subject));
    expect(subjects).toEqual(new Set(['Subject A', 'Subject B']));

    // B's test recipients click (human); A's don't.
    const bRows = await db()
      .select({ id: campaignSends.id })
      .from(campaignSends)
      .where(and(eq(campaignSends.campaignId, campaign.id), eq(campaignSends.variantKey, 'B')));
    await db().update(campaignSends).set({ firstHumanClickAt: new Date() }).where(inArray(campaignSends.id, bRows.map((r) => r.id)));

    const decision = await decisionFor(campaign.id);
    expect(decision).toMatchObject({ metric: 'click', verdict: { kind: 'insufficient' }, chosen: 'B', testComplete: true, appliedWinner: null, held });
    expect(decision!.variants.map((v) => v.key)).toEqual(['A', 'B']);

    expect(await applyAbWinner(db(), campaign.id)).toEqual({ winnerKey: 'B' });
    expect(await applyAbWinner(db(), campaign.id)).toEqual({ winnerKey: 'B' }); // idempotent
    sink.received.length = 0;
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: held, finished: true });
    expect(sink.received.every((m) => m.parsed.subject === 'Subject B')).toBe(true);
    expect(await statusCounts(db(), campaign.id)).toEqual({ sent: 80 });
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(after).toMatchObject({ status: 'sent', winnerKey: 'B' });
    // The report still compares the test phase only: the rest's rows are not counted for B.
    const final = await decisionFor(campaign.id);
    expect(final!.variants.reduce((n, v) => n + v.delivered, 0)).toBe(80 - held);
  });

  it('an override wins over the numbers; without "send to rest" the held rows are cancelled', async () => {
    await makeContacts(db(), ctx.workspaceId, 40);
    const campaign = await makeDraft(db(), ctx.workspaceId, { abTest: { ...abTest, variable: 'ctaText', sendWinnerToRest: false } });
    const { held } = await startCampaign(db(), campaign.id, { abWaitMs: 3_600_000 });
    await deliverAll(db(), campaign.id);
    const html = sink.received.map((m) => String(m.parsed.html));
    expect(html.some((h) => h.includes('>Subject A</a>')) && html.some((h) => h.includes('>Subject B</a>'))).toBe(true);
    await overrideWinner({ ctx, input: { campaignId: campaign.id, winnerKey: 'A' } });
    expect((await decisionFor(campaign.id))!.chosen).toBe('A');
    expect(await applyAbWinner(db(), campaign.id)).toEqual({ winnerKey: 'A' });
    expect(await statusCounts(db(), campaign.id)).toEqual({ sent: 40 - held, cancelled: held });
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 0, finished: true });
  });
});

describe('crash recovery rules', () => {
  it('stale claimed → pending, stale attempting → unknown (never resent), fresh claims untouched, lost claims fenced', async () => {
    await makeContacts(db(), ctx.workspaceId, 6);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    const rows = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id)).orderBy(asc(campaignSends.id));
    const old = new Date(Date.now() - 10 * 60_000);
    const set = (i: number, status: 'claimed' | 'attempting', at: Date, by: string) =>
      db().update(campaignSends).set({ status, claimedAt: at, claimedBy: by }).where(eq(campaignSends.id, rows[i].id));
    await set(0, 'claimed', old, 'dead#1');
    await set(1, 'claimed', old, 'dead#1');
    await set(2, 'attempting', old, 'dead#1');
    await set(3, 'claimed', new Date(), 'alive#1');

    expect(await recoverStaleSends(db(), { leaseMs: 60_000, campaignId: campaign.id })).toEqual({ requeued: 2, unknown: 1 });
    expect(await statusCounts(db(), campaign.id)).toEqual({ pending: 4, unknown: 1, claimed: 1 });
    // The dead worker comes back: its claim token no longer matches, so it may not send.
    expect(await markAttempting(db(), [{ id: rows[0].id, token: 'dead#1' }])).toEqual(new Set());

    await db().update(campaignSends).set({ status: 'pending', claimedBy: null, claimedAt: null }).where(eq(campaignSends.id, rows[3].id));
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 5, finished: true });
    expect(perRecipient(sink.received).has(rows[2].email)).toBe(false);
    expect(await statusCounts(db(), campaign.id)).toEqual({ sent: 5, unknown: 1 });
  });
});
