import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { campaigns, campaignSends, contacts, jobs } from '@/lib/db/schema';
import { claimJobs, completeJob, enqueue, failJob, releaseJob, rescheduleJob } from '@/lib/jobs/queue';
import { startWorker } from '@/lib/jobs/worker';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { ctxFor, makeUser } from './support/factories';
import { makeContacts, makeDraft, perRecipient, setupIsolatedDb, statusCounts, useSmtp, waitFor } from './support/sending';
import { startSmtpSink } from './support/smtp';

// Whole workers scan every campaign, so this file has a database of its own.
const { db } = setupIsolatedDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: WorkspaceCtx;
const quiet = { info: () => {}, error: console.error };

beforeAll(async () => {
  delete process.env.SMTP_URL;
  sink = await startSmtpSink();
  const u = await makeUser(db(), { workspaceName: 'Worker' });
  ctx = await ctxFor(db(), u.user.id, u.workspace.id);
  await useSmtp(db(), ctx.workspaceId, sink.port);
});
afterAll(async () => {
  delete process.env.PULSE_AB_WAIT_MINUTES;
  await sink.close();
});
beforeEach(async () => {
  sink.received.length = 0;
  await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.workspaceId, ctx.workspaceId));
});

describe('job queue', () => {
  it('dedupes open keys, hands each job to one claimer, backs off failures, frees the key when done', async () => {
    const kind = 'test.queue';
    const a = await enqueue(db(), { kind, key: 'k1', payload: { n: 1 } });
    expect(a).toEqual(expect.any(Number));
    expect(await enqueue(db(), { kind, key: 'k1', payload: { n: 2 } })).toBeNull();
    await enqueue(db(), { kind, key: 'k2' });
    await enqueue(db(), { kind, runAt: new Date(Date.now() + 3_600_000) }); // not due

    const [x, y] = await Promise.all([claimJobs(db(), { workerId: 'w1', kinds: [kind] }), claimJobs(db(), { workerId: 'w2', kinds: [kind] })]);
    expect(x).toHaveLength(1);
    expect(y).toHaveLength(1);
    expect(x[0].id).not.toBe(y[0].id);
    expect(await claimJobs(db(), { workerId: 'w3', kinds: [kind] })).toEqual([]);

    const first = x[0].key === 'k1' ? x[0] : y[0];
    const second = first === x[0] ? y[0] : x[0];
    expect(first.payload).toEqual({ n: 1 });
    expect(await failJob(db(), first, new Error('boom'))).toBe('retry');
    const [failed] = await db().select().from(jobs).where(eq(jobs.id, first.id));
    expect(failed).toMatchObject({ attempts: 1, lastError: 'boom', lockedBy: null, doneAt: null });
    expect(failed.runAt.getTime()).toBeGreaterThan(Date.now() + 10_000);

    await rescheduleJob(db(), second, new Date(Date.now() - 1000));
    const [again] = await claimJobs(db(), { workerId: 'w1', kinds: [kind] });
    expect(again).toMatchObject({ id: second.id, attempts: 1 });
    await completeJob(db(), again);
    expect(await enqueue(db(), { kind, key: 'k2' })).toEqual(expect.any(Number));

    // Out of attempts: closed for good, with the error kept, and the key free again.
    await db().update(jobs).set({ runAt: new Date(Date.now() - 1000), attempts: 7 }).where(eq(jobs.id, first.id));
    const [last] = await claimJobs(db(), { workerId: 'w1', kinds: [kind] });
    expect(await failJob(db(), last, new Error('still boom'))).toBe('dead');
    const [dead] = await db().select().from(jobs).where(eq(jobs.id, first.id));
    expect(dead.doneAt).toBeInstanceOf(Date);
    expect(await enqueue(db(), { kind, key: 'k1' })).toEqual(expect.any(Number));
  });

  it('a job given back on a graceful stop is claimable at once, its attempt not counted', async () => {
    const kind = 'test.release';
    const jobId = await enqueue(db(), { kind });
    const [claimed] = await claimJobs(db(), { workerId: 'stopping', kinds: [kind] });
    expect(claimed).toMatchObject({ id: jobId, attempts: 1 });
    expect(await claimJobs(db(), { workerId: 'other', kinds: [kind] })).toEqual([]);
    await releaseJob(db(), claimed);
    const [again] = await claimJobs(db(), { workerId: 'other', kinds: [kind] });
    expect(again).toMatchObject({ id: jobId, attempts: 1, lockedBy: 'other' });
    await completeJob(db(), again);
  });
});

describe('startWorker', () => {
  it('starts a due scheduled A/B campaign, sends the test phase, picks the winner, sends the rest, finishes', async () => {
    process.env.PULSE_AB_WAIT_MINUTES = '0.05';
    const people = await makeContacts(db(), ctx.workspaceId, 40);
    const due = await makeDraft(db(), ctx.workspaceId, {
      status: 'scheduled',
      scheduledAt: new Date(Date.now() - 1000),
      abTest: { variable: 'subject', variants: [{ key: 'A', value: 'Alpha' }, { key: 'B', value: 'Beta' }], testPct: 50, metric: 'open', sendWinnerToRest: true },
    });
    const later = await makeDraft(db(), ctx.workspaceId, { status: 'scheduled', scheduledAt: new Date(Date.now() + 3_600_000) });
    const worker = startWorker({ db: db(), id: 'w-sched', pollMs: 50, maintenanceMs: 100, send: { rate: 0 }, log: quiet });
    try {
      await waitFor(async () => (await db().select().from(campaigns).where(eq(campaigns.id, due.id)))[0].status === 'sent', 'campaign sent');
    } finally {
      await worker.stop();
    }
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, due.id));
    expect(after.winnerKey).toBe('A'); // no opens: tie → the control
    expect([...perRecipient(sink.received).entries()].sort()).toEqual(people.map((p) => [p.email, 1]).sort());
    expect(await statusCounts(db(), due.id)).toEqual({ sent: 40 });
    expect((await db().select().from(campaigns).where(eq(campaigns.id, later.id)))[0].status).toBe('scheduled');
    const open = await db().select().from(jobs).where(inArray(jobs.kind, ['campaign.start', 'campaign.ab-winner']));
    expect(open.every((j) => j.doneAt !== null && j.lastError === null)).toBe(true);
  });

  it('a graceful stop mid-campaign leaves nothing attempting or claimed; a new worker finishes, each contact once', async () => {
    const people = await makeContacts(db(), ctx.workspaceId, 40);
    const campaign = await makeDraft(db(), ctx.workspaceId, { status: 'scheduled', scheduledAt: new Date() });
    const first = startWorker({ db: db(), id: 'w-first', pollMs: 50, maintenanceMs: 100, concurrency: 3, send: { rate: 25 }, log: quiet });
    await waitFor(() => sink.received.length >= 8, 'first mails');
    await first.stop();
    const mid = await statusCounts(db(), campaign.id);
    expect(mid.attempting ?? 0).toBe(0);
    expect(mid.claimed ?? 0).toBe(0);
    expect(mid.unknown ?? 0).toBe(0);
    expect(mid.sent).toBe(sink.received.length);
    expect(mid.pending).toBeGreaterThan(0);

    const second = startWorker({ db: db(), id: 'w-second', pollMs: 50, maintenanceMs: 100, send: { rate: 0 }, log: quiet });
    try {
      await waitFor(async () => (await db().select().from(campaigns).where(eq(campaigns.id, campaign.id)))[0].status === 'sent', 'campaign sent');
    } finally {
      await second.stop();
    }
    expect([...perRecipient(sink.received).entries()].sort()).toEqual(people.map((p) => [p.email, 1]).sort());
    const rows = await db().select().from(campaignSends).where(eq(campaignSends.campaignId, campaign.id));
    const by = new Set(rows.map((r) => r.claimedBy?.split('#')[0]));
    expect(by).toEqual(new Set(['w-first', 'w-second']));
  });
});
