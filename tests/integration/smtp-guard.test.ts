import net, { type AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCampaign } from '@/lib/campaigns/start';
import { sendingSettings } from '@/lib/db/schema';
import { sendTestEmail, updateSending } from '@/lib/workspaces/sending';
import { sendingSettingsSchema } from '@/lib/db/schema/workspaces/validation';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser, uniqueEmail } from './support/factories';
import { mailById } from './support/mail';
import { deliverAll, makeContacts, makeDraft, statusCounts } from './support/sending';
import { closedPort, startSmtpSink } from './support/smtp';

const db = setupTestDb();

/** A TCP listener that counts connections; `banner` is written on connect (null: never answers). */
async function listener(banner: string | null) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('error', () => {});
    if (banner) s.end(banner);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ssh: Awaited<ReturnType<typeof listener>>;
let silent: Awaited<ReturnType<typeof listener>>;
let closed: number;
let ctx: WorkspaceCtx;
const SSH_BANNER = 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n';

beforeAll(async () => {
  sink = await startSmtpSink();
  ssh = await listener(SSH_BANNER);
  silent = await listener(null);
  closed = await closedPort();
  const owner = await makeUser(db(), { workspaceName: 'SMTP guard' });
  ctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
});
afterAll(async () => {
  await Promise.all([sink?.close(), ssh?.close(), silent?.close()]);
});

const allowed = process.env.PULSE_SMTP_ALLOW_PRIVATE;
afterEach(() => {
  process.env.PULSE_SMTP_ALLOW_PRIVATE = allowed;
});

/** Settings as they may be stored: saved before the guard existed, or a name that resolved elsewhere then. */
async function storeSmtp(host: string, port: number) {
  await db().delete(sendingSettings).where(eq(sendingSettings.workspaceId, ctx.workspaceId));
  await db().insert(sendingSettings).values({ workspaceId: ctx.workspaceId, fromEmail: 'news@roasters.example', smtpHost: host, smtpPort: port, smtpSecure: false });
}

const SPELLINGS = ['127.0.0.1', 'localhost', '2130706433', '0x7f000001', '0177.0.0.1', '127.1'];

describe('without PULSE_SMTP_ALLOW_PRIVATE', () => {
  it('refuses private hosts in every spelling when saving', async () => {
    delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    for (const host of [...SPELLINGS, '10.0.0.5', '169.254.169.254', '100.64.1.1', '0']) {
      const input = sendingSettingsSchema.parse({ smtpHost: host, smtpPort: '25' });
      await expectAppError(updateSending({ ctx, input }), 'VALIDATION', 'smtpHostPrivate');
    }
  });

  it('open, closed, silent and SSH ports all answer the same word, and nothing is connected to', async () => {
    delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    const answers = new Set<string>();
    const before = { sink: sink.received.length, ssh: ssh.connections(), silent: silent.connections() };
    for (const host of SPELLINGS) {
      for (const port of [sink.port, ssh.port, silent.port, closed]) {
        await storeSmtp(host, port);
        const result = await sendTestEmail({ ctx, input: { to: uniqueEmail('probe') } });
        const row = await mailById(db(), result.id);
        answers.add(JSON.stringify({ status: result.status, error: result.error, stored: row.error }));
      }
    }
    expect([...answers]).toEqual([JSON.stringify({ status: 'failed', error: 'blocked', stored: 'blocked' })]);
    expect({ sink: sink.received.length, ssh: ssh.connections(), silent: silent.connections() }).toEqual(before);
  });

  it('campaign sending does not connect either: rows stay pending', async () => {
    delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    await makeContacts(db(), ctx.workspaceId, 3);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    await storeSmtp('localhost', sink.port);
    const before = sink.received.length;
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 0, failed: 0, unreachable: true });
    expect(sink.received.length).toBe(before);
    expect((await statusCounts(db(), campaign.id)).pending).toBeGreaterThanOrEqual(3);

    process.env.PULSE_SMTP_ALLOW_PRIVATE = 'true';
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ finished: true });
    expect(sink.received.length).toBeGreaterThan(before);
  });
});

describe('with PULSE_SMTP_ALLOW_PRIVATE=true', () => {
  it('saves and sends to a local server', async () => {
    process.env.PULSE_SMTP_ALLOW_PRIVATE = 'true';
    await updateSending({ ctx, input: sendingSettingsSchema.parse({ smtpHost: 'localhost', smtpPort: String(sink.port) }) });
    const before = sink.received.length;
    expect(await sendTestEmail({ ctx, input: { to: uniqueEmail('ok') } })).toMatchObject({ status: 'sent', transport: 'smtp' });
    expect(sink.received.length).toBe(before + 1);
  });

  it('says what is wrong in words and never echoes what the remote host answered', async () => {
    process.env.PULSE_SMTP_ALLOW_PRIVATE = 'true';
    await storeSmtp('127.0.0.1', ssh.port);
    const banner = await sendTestEmail({ ctx, input: { to: uniqueEmail('ssh') } });
    expect(banner).toMatchObject({ status: 'failed', error: 'notSmtp' });
    expect(JSON.stringify(await mailById(db(), banner.id))).not.toContain('SSH');

    await storeSmtp('127.0.0.1', closed);
    expect(await sendTestEmail({ ctx, input: { to: uniqueEmail('closed') } })).toMatchObject({ status: 'failed', error: 'refused' });
    await storeSmtp('no-such-host.invalid', 25);
    expect(await sendTestEmail({ ctx, input: { to: uniqueEmail('dns') } })).toMatchObject({ status: 'failed', error: 'hostNotFound' });
  });
});
