import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '@/lib/campaigns/manage';
import { sendTestCampaign } from '@/lib/campaigns/preview';
import { startCampaign } from '@/lib/campaigns/start';
import { sendingSettings } from '@/lib/db/schema';
import { campaignDraftSchema } from '@/lib/db/schema/campaigns/validation';
import { sendTestEmail } from '@/lib/workspaces/sending';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser, uniqueEmail } from './support/factories';
import { BLOCKS, deliverAll, makeContacts, makeDraft } from './support/sending';
import { startSmtpSink, type ReceivedMail } from './support/smtp';

const db = setupTestDb();
let relay: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: WorkspaceCtx;
const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM, PULSE_ALLOWED_FROM_DOMAINS: process.env.PULSE_ALLOWED_FROM_DOMAINS };

beforeAll(async () => {
  relay = await startSmtpSink();
  // The operator's relay: every workspace without SMTP settings of its own sends through it.
  process.env.SMTP_URL = `smtp://127.0.0.1:${relay.port}`;
  process.env.MAIL_FROM = 'Pulse <mailer@pulse-operator.test>';
  const owner = await makeUser(db(), { workspaceName: 'Roasters & Co' });
  ctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await relay?.close();
});
beforeEach(() => {
  delete process.env.PULSE_ALLOWED_FROM_DOMAINS;
});

async function identity(fromEmail: string, replyTo: string | null = null, fromName = 'PayPal Security') {
  await db().delete(sendingSettings).where(eq(sendingSettings.workspaceId, ctx.workspaceId));
  await db().insert(sendingSettings).values({ workspaceId: ctx.workspaceId, fromName, fromEmail, replyTo });
}

const header = (m: ReceivedMail) => ({
  from: m.parsed.from?.value[0],
  replyTo: m.parsed.replyTo?.value.map((v) => v.address?.toLowerCase()),
  envelopeFrom: m.envelope.from,
});

describe('From through the operator relay (SMTP_URL)', () => {
  it('a domain the operator did not allow goes out from MAIL_FROM, named after the workspace, replies to the workspace', async () => {
    for (const spoof of ['security@paypal.com', 'ceo@PULSE-OPERATOR.test.evil.test', 'x@sub.pulse-operator.test']) {
      await identity(spoof);
      const before = relay.received.length;
      expect(await sendTestEmail({ ctx, input: { to: uniqueEmail('t') } })).toMatchObject({ status: 'sent', transport: 'smtp' });
      expect(relay.received.length).toBe(before + 1);
      expect(header(relay.received.at(-1)!)).toEqual({
        from: { address: 'mailer@pulse-operator.test', name: 'Roasters & Co' },
        replyTo: [spoof.toLowerCase()],
        envelopeFrom: 'mailer@pulse-operator.test',
      });
    }
  });

  it('an explicit Reply-To is kept; the display name cannot carry an address', async () => {
    await identity('security@paypal.com', 'help@roasters.example');
    await sendTestEmail({ ctx, input: { to: uniqueEmail('t') } });
    expect(header(relay.received.at(-1)!)).toMatchObject({ from: { address: 'mailer@pulse-operator.test', name: 'Roasters & Co' }, replyTo: ['help@roasters.example'] });
  });

  it('a domain in PULSE_ALLOWED_FROM_DOMAINS keeps the workspace From (exact domain, any case)', async () => {
    process.env.PULSE_ALLOWED_FROM_DOMAINS = 'roasters.example, other.example';
    await identity('News@Roasters.Example', null, 'Roasters <news@paypal.com>');
    await sendTestEmail({ ctx, input: { to: uniqueEmail('t') } });
    expect(header(relay.received.at(-1)!).from).toEqual({ address: expect.stringMatching(/^news@roasters\.example$/i), name: 'Roasters news paypal.com' });
    await identity('news@shop.roasters.example');
    await sendTestEmail({ ctx, input: { to: uniqueEmail('t') } });
    expect(header(relay.received.at(-1)!).from?.address).toBe('mailer@pulse-operator.test');
  });

  it('campaign mail through the relay follows the same rule', async () => {
    await identity('security@paypal.com');
    const people = await makeContacts(db(), ctx.workspaceId, 3);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    const before = relay.received.length;
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: people.length, finished: true });
    const mails = relay.received.slice(before);
    expect(mails).toHaveLength(3);
    for (const m of mails) expect(header(m)).toEqual({ from: { address: 'mailer@pulse-operator.test', name: 'Roasters & Co' }, replyTo: ['security@paypal.com'], envelopeFrom: 'mailer@pulse-operator.test' });
  });
});

describe('campaign test sends', () => {
  it('go to members of the workspace only', async () => {
    const c = await createCampaign({ ctx, input: campaignDraftSchema.parse({ name: 'Spring', category: 'promotional', audienceKind: 'b2c', subject: 'Hi', previewText: 'Beans', blocks: BLOCKS, audience: { type: 'all' } }) });
    const member = await addMember(db(), ctx.workspaceId, 'viewer');
    const outsider = await makeUser(db());
    const before = relay.received.length;
    for (const to of ['victim@example.com', outsider.user.email, uniqueEmail('stranger')]) {
      await expectAppError(sendTestCampaign({ ctx, input: { campaignId: c.id, to } }), 'VALIDATION', 'testRecipientNotMember');
    }
    expect(relay.received.length).toBe(before);
    expect(await sendTestCampaign({ ctx, input: { campaignId: c.id, to: member.email.toUpperCase() } })).toMatchObject({ status: 'sent' });
    expect(await sendTestCampaign({ ctx, input: { campaignId: c.id } })).toMatchObject({ status: 'sent' });
    expect(relay.received.slice(before).map((m) => m.envelope.to[0].toLowerCase())).toEqual([member.email.toLowerCase(), expect.any(String)]);
  });
});
