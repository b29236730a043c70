import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recoverStaleSends } from '@/lib/campaigns/claims';
import { startCampaign } from '@/lib/campaigns/start';
import { campaigns, campaignSends, contacts } from '@/lib/db/schema';
import { startWorker } from '@/lib/jobs/worker';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { testDriver } from './support/driver';
import { ctxFor, makeUser } from './support/factories';
import { makeContacts, makeDraft, perRecipient, setupIsolatedDb, startSlowSink, statusCounts, useSmtp, waitFor } from './support/sending';
import { startSmtpSink } from './support/smtp';

/**
 * Several workers and real crashes: Postgres only (PGlite is one connection in one process).
 * The crash is a SIGKILL of a worker in a child process while it talks to a real SMTP listener.
 */
const postgresOnly = testDriver() !== 'postgres';
const { db, url, open } = setupIsolatedDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: WorkspaceCtx;
const quiet = { info: () => {}, error: console.error };
const CONCURRENCY = 4;

describe.skipIf(postgresOnly)('workers on one Postgres', () => {
  beforeAll(async () => {
    delete process.env.SMTP_URL;
    sink = await startSmtpSink();
    const u = await makeUser(db(), { workspaceName: 'Crash' });
    ctx = await ctxFor(db(), u.user.id, u.workspace.id);
    await useSmtp(db(), ctx.workspaceId, sink.port);
  });
  afterAll(async () => {
    await sink?.close();
  });
  beforeEach(async () => {
    sink.received.length = 0;
    await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.workspaceId, ctx.workspaceId));
  });

  const campaignStatus = async (id: string) => (await db().select().from(campaigns).where(eq(campaigns.id, id)))[0].status;

  async function sendingCampaign(n: number) {
    const people = await makeContacts(db(), ctx.workspaceId, n);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    return { people, campaign };
  }

  function spawnWorker(id: string, rate: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'integration', 'support', 'send-worker.ts')], {
      cwd: process.cwd(),
      env: { ...process.env, WORKER_DATABASE_URL: url(), WORKER_ID: id, PULSE_SEND_RATE: String(rate), PULSE_SEND_CONCURRENCY: String(CONCURRENCY) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });
  }
  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => resolve({ code, signal }));
    });

  /** A worker in this process (its own pool, as another machine would have) until the campaign is sent. */
  async function finishWith(campaignId: string, id: string) {
    const handle = open();
    const worker = startWorker({ db: handle.db, id, pollMs: 50, maintenanceMs: 600_000, send: { rate: 0 }, log: quiet });
    try {
      await waitFor(async () => (await campaignStatus(campaignId)) === 'sent', 'campaign sent');
    } finally {
      await worker.stop();
    }
  }

  it('two workers at once: every recipient exactly once, and both did part of the work', async () => {
    // 60/s each → claims of 120 rows (two seconds' worth): three claims to share out.
    const { people, campaign } = await sendingCampaign(300);
    const [h1, h2] = [open(), open()];
    const workers = [h1, h2].map((h, i) =>
      startWorker({ db: h.db, id: `twin-${i}`, pollMs: 20, maintenanceMs: 600_000, concurrency: 4, send: { rate: 60 }, log: quiet }),
    );
    try {
      await waitFor(async () => (await campaignStatus(campaign.id)) === 'sent', 'campaign sent');
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const counts = perRecipient(sink.received);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(counts.keys())).toEqual(new Set(people.map((p) => p.email)));
    const rows = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    const share = (w: string) => rows.filter((r) => r.claimedBy?.startsWith(`${w}#`)).length;
    expect(share('twin-0') + share('twin-1')).toBe(300);
    expect(share('twin-0')).toBeGreaterThan(0);
    expect(share('twin-1')).toBeGreaterThan(0);
  });

  it('SIGKILL mid-campaign, recovery, a new worker: nobody gets two mails, unknown ≤ in-flight', async () => {
    // The listener holds each 250 reply for 150 ms, so about CONCURRENCY mails are in flight at the kill.
    const slow = await startSlowSink(150);
    await useSmtp(db(), ctx.workspaceId, slow.port);
    const { people, campaign } = await sendingCampaign(80);
    const child = await spawnWorker('doomed', 40);
    await waitFor(() => slow.received.length >= 20, 'first mails');
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');

    const atCrash = await statusCounts(db(), campaign.id);
    expect(atCrash.attempting).toBeGreaterThan(0); // the kill did catch mails in flight
    expect(atCrash.attempting).toBeLessThanOrEqual(CONCURRENCY);
    expect((atCrash.pending ?? 0) + (atCrash.claimed ?? 0)).toBeGreaterThan(0); // killed mid-campaign
    // The dead worker's lease has not expired yet: nothing is touched before that.
    expect(await recoverStaleSends(db(), { leaseMs: 3_600_000, campaignId: campaign.id })).toEqual({ requeued: 0, unknown: 0 });
    const recovered = await recoverStaleSends(db(), { leaseMs: 0, campaignId: campaign.id });
    expect(recovered.unknown).toBe(atCrash.attempting ?? 0);
    expect(recovered.requeued).toBe(atCrash.claimed ?? 0);

    await finishWith(campaign.id, 'rescuer');
    await waitFor(() => slow.parsing === 0, 'mails cut off by the kill to be parsed');
    await slow.close();
    await useSmtp(db(), ctx.workspaceId, sink.port);

    const counts = perRecipient(slow.received);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const rows = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    expect(rows.every((r) => r.status === 'sent' || r.status === 'unknown')).toBe(true);
    const unknown = rows.filter((r) => r.status === 'unknown');
    expect(unknown.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const r of rows.filter((r) => r.status === 'sent')) expect(counts.get(r.email)).toBe(1);
    // Everyone else got exactly one mail; an unknown row got one or none.
    expect(counts.size).toBeGreaterThanOrEqual(people.length - unknown.length);
    expect(rows.filter((r) => r.claimedBy?.startsWith('rescuer#')).length).toBeGreaterThan(0);
  });

  it('SIGTERM mid-campaign: the worker drains and exits; after a restart every contact has exactly one mail, zero unknown', async () => {
    // Slow replies again: SIGTERM arrives with mails in flight, which must finish and be recorded.
    const slow = await startSlowSink(150);
    await useSmtp(db(), ctx.workspaceId, slow.port);
    const { people, campaign } = await sendingCampaign(80);
    const child = await spawnWorker('polite', 40);
    await waitFor(() => slow.received.length >= 20, 'first mails');
    child.kill('SIGTERM');
    expect((await exited(child)).code).toBe(0);

    const atStop = await statusCounts(db(), campaign.id);
    expect(atStop.attempting ?? 0).toBe(0);
    expect(atStop.claimed ?? 0).toBe(0);
    expect(atStop.sent).toBe(slow.received.length);
    expect(atStop.pending).toBeGreaterThan(0);

    await finishWith(campaign.id, 'restart');
    await slow.close();
    await useSmtp(db(), ctx.workspaceId, sink.port);
    expect([...perRecipient(slow.received).entries()].sort()).toEqual(people.map((p) => [p.email, 1]).sort());
    expect(await statusCounts(db(), campaign.id)).toEqual({ sent: 80 });
  });
});
