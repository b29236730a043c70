import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverStaleSends } from '@/lib/campaigns/claims';
import { campaignSends, mailMessages, sequenceEnrolments } from '@/lib/db/schema';
import { advanceTestClock, sequenceNow } from '@/lib/sequences/clock';
import { testDriver } from './support/driver';
import { setupIsolatedDb, waitFor } from './support/sending';
import { enrolmentsOf, makeSequence } from './support/sequences';

/**
 * A worker killed in the middle of the engine's pass: Postgres only (the worker is a child process
 * on its own connections). The step mails go to the outbox (no SMTP configured), where delivery is
 * exactly-once, so every mail in it is one the engine queued: the count per contact and step shows
 * any duplicate or skip of the engine itself.
 */
const postgresOnly = testDriver() !== 'postgres';
const { db, url } = setupIsolatedDb();
const CONTACTS = 240;

describe.skipIf(postgresOnly)('a sequence worker killed mid-pass', () => {
  beforeAll(() => {
    delete process.env.SMTP_URL;
    process.env.PULSE_TEST_CLOCK = '1';
  });
  afterAll(() => {
    delete process.env.PULSE_TEST_CLOCK;
  });

  function spawnWorker(id: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'integration', 'support', 'sequence-worker.ts')], {
      cwd: process.cwd(),
      env: { ...process.env, WORKER_DATABASE_URL: url(), WORKER_ID: id, SEQUENCE_BATCH: '2', PULSE_TEST_CLOCK: '1' },
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

  it('SIGKILL during each step, a restart: every contact gets each step exactly once, control nothing, sunset as announced', async () => {
    const s = await makeSequence(db(), { contacts: CONTACTS, settings: { controlPct: 10 } });
    const all = await enrolmentsOf(db(), s.sequence.id);
    const treated = all.filter((e) => e.group === 'treatment');
    const control = all.filter((e) => e.group === 'control');
    const stepped = async (k: number) =>
      Number(
        (
          await db()
            .select({ n: sql<number>`count(*)::int` })
            .from(sequenceEnrolments)
            .where(and(eq(sequenceEnrolments.sequenceId, s.sequence.id), eq(sequenceEnrolments.group, 'treatment'), sql`${sequenceEnrolments.step} >= ${k}`))
        )[0].n,
      );
    const sentOf = async (campaignId: string) =>
      Number(
        (
          await db()
            .select({ n: sql<number>`count(*)::int` })
            .from(campaignSends)
            .where(and(eq(campaignSends.campaignId, campaignId), eq(campaignSends.status, 'sent')))
        )[0].n,
      );
    /** Moves the test clock to `at` (plus a second). */
    const clockTo = async (at: Date) => advanceTestClock(db(), Math.max(0, at.getTime() - (await sequenceNow(db())).getTime() + 1000));

    let midPass = 0;
    for (const [i, step] of s.steps.entries()) {
      const [next] = await db()
        .select({ at: sql<string>`min(${sequenceEnrolments.nextDueAt})` })
        .from(sequenceEnrolments)
        .where(and(eq(sequenceEnrolments.sequenceId, s.sequence.id), eq(sequenceEnrolments.group, 'treatment')));
      await clockTo(new Date(next.at));
      const doomed = await spawnWorker(`doomed-${i}`);
      await waitFor(async () => (await stepped(i + 1)) > 0, `the pass of step ${i + 1} to start`, 60_000);
      doomed.kill('SIGKILL');
      expect((await exited(doomed)).signal).toBe('SIGKILL');
      const atKill = await stepped(i + 1);
      if (atKill < treated.length) midPass++;
      // Delivery's own recovery (what the maintenance loop does once the lease expires): rows the
      // dead worker had claimed for the outbox go back to pending.
      await recoverStaleSends(db(), { leaseMs: 0 });

      const rescuer = await spawnWorker(`rescuer-${i}`);
      await waitFor(async () => (await stepped(i + 1)) === treated.length && (await sentOf(step.campaignId)) === treated.length, `step ${i + 1} everywhere`);
      rescuer.kill('SIGTERM');
      expect((await exited(rescuer)).code).toBe(0);
    }
    // The kill caught the engine with part of the enrolments moved on (not merely before or after it).
    expect(midPass).toBeGreaterThanOrEqual(3);

    // Exactly one row per enrolment and step, every one sent; control none.
    const rows = await db().select().from(campaignSends).where(inArray(campaignSends.campaignId, s.steps.map((st) => st.campaignId)));
    expect(rows).toHaveLength(treated.length * 5);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const perEnrolment = new Map<number, string[]>();
    for (const r of rows) perEnrolment.set(r.enrolmentId!, [...(perEnrolment.get(r.enrolmentId!) ?? []), r.campaignId]);
    for (const e of treated) expect(new Set(perEnrolment.get(e.id))).toEqual(new Set(s.steps.map((st) => st.campaignId)));
    expect(control.every((e) => !perEnrolment.has(e.id))).toBe(true);

    // The outbox: five mails per treated contact, five different subjects, nothing to control contacts.
    const mails = await db().select({ to: mailMessages.toAddress, subject: mailMessages.subject }).from(mailMessages).where(eq(mailMessages.workspaceId, s.ctx.workspaceId));
    const byAddress = new Map<string, string[]>();
    for (const m of mails) byAddress.set(m.to, [...(byAddress.get(m.to) ?? []), m.subject]);
    const email = new Map(s.contacts.map((c) => [c.id, c.email]));
    for (const e of treated) {
      const subjects = byAddress.get(email.get(e.contactId)!) ?? [];
      expect(subjects).toHaveLength(5);
      expect(new Set(subjects).size).toBe(5);
    }
    for (const e of control) expect(byAddress.has(email.get(e.contactId)!)).toBe(false);

    // The sunset.
    const [last] = await db()
      .select({ at: sql<string>`max(${sequenceEnrolments.sunsetAt})` })
      .from(sequenceEnrolments)
      .where(eq(sequenceEnrolments.sequenceId, s.sequence.id));
    await clockTo(new Date(new Date(last.at).getTime() + 60_000));
    const finisher = await spawnWorker('finisher');
    await waitFor(async () => (await enrolmentsOf(db(), s.sequence.id)).every((e) => e.status !== 'active'), 'every enrolment ended');
    finisher.kill('SIGTERM');
    await exited(finisher);
    const ended = await enrolmentsOf(db(), s.sequence.id);
    for (const e of ended) {
      expect(e.status).toBe(e.group === 'control' ? 'completed' : 'sunset');
      expect(e.exitedAt!.getTime()).toBeGreaterThanOrEqual(e.sunsetAt!.getTime());
    }
  });
});
