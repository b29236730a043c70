import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/v1/webhooks/esp/[workspaceId]/route';
import { campaignSends, campaignStats, contacts, events } from '@/lib/db/schema';
import { applyEspEvents, parseEspPayload, parseMessageId } from '@/lib/webhooks/esp';
import { getWebhookSecret } from '@/lib/webhooks/secret';
import { campaignEvents, installProcessDb, lastEventId, makeCampaign, rollupThrough, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

let restoreDb: () => void;
let wsA: string;
let wsB: string;
let camp: MadeCampaign;
let emails: string[];
/** Each workspace's webhook secret, as an admin reads it in Settings. */
const secrets: Record<string, string> = {};
const webhookSecret = (workspaceId: string) => secrets[workspaceId] ?? 'no-secret-for-this-workspace';

const msgId = (c: MadeCampaign, i: number) => `<pulse.${c.id}.${c.sends[i].id}@mail.example.test>`;

async function statusOf(id: string) {
  const [row] = await db().select({ status: contacts.status }).from(contacts).where(eq(contacts.id, id));
  return row.status;
}

async function statusByEmail(workspaceId: string, email: string) {
  const [row] = await db()
    .select({ status: contacts.status })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, email)));
  return row?.status;
}

function post(workspaceId: string, body: string | object, opts: { secret?: string | null; query?: string; headers?: Record<string, string> } = {}) {
  const secret = opts.secret === undefined ? webhookSecret(workspaceId) : opts.secret;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (secret !== null) headers.authorization = `Bearer ${secret}`;
  const request = new Request(`http://pulse.test/api/v1/webhooks/esp/${workspaceId}${opts.query ?? ''}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ workspaceId }) });
}

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  const a = await makeUser(db(), { workspaceName: 'Webhooks A' });
  const b = await makeUser(db(), { workspaceName: 'Webhooks B' });
  wsA = a.workspace.id;
  wsB = b.workspace.id;
  secrets[wsA] = (await getWebhookSecret(await ctxFor(db(), a.user.id, wsA))).secret;
  secrets[wsB] = (await getWebhookSecret(await ctxFor(db(), b.user.id, wsB))).secret;
  camp = await makeCampaign(db(), wsA, { sends: 6 });
  const rows = await db()
    .select({ id: campaignSends.id, email: campaignSends.email })
    .from(campaignSends)
    .where(inArray(campaignSends.id, camp.sends.map((s) => s.id)));
  const byId = new Map(rows.map((r) => [r.id, r.email]));
  emails = camp.sends.map((s) => byId.get(s.id)!);
  // The same addresses as contacts of workspace B: they must never be touched by A's webhook.
  await db().insert(contacts).values(emails.map((email) => ({ workspaceId: wsB, email })));
  // Contact 3 unsubscribed, contact 4 already bounced.
  await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.id, camp.sends[3].contactId));
  await db().update(contacts).set({ status: 'bounced' }).where(eq(contacts.id, camp.sends[4].contactId));
});

afterAll(() => restoreDb?.());

describe('parsing', () => {
  it('reads Pulse Message-IDs back to the campaign and send', () => {
    expect(parseMessageId(`<pulse.${camp.id}.42@x.example>`)).toEqual({ campaignId: camp.id, sendId: 42 });
    expect(parseMessageId(`pulse.${camp.id}.7@x.example`)).toEqual({ campaignId: camp.id, sendId: 7 });
    for (const bad of ['<14c5d75ce93.dfd.64b469@ismtpd-555>', `<pulse.${camp.id}.x@y>`, '', null, `<pulse.not-a-uuid.1@y>`]) {
      expect(parseMessageId(bad)).toBeNull();
    }
  });

  it('keeps bounces and complaints, counts the rest as ignored', () => {
    const sg = parseEspPayload([
      { email: 'a@x.test', event: 'bounce', timestamp: 1_700_000_000 },
      { email: 'a@x.test', event: 'bounce', type: 'blocked' },
      { email: 'a@x.test', event: 'dropped', reason: 'Bounced Address' },
      { email: 'a@x.test', event: 'dropped', reason: 'Unsubscribed Address' },
      { email: 'a@x.test', event: 'spamreport' },
      { email: 'a@x.test', event: 'open' },
    ]);
    expect(sg.provider).toBe('sendgrid');
    expect(sg.events.map((e) => e.type)).toEqual(['bounce', 'bounce', 'complaint']);
    expect(sg.ignored).toBe(3);
    expect(parseEspPayload({ RecordType: 'Bounce', Type: 'SoftBounce', Email: 'a@x.test' }).ignored).toBe(1);
    expect(parseEspPayload({ RecordType: 'Delivery', Email: 'a@x.test' }).ignored).toBe(1);
    expect(() => parseEspPayload({ hello: 1 })).toThrow(/unrecognised/);
    expect(() => parseEspPayload({ events: [{ type: 'bounce' }] })).toThrow(/generic/);
  });
});

describe('applying events', () => {
  it('SendGrid bounce: bounces the contact of this workspace and records the event on the send', async () => {
    const res = await post(wsA, [
      { email: emails[0].toUpperCase(), event: 'bounce', 'smtp-id': msgId(camp, 0), sg_message_id: 'sg.1', timestamp: Math.floor(Date.now() / 1000) - 60 },
      { email: emails[0], event: 'delivered', timestamp: Math.floor(Date.now() / 1000) },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ provider: 'sendgrid', applied: 1, ignored: 1, unknownContacts: 0, recorded: 1 });
    expect(await statusOf(camp.sends[0].contactId)).toBe('bounced');
    expect(await statusByEmail(wsB, emails[0])).toBe('subscribed');
    const rows = (await campaignEvents(db(), camp.id)).filter((e) => e.sendId === camp.sends[0].id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'bounce', workspaceId: wsA, campaignId: camp.id, contactId: camp.sends[0].contactId });
  });

  it('Postmark complaint: complained wins, also over bounced', async () => {
    const res = await post(
      wsA,
      { RecordType: 'SpamComplaint', Email: emails[4], MessageID: msgId(camp, 4), BouncedAt: new Date().toISOString() },
      { query: '?provider=postmark' },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: 1, recorded: 1, unknownContacts: 0 });
    expect(await statusOf(camp.sends[4].contactId)).toBe('complained');
    expect(await statusByEmail(wsB, emails[4])).toBe('subscribed');
    const rows = (await campaignEvents(db(), camp.id)).filter((e) => e.sendId === camp.sends[4].id);
    expect(rows.map((e) => e.type)).toEqual(['complaint']);
  });

  it('generic events, unsubscribed → bounced, never back from complained', async () => {
    const res = await post(
      wsA,
      {
        events: [
          { type: 'bounce', email: emails[3], messageId: msgId(camp, 3), occurredAt: new Date().toISOString() },
          { type: 'complaint', email: emails[1], messageId: msgId(camp, 1) },
          { type: 'bounce', email: emails[4] },
          { type: 'bounce', email: 'nobody@example.test' },
          { type: 'delivered', email: emails[2] },
        ],
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ provider: 'generic', applied: 3, ignored: 1, unknownContacts: 1, recorded: 3 });
    expect(await statusOf(camp.sends[3].contactId)).toBe('bounced');
    expect(await statusOf(camp.sends[1].contactId)).toBe('complained');
    expect(await statusOf(camp.sends[4].contactId)).toBe('complained');
    expect(await statusOf(camp.sends[2].contactId)).toBe('subscribed');
    for (const e of emails) expect(await statusByEmail(wsB, e)).toBe('subscribed');
    // The bounce without a Message-ID is kept for the contact but belongs to no campaign.
    const loose = await db().select().from(events).where(and(eq(events.contactId, camp.sends[4].contactId), eq(events.type, 'bounce')));
    expect(loose).toHaveLength(1);
    expect(loose[0]).toMatchObject({ campaignId: null, sendId: null, workspaceId: wsA });
  });

  it('a Message-ID of a send in another workspace or to another contact is not attributed', async () => {
    const foreign = await makeCampaign(db(), wsB, { sends: 1 });
    const before = (await campaignEvents(db(), foreign.id)).length;
    const result = await applyEspEvents(
      db(),
      wsA,
      parseEspPayload({ events: [{ type: 'complaint', email: emails[5], messageId: msgId(foreign, 0) }, { type: 'complaint', email: emails[5], messageId: msgId(camp, 2) }] }),
    );
    // Both complaints land on contact 5 without a send, in the same minute: the second is a replay.
    expect(result).toMatchObject({ applied: 2, recorded: 1 });
    expect(await campaignEvents(db(), foreign.id)).toHaveLength(before);
    expect((await campaignEvents(db(), camp.id)).filter((e) => e.sendId === camp.sends[2].id)).toHaveLength(0);
    expect(await statusOf(camp.sends[5].contactId)).toBe('complained');
  });

  it('replays add nothing', async () => {
    const before = (await campaignEvents(db(), camp.id)).length;
    const workspaceEvents = (await db().select({ id: events.id }).from(events).where(eq(events.workspaceId, wsA))).length;
    const at = new Date(Date.now() - 120_000).toISOString();
    const body = { events: [{ type: 'bounce', email: emails[0], messageId: msgId(camp, 0) }, { type: 'bounce', email: emails[2], occurredAt: at }] };
    const first = await post(wsA, body);
    expect(await first.json()).toMatchObject({ applied: 2, recorded: 1 });
    const again = await post(wsA, body);
    expect(await again.json()).toMatchObject({ applied: 2, recorded: 0 });
    const sg = [{ email: emails[0], event: 'bounce', 'smtp-id': msgId(camp, 0), timestamp: Math.floor(Date.now() / 1000) }];
    expect(await (await post(wsA, sg)).json()).toMatchObject({ recorded: 0 });
    expect(await campaignEvents(db(), camp.id)).toHaveLength(before);
    expect((await db().select({ id: events.id }).from(events).where(eq(events.workspaceId, wsA))).length).toBe(workspaceEvents + 1);
  });

  it('the roll-up counts the attributed bounces and complaints for the campaign', async () => {
    await rollupThrough(db(), await lastEventId(db()));
    const [stats] = await db().select().from(campaignStats).where(eq(campaignStats.campaignId, camp.id));
    // Bounces on sends 0 and 3; complaints on sends 4 and 1.
    expect(stats).toMatchObject({ bounces: 2, complaints: 2 });
  });
});

describe('route handler', () => {
  it('401 on a missing or wrong secret, or the secret of another workspace', async () => {
    for (const secret of [null, 'wrong', webhookSecret(wsB)]) {
      const res = await post(wsA, { events: [] }, { secret });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('401 for an unknown workspace, alike to a wrong secret (ids cannot be probed)', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await post(id, { events: [] }, { secret: secrets[wsA] });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toEqual({ code: 'UNAUTHORIZED', messageKey: 'webhookSecret', params: {} });
    }
  });

  it('400 on garbage JSON, a wrong shape, a shape that is not the named provider, or an unknown provider', async () => {
    const cases: [string | object, string?][] = [
      ['{not json', undefined],
      [{ hello: 'world' }, undefined],
      [{ events: [{ type: 'bounce', email: 42 }] }, undefined],
      [{ events: 'nope' }, undefined],
      [{ events: [] }, '?provider=sendgrid'],
      [[], '?provider=mailchimp'],
    ];
    for (const [body, query] of cases) {
      const res = await post(wsA, body, { query });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe('VALIDATION');
      expect(json.error.messageKey).toMatch(/^(bodyNotJson|webhookPayload|webhookProvider)$/);
    }
  });

  it('413 on a body over 1 MB, declared or not, and on too many events', async () => {
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(1024 * 1024) });
    expect((await post(wsA, big)).status).toBe(413);
    expect((await post(wsA, '{}', { headers: { 'content-length': String(5 * 1024 * 1024) } })).status).toBe(413);
    const many = { events: Array.from({ length: 1001 }, (_, i) => ({ type: 'bounce', email: `n${i}@x.test` })) };
    expect((await post(wsA, many)).status).toBe(413);
  });

  it('200 with counts, and nothing changes for an empty batch', async () => {
    const res = await post(wsA, { events: [] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ provider: 'generic', applied: 0, ignored: 0, unknownContacts: 0, recorded: 0 });
  });

  it('500 without leaking details when the database fails', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const restore = installProcessDb({} as never);
    try {
      const res = await post(wsA, { events: [] });
      expect(res.status).toBe(500);
      expect((await res.json()).error).toMatchObject({ code: 'INTERNAL' });
    } finally {
      restore();
      spy.mockRestore();
    }
  });
});
