import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignLinks, contacts, type WebhookDelivery, type WebhookEvent } from '@/lib/db/schema';
import { setContactStatus } from '@/lib/contacts/manage';
import { withTransaction } from '@/lib/db/transaction';
import { reactivateContact } from '@/lib/sequences/exits';
import { runSequencePass } from '@/lib/sequences/engine';
import { stopSequence } from '@/lib/sequences/lifecycle';
import { confirmAnswer, recordAnswer } from '@/lib/surveys/answer';
import { classifyClick } from '@/lib/tracking/classify';
import { recordClick, unsubscribe } from '@/lib/tracking/store';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { createWebhookEndpoint, setWebhookEndpointActive } from '@/lib/webhooks/outgoing/endpoints';
import { WEBHOOK_EVENTS } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { installProcessDb, lastEventId, makeCampaign, rollupThrough } from './support/campaigns';
import { makeContact } from './support/contacts';
import { ctxFor, makeUser } from './support/factories';
import { setupIsolatedDb } from './support/sending';
import { enrolmentsOf, makeSequence, stepSendsOf } from './support/sequences';
import { makeSurvey } from './support/surveys';
import { deliveriesOf, deliveryRow, runDeliveryJob, startReceiver } from './support/webhook-out';

process.env.PULSE_WEBHOOK_ALLOW_PRIVATE = 'true';

const { db } = setupIsolatedDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/**
 * A workspace with four endpoints: `all` (every event), `surveys` (survey.answered only), `off`
 * (every event, disabled). Another workspace has an endpoint of its own for every event.
 */
interface Fixture {
  ctx: WorkspaceCtx;
  all: string;
  surveys: string;
  off: string;
}
let restoreDb: () => void;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let elsewhere: WorkspaceCtx;

async function subscribe(ctx: WorkspaceCtx, events: WebhookEvent[]) {
  return (await createWebhookEndpoint({ ctx, input: { url: receiver.url, events } })).id;
}

async function fixture(ctx?: WorkspaceCtx): Promise<Fixture> {
  if (!ctx) {
    const u = await makeUser(db());
    ctx = await ctxFor(db(), u.user.id, u.workspace.id);
  }
  const all = await subscribe(ctx, [...WEBHOOK_EVENTS]);
  const surveys = await subscribe(ctx, ['survey.answered']);
  const off = await subscribe(ctx, [...WEBHOOK_EVENTS]);
  await setWebhookEndpointActive({ ctx, endpointId: off, active: false });
  return { ctx, all, surveys, off };
}

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  receiver = await startReceiver();
  const u = await makeUser(db(), { workspaceName: 'Elsewhere' });
  elsewhere = await ctxFor(db(), u.user.id, u.workspace.id);
  await subscribe(elsewhere, [...WEBHOOK_EVENTS]);
});
afterAll(async () => {
  await receiver?.close();
  restoreDb?.();
});

const byEvent = (rows: WebhookDelivery[], event: string) => rows.filter((r) => r.event === event);
/** The deliveries of one event: one per subscribed active endpoint, all carrying one event id and body. */
function oneEvent(rows: WebhookDelivery[], f: Fixture, expected: string[]) {
  expect(rows.map((r) => r.endpointId).sort()).toEqual([...expected].sort());
  expect(rows.some((r) => r.endpointId === f.off)).toBe(false);
  expect(new Set(rows.map((r) => r.eventId)).size).toBe(1);
  const body = rows[0].payload as { id: string; type: string; createdAt: string; workspaceId: string; data: Record<string, unknown> };
  for (const r of rows) expect(r.payload).toEqual(body);
  expect(Object.keys(body).sort()).toEqual(['createdAt', 'data', 'id', 'type', 'workspaceId']);
  expect(body).toMatchObject({ id: rows[0].eventId, type: rows[0].event, workspaceId: f.ctx.workspaceId });
  expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  expect(Math.abs(new Date(body.createdAt).getTime() - Date.now())).toBeLessThan(5 * 60_000);
  expect(rows.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
  return body.data;
}

const elsewhereDeliveries = async () => (await deliveriesOf(db(), elsewhere.workspaceId)).length;

describe('survey.answered', () => {
  it('one event per confirmed answer, with the category of lib/metrics; a changed answer emits again; provisional waits', async () => {
    const f = await fixture();
    const before = await elsewhereDeliveries();
    const survey = await makeSurvey(db(), f.ctx.workspaceId);
    const contact = await makeContact(db(), f.ctx.workspaceId);
    const first = await recordAnswer(db(), { survey, channel: 'personal', score: 3, comment: 'Too slow', contactId: contact.id, sendId: 1 });
    let rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'survey.answered');
    expect(oneEvent(rows, f, [f.all, f.surveys])).toEqual({
      surveyId: survey.id,
      kind: 'nps',
      responseId: first.responseId,
      contactId: contact.id,
      score: 3,
      category: 'detractor',
      hasComment: true,
      answeredAt: expect.any(String),
    });

    // A changed answer within the change window: a second event for the same response.
    await recordAnswer(db(), { survey, channel: 'personal', score: 10, contactId: contact.id, sendId: 1 });
    rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'survey.answered');
    expect(rows).toHaveLength(4);
    const second = rows.filter((r) => !rows.slice(0, 2).some((x) => x.id === r.id));
    expect(oneEvent(second, f, [f.all, f.surveys])).toMatchObject({ responseId: first.responseId, score: 10, category: 'promoter', hasComment: true });

    // A provisional mail score emits nothing until it is confirmed.
    const csat = await makeSurvey(db(), f.ctx.workspaceId, { kind: 'csat' });
    const provisional = await recordAnswer(db(), { survey: csat, channel: 'email', score: 1, contactId: contact.id, sendId: 2, status: 'provisional' });
    expect(byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'survey.answered')).toHaveLength(4);
    expect(await confirmAnswer(db(), csat, provisional.responseId)).toBe(true);
    rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'survey.answered').slice(4);
    expect(oneEvent(rows, f, [f.all, f.surveys])).toMatchObject({ kind: 'csat', score: 1, category: 'dissatisfied', hasComment: false, contactId: contact.id });
    expect(await elsewhereDeliveries()).toBe(before);
  });

  it('the anonymous one-statement path emits too (contact null); a replay emits nothing', async () => {
    const f = await fixture();
    const survey = await makeSurvey(db(), f.ctx.workspaceId, { kind: 'csat' });
    const a = await recordAnswer(db(), { survey, channel: 'link', score: 4, browserKey: 'browser-1', submissionId: 'sub-1', comment: 'Nice' });
    expect(a.outcome).toBe('created');
    const replay = await recordAnswer(db(), { survey, channel: 'link', score: 4, browserKey: 'browser-1', submissionId: 'sub-1' });
    expect(replay.outcome).toBe('replayed');
    const rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'survey.answered');
    expect(oneEvent(rows, f, [f.all, f.surveys])).toEqual({
      surveyId: survey.id,
      kind: 'csat',
      responseId: a.responseId,
      contactId: null,
      score: 4,
      category: 'satisfied',
      hasComment: true,
      answeredAt: expect.any(String),
    });
  });
});

describe('contact.unsubscribed', () => {
  it('the unsubscribe link and the preference centre emit once on the flip; a replay emits nothing', async () => {
    const f = await fixture();
    const camp = await makeCampaign(db(), f.ctx.workspaceId, { sends: 2 });
    expect(await unsubscribe(db(), camp.sends[0].id)).not.toBeNull();
    expect(await unsubscribe(db(), camp.sends[0].id)).not.toBeNull();
    await unsubscribe(db(), camp.sends[1].id, 'preferences');
    const rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.unsubscribed');
    expect(rows).toHaveLength(2);
    const [c0] = await db().select().from(contacts).where(eq(contacts.id, camp.sends[0].contactId));
    expect(oneEvent([rows[0]], f, [f.all])).toEqual({ contactId: c0.id, email: c0.email, via: 'link', campaignId: camp.id });
    expect(oneEvent([rows[1]], f, [f.all])).toMatchObject({ contactId: camp.sends[1].contactId, via: 'preferences' });
  });

  it('a team member marking a contact unsubscribed emits once; other status changes emit nothing', async () => {
    const f = await fixture();
    const contact = await makeContact(db(), f.ctx.workspaceId);
    await setContactStatus({ ctx: f.ctx, input: { contactId: contact.id, status: 'bounced' } });
    expect(byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.unsubscribed')).toHaveLength(0);
    await setContactStatus({ ctx: f.ctx, input: { contactId: contact.id, status: 'unsubscribed' } });
    await setContactStatus({ ctx: f.ctx, input: { contactId: contact.id, status: 'unsubscribed' } });
    const rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.unsubscribed');
    expect(oneEvent(rows, f, [f.all])).toEqual({ contactId: contact.id, email: contact.email, via: 'manual' });
  });
});

describe('contact.reactivated and contact.sunset (sequences)', () => {
  it('a survey answer and a click (through the roll-up) reactivate: one event per contact; a sunset emits sunset and unsubscribed', async () => {
    const s = await makeSequence(db(), { contacts: 3 });
    const f = await fixture(s.ctx);
    const [a, b, c] = await enrolmentsOf(db(), s.sequence.id);

    // In the answer's own transaction.
    const survey = await makeSurvey(db(), s.ctx.workspaceId);
    await recordAnswer(db(), { survey, channel: 'personal', score: 9, contactId: a.contactId });
    let rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.reactivated');
    expect(oneEvent(rows, f, [f.all])).toEqual({ contactId: a.contactId, reason: 'survey', reactivatedAt: expect.any(String), enrolments: 1 });

    // A human click on step 1's mail, folded in by the roll-up.
    await runSequencePass(db(), { now: b.nextDueAt!, batchSize: 50 });
    const [send] = await stepSendsOf(db(), b.id);
    const [link] = await db().select().from(campaignLinks).where(eq(campaignLinks.campaignId, send.campaignId));
    expect(await recordClick(db(), send.id, link.id, classifyClick(CHROME))).not.toBeNull();
    await rollupThrough(db(), await lastEventId(db()));
    rows = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.reactivated').slice(1);
    expect(oneEvent(rows, f, [f.all])).toEqual({ contactId: b.contactId, reason: 'click', reactivatedAt: expect.any(String), enrolments: 1 });
    // Only c is left; walking its sequence to the end sunsets it (default action: unsubscribe).
    let now = new Date();
    for (let i = 0; i < 20; i++) {
      const active = (await enrolmentsOf(db(), s.sequence.id)).filter((e) => e.status === 'active');
      if (active.length === 0) break;
      now = new Date(Math.min(...active.map((e) => e.nextDueAt!.getTime())));
      await runSequencePass(db(), { now, batchSize: 50 });
    }
    const sunset = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.sunset');
    expect(oneEvent(sunset, f, [f.all])).toEqual({ contactId: c.contactId, sequenceId: s.sequence.id, action: 'unsubscribe', sunsetAt: now.toISOString() });
    const gone = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.unsubscribed');
    expect(oneEvent(gone, f, [f.all])).toMatchObject({ contactId: c.contactId, via: 'sunset', sequenceId: s.sequence.id });
    expect(byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'contact.reactivated')).toHaveLength(2);
    await stopSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } }).catch(() => undefined);
  });

  it('a rolled-back transaction emits nothing', async () => {
    const s = await makeSequence(db(), { contacts: 1 });
    const f = await fixture(s.ctx);
    const [a] = await enrolmentsOf(db(), s.sequence.id);
    await expect(
      withTransaction(db(), async (tx) => {
        expect(await reactivateContact(tx, { workspaceId: f.ctx.workspaceId, contactId: a.contactId, reason: 'survey', at: new Date() })).toBe(1);
        expect((await deliveriesOf(tx, f.ctx.workspaceId)).length).toBe(1);
        throw new Error('the product action failed after the emission');
      }),
    ).rejects.toThrow('failed after the emission');
    expect(await deliveriesOf(db(), f.ctx.workspaceId)).toEqual([]);
    await stopSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } }).catch(() => undefined);
  });
});

describe('emitWebhookEvent', () => {
  it('queues nothing when nobody subscribes; a queued event is delivered with its body byte for byte', async () => {
    const u = await makeUser(db());
    expect(await emitWebhookEvent(db(), { workspaceId: u.workspace.id, event: 'conversion.recorded', data: { conversionId: 'x' } })).toBe(0);
    const f = await fixture();
    const n = await emitWebhookEvent(db(), { workspaceId: f.ctx.workspaceId, event: 'conversion.recorded', data: { conversionId: 'c1', value: 12.5 } });
    expect(n).toBe(1);
    const [row] = byEvent(await deliveriesOf(db(), f.ctx.workspaceId), 'conversion.recorded');
    expect(oneEvent([row], f, [f.all])).toEqual({ conversionId: 'c1', value: 12.5 });
    const seen = receiver.received.length;
    expect(await runDeliveryJob(db(), row.id)).toBe('done');
    expect(JSON.parse(receiver.received[seen].body)).toEqual(row.payload);
    expect(await deliveryRow(db(), row.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});
