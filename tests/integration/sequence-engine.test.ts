import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCampaign } from '@/lib/campaigns/start';
import { auditLog, campaigns, campaignSends, contacts, cursors, listMembers, sequenceEnrolments, sequences, workspaces } from '@/lib/db/schema';
import { recordAnswer } from '@/lib/surveys/answer';
import { makeSurvey } from './support/surveys';
import { advanceTestClock, TEST_CLOCK_CURSOR } from '@/lib/sequences/clock';
import { createList } from '@/lib/contacts/lists';
import { dueWorkSql, runSequencePass } from '@/lib/sequences/engine';
import { executeRows } from '@/lib/db/sql';
import { activateSequence, pauseSequence, resumeSequence, stopSequence } from '@/lib/sequences/lifecycle';
import { REACTIVATED_TAG } from '@/lib/sequences/exits';
import { CLICK_SCANNER_WINDOW_SECONDS } from '@/lib/tracking/classify';
import { installProcessDb, lastEventId, rollupThrough, startTrackingServer } from './support/campaigns';
import { testDriver } from './support/driver';
import { addMember, ctxFor } from './support/factories';
import { deliverAll, makeDraft, setupIsolatedDb, useSmtp } from './support/sending';
import { enrolmentsOf, makeSequence as makeSequenceFactory, newWorkspace, stepSendsOf } from './support/sequences';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { startSmtpSink, type ReceivedMail } from './support/smtp';

// The engine passes over every active sequence: this file has a database of its own.
const { db, open } = setupIsolatedDb();
const DAY = 86_400_000;
const MINUTE = 60_000;
const AMS = 'Europe/Amsterdam';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let tracking: Awaited<ReturnType<typeof startTrackingServer>>;
let restoreDb: () => void;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PULSE_BASE_URL;
  sink = await startSmtpSink();
  restoreDb = installProcessDb(db());
  tracking = await startTrackingServer();
});
afterAll(async () => {
  await tracking?.close();
  restoreDb?.();
  await sink?.close();
});
beforeEach(() => {
  sink.received.length = 0;
});
// Every pass works on all active sequences: each test stops the ones it made, so counts stay its own.
const made: { ctx: WorkspaceCtx; sequenceId: string }[] = [];
afterEach(async () => {
  for (const m of made.splice(0)) await stopSequence({ ctx: m.ctx, input: { sequenceId: m.sequenceId } }).catch(() => undefined);
});
async function makeSequence(...args: Parameters<typeof makeSequenceFactory>) {
  const s = await makeSequenceFactory(...args);
  made.push({ ctx: s.ctx, sequenceId: s.sequence.id });
  return s;
}

const pass = (now: Date, batchSize = 50) => runSequencePass(db(), { now, batchSize });
const localTime = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: AMS, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
const B2C_SLOT = /^(Mon|Tue|Wed|Thu|Fri) 19:30$|^(Sat|Sun) 10:00$/;
/** The campaign a received mail belongs to (its Message-ID is pulse.<campaign>.<send>@…). */
const campaignOf = (m: ReceivedMail) => /pulse\.([0-9a-f-]{36})\./.exec(m.parsed.messageId ?? '')?.[1];
const mailsOf = (campaignId: string) => sink.received.filter((m) => campaignOf(m) === campaignId);

/**
 * Waits (polling the database clock, which the tracking SQL reads) until a click on this send is no
 * longer inside the link-scanner window after its sent_at: a click from then on is a person's.
 */
async function waitPastScannerWindow(sendId: number): Promise<void> {
  for (;;) {
    const [row] = await executeRows<{ past: boolean }>(
      db(),
      sql`select now() > sent_at + make_interval(secs => ${CLICK_SCANNER_WINDOW_SECONDS}) as past from campaign_sends where id = ${sendId}`,
    );
    if (row?.past) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function enrolment(id: number) {
  return (await db().select().from(sequenceEnrolments).where(eq(sequenceEnrolments.id, id)))[0];
}

/** Runs passes at each next due time until no enrolment of the sequence is active (no delivery). */
async function walkToEnd(sequenceId: string): Promise<Date> {
  let now = new Date();
  for (let i = 0; i < 20; i++) {
    const active = (await enrolmentsOf(db(), sequenceId)).filter((e) => e.status === 'active');
    if (active.length === 0) return now;
    now = new Date(Math.min(...active.map((e) => e.nextDueAt!.getTime())));
    await pass(now);
  }
  throw new Error('the sequence did not end');
}

describe('the walk through a sequence', () => {
  it('five steps at their times and not earlier, in the send window and the gaps; sunset on the announced date, never before', async () => {
    const s = await makeSequence(db(), { contacts: 2, baseUrl: tracking.url });
    await useSmtp(db(), s.ctx.workspaceId, sink.port);
    expect(s.enrolled).toBe(2);
    const enrolments = await enrolmentsOf(db(), s.sequence.id);
    expect(enrolments.every((e) => e.group === 'treatment' && e.step === 0 && e.tier === 'tier2' && e.daysAway === 90)).toBe(true);
    // Step 1 at the first slot of the send window from enrolment.
    let due = enrolments[0].nextDueAt!;
    expect(localTime(due)).toMatch(B2C_SLOT);
    expect(due.getTime()).toBeGreaterThanOrEqual(s.sequence.activatedAt!.getTime());
    expect(due.getTime() - s.sequence.activatedAt!.getTime()).toBeLessThan(8 * DAY);

    let previous = s.sequence.activatedAt!;
    for (const [i, step] of s.steps.entries()) {
      // A minute early: nothing is queued.
      expect((await pass(new Date(due.getTime() - MINUTE))).queued).toBe(0);
      expect(await stepSendsOf(db(), enrolments[0].id)).toHaveLength(i);
      const result = await pass(due);
      expect(result.queued).toBe(2);
      await deliverAll(db(), step.campaignId);
      const mails = mailsOf(step.campaignId);
      expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(s.contacts.map((c) => c.email).sort());
      if (i > 0) {
        expect(due.getTime()).toBeGreaterThanOrEqual(previous.getTime() + step.gapMinDays * DAY);
        expect(due.getTime()).toBeLessThanOrEqual(previous.getTime() + step.gapMaxDays * DAY);
        expect(localTime(due) .match(B2C_SLOT) !== null || due.getTime() === previous.getTime() + step.gapMaxDays * DAY).toBe(true);
      }
      const e = await enrolment(enrolments[0].id);
      expect(e).toMatchObject({ status: 'active', step: i + 1, lastStepAt: due });
      previous = due;
      due = e.nextDueAt!;
    }
    // Every enrolment got every step exactly once, and nothing else.
    for (const e of enrolments) expect((await stepSendsOf(db(), e.id)).map((r) => r.campaignId)).toEqual(s.steps.map((st) => st.campaignId));
    expect(sink.received).toHaveLength(10);

    // The last mail announced the sunset date; the engine applies it on that date and not before.
    const last = await enrolment(enrolments[0].id);
    expect(last.sunsetAt!.getTime()).toBe(previous.getTime() + s.sequence.sunsetAfterDays * DAY);
    expect(last.nextDueAt).toEqual(last.sunsetAt);
    const announced = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(last.sunsetAt!);
    for (const m of mailsOf(s.steps[4].campaignId)) expect(m.parsed.text).toContain(announced);

    expect((await pass(new Date(last.sunsetAt!.getTime() - MINUTE))).sunset).toBe(0);
    const [before] = await db().select().from(contacts).where(eq(contacts.id, last.contactId));
    expect(before.status).toBe('subscribed');
    expect((await pass(last.sunsetAt!)).sunset).toBe(2);
    for (const e of enrolments) {
      expect(await enrolment(e.id)).toMatchObject({ status: 'sunset', exitReason: 'sunset', exitedAt: last.sunsetAt, nextDueAt: null });
    }
    const people = await db().select().from(contacts).where(inArray(contacts.id, enrolments.map((e) => e.contactId)));
    expect(people.every((p) => p.status === 'unsubscribed')).toBe(true);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.workspaceId, s.ctx.workspaceId), eq(auditLog.action, 'contact.unsubscribed')));
    expect(audits).toHaveLength(2);
    expect(audits[0].data).toMatchObject({ via: 'sunset', sequenceId: s.sequence.id });
    // A later pass changes nothing; the step mails are still `sending` (the sequence lives on).
    expect(await pass(new Date(last.sunsetAt!.getTime() + 30 * DAY))).toMatchObject({ queued: 0, sunset: 0 });
    const stepCampaigns = await db().select().from(campaigns).where(eq(campaigns.sequenceId, s.sequence.id));
    expect(stepCampaigns.every((c) => c.status === 'sending')).toBe(true);
  });

  it('a contact who unsubscribed meanwhile leaves at its next due time and gets nothing more', async () => {
    const s = await makeSequence(db(), { contacts: 2, baseUrl: tracking.url });
    const [a, b] = await enrolmentsOf(db(), s.sequence.id);
    await pass(a.nextDueAt!);
    await db().update(contacts).set({ status: 'unsubscribed' }).where(eq(contacts.id, a.contactId));
    const next = (await enrolment(a.id)).nextDueAt!;
    expect(await pass(next)).toMatchObject({ queued: 1, left: 1 });
    expect(await enrolment(a.id)).toMatchObject({ status: 'left', exitReason: 'unsubscribed', nextDueAt: null });
    expect(await stepSendsOf(db(), a.id)).toHaveLength(1);
    expect(await stepSendsOf(db(), b.id)).toHaveLength(2);
  });
});

describe('exits', () => {
  it('a human click exits at once (tracking server → roll-up): reactivated, tagged, nurtured; a scanner click does not', async () => {
    const s = await makeSequence(db(), { contacts: 2, baseUrl: tracking.url });
    await useSmtp(db(), s.ctx.workspaceId, sink.port);
    const [a, b] = await enrolmentsOf(db(), s.sequence.id);
    await pass(a.nextDueAt!);
    await deliverAll(db(), s.steps[0].campaignId);
    const mail = mailsOf(s.steps[0].campaignId).find((m) => m.envelope.to[0] === s.contacts.find((c) => c.id === a.contactId)!.email)!;
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/t\/c\/[^"]+)"/.exec(String(mail.parsed.html))![1];

    // Within seconds of delivery a click is a link scanner's: recorded as machine, no exit.
    expect((await fetch(link, { redirect: 'manual', headers: { 'user-agent': CHROME } })).status).toBe(302);
    await rollupThrough(db(), await lastEventId(db()));
    expect(await enrolment(a.id)).toMatchObject({ status: 'active' });

    // Past the scanner window (measured from sent_at on the DB clock), the same click is the person's.
    const [send] = await stepSendsOf(db(), a.id);
    await waitPastScannerWindow(send.id);
    expect((await fetch(link, { redirect: 'manual', headers: { 'user-agent': CHROME } })).status).toBe(302);
    await rollupThrough(db(), await lastEventId(db()));
    const exited = await enrolment(a.id);
    expect(exited).toMatchObject({ status: 'reactivated', exitReason: 'click', nextDueAt: null });
    expect(exited.nurtureUntil!.getTime() - exited.reactivatedAt!.getTime()).toBe(60 * DAY);
    const [person] = await db().select().from(contacts).where(eq(contacts.id, a.contactId));
    expect(person.tags).toContain(REACTIVATED_TAG);

    // The next pass moves only the other contact on.
    const next = (await enrolment(b.id)).nextDueAt!;
    expect((await pass(next)).queued).toBe(1);
    expect(await stepSendsOf(db(), a.id)).toHaveLength(1);

    // Relapse: no activity for 30 days inside the nurture window.
    const quiet = new Date(exited.reactivatedAt!.getTime() + 30 * DAY);
    expect((await pass(new Date(quiet.getTime() - MINUTE))).relapsed).toBe(0);
    // (+1 ms: the event's time has microseconds, a JS Date only milliseconds.)
    expect((await pass(new Date(quiet.getTime() + 1))).relapsed).toBe(1);
    expect((await enrolment(a.id)).relapsedAt!.getTime() - exited.reactivatedAt!.getTime()).toBe(30 * DAY);
  });

  it('a survey answer exits in its own transaction where the workspace counts survey answers, not elsewhere', async () => {
    const s = await makeSequence(db(), { contacts: 2 });
    const [a, b] = await enrolmentsOf(db(), s.sequence.id);
    const survey = await makeSurvey(db(), s.ctx.workspaceId);
    await recordAnswer(db(), { survey, channel: 'personal', score: 9, contactId: a.contactId });
    expect(await enrolment(a.id)).toMatchObject({ status: 'reactivated', exitReason: 'survey', nextDueAt: null });
    // The settings verb is not ours: the definition without survey answers, written as settings would.
    await db().update(workspaces).set({ inactivitySignals: ['open', 'click', 'conversion'] }).where(eq(workspaces.id, s.ctx.workspaceId));
    await recordAnswer(db(), { survey, channel: 'personal', score: 9, contactId: b.contactId });
    expect(await enrolment(b.id)).toMatchObject({ status: 'active' });
  });

  it('the control group receives nothing; its re-engagement elsewhere is measured; its window ends as completed', async () => {
    const s = await makeSequence(db(), { contacts: 24, baseUrl: tracking.url, settings: { controlPct: 50 } });
    await useSmtp(db(), s.ctx.workspaceId, sink.port);
    const all = await enrolmentsOf(db(), s.sequence.id);
    const control = all.filter((e) => e.group === 'control');
    const treated = all.filter((e) => e.group === 'treatment');
    expect(control.length).toBeGreaterThan(0);
    expect(treated.length).toBeGreaterThan(0);
    const span = s.steps.reduce((n, st) => n + st.gapMaxDays, 0) + s.sequence.sunsetAfterDays;
    for (const c of control) {
      expect(c).toMatchObject({ step: 0, sunsetAt: c.nextDueAt });
      expect(c.nextDueAt!.getTime() - c.enrolledAt.getTime()).toBe(span * DAY);
    }

    // A newsletter to everyone; a control contact clicks it once the scanner window has passed.
    const news = await makeDraft(db(), s.ctx.workspaceId, { baseUrl: tracking.url });
    await startCampaign(db(), news.id);
    await deliverAll(db(), news.id);
    const clicker = control[0];
    const email = s.contacts.find((p) => p.id === clicker.contactId)!.email;
    const mail = mailsOf(news.id).find((m) => m.envelope.to[0] === email)!;
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/t\/c\/[^"]+)"/.exec(String(mail.parsed.html))![1];
    const [clickerSend] = await db().select().from(campaignSends).where(and(eq(campaignSends.campaignId, news.id), eq(campaignSends.contactId, clicker.contactId)));
    await waitPastScannerWindow(clickerSend.id);
    await fetch(link, { redirect: 'manual', headers: { 'user-agent': CHROME } });
    await rollupThrough(db(), await lastEventId(db()));
    expect(await enrolment(clicker.id)).toMatchObject({ status: 'reactivated', group: 'control', exitReason: 'click' });

    const end = await walkToEnd(s.sequence.id);
    const stepIds = s.steps.map((st) => st.campaignId);
    const controlSends = await db()
      .select()
      .from(campaignSends)
      .where(and(inArray(campaignSends.campaignId, stepIds), inArray(campaignSends.contactId, control.map((c) => c.contactId))));
    expect(controlSends).toEqual([]);
    for (const c of control.slice(1)) expect(await enrolment(c.id)).toMatchObject({ status: 'completed', exitReason: 'windowEnded', exitedAt: c.sunsetAt });
    for (const t of treated) expect((await stepSendsOf(db(), t.id)).length).toBe(5);
    expect(end.getTime()).toBeGreaterThanOrEqual(Math.max(...control.map((c) => c.sunsetAt!.getTime())));
  });
});

describe('re-entry', () => {
  it('a contact may enter again only after the cool-down since its exit; without a cool-down never', async () => {
    const ctx = await newWorkspace(db());
    const list = await createList({ ctx, input: { name: 'Sunset' } });
    const s = await makeSequence(db(), { ctx, contacts: 1, settings: { entryMode: 'continuous', reentryCooldownDays: 30, sunsetAction: 'list', sunsetListId: list.id } });
    expect(s.enrolled).toBe(0); // continuous: the engine enrols
    const first = await pass(new Date());
    expect(first.enrolled).toBe(1);
    const end = await walkToEnd(s.sequence.id);
    const [gone] = await enrolmentsOf(db(), s.sequence.id);
    expect(gone).toMatchObject({ status: 'sunset', exitedAt: end });
    expect(await db().select().from(listMembers).where(eq(listMembers.listId, list.id))).toHaveLength(1);

    expect((await pass(new Date(end.getTime() + 30 * DAY - MINUTE))).enrolled).toBe(0);
    expect((await pass(new Date(end.getTime() + 30 * DAY))).enrolled).toBe(1);
    const again = await enrolmentsOf(db(), s.sequence.id);
    expect(again.map((e) => e.status)).toEqual(['sunset', 'active']);
    // Already in: a second look enrols nobody.
    expect((await pass(new Date(end.getTime() + 31 * DAY))).enrolled).toBe(0);

    const never = await makeSequence(db(), { ctx, contacts: 0, settings: { entryMode: 'continuous', reentryCooldownDays: null, sunsetAction: 'list', sunsetListId: list.id } });
    await pass(new Date(end.getTime() + 32 * DAY));
    expect(await enrolmentsOf(db(), never.sequence.id)).toHaveLength(1);
    await walkToEnd(never.sequence.id);
    await pass(new Date(end.getTime() + 400 * DAY));
    expect((await enrolmentsOf(db(), never.sequence.id)).map((e) => e.status)).toEqual(['sunset']);
  });
});

describe('lifecycle and concurrency', () => {
  it('two passes at once queue each step once', async () => {
    const s = await makeSequence(db(), { contacts: 40 });
    const all = await enrolmentsOf(db(), s.sequence.id);
    const due = all[0].nextDueAt!;
    const other = testDriver() === 'postgres' ? open().db : db();
    const results = await Promise.all([runSequencePass(db(), { now: due, batchSize: 7 }), runSequencePass(other, { now: due, batchSize: 7 })]);
    expect(results[0].queued + results[1].queued).toBe(40);
    for (const e of all) expect((await stepSendsOf(db(), e.id)).map((r) => r.campaignId)).toEqual([s.steps[0].campaignId]);
    expect((await enrolmentsOf(db(), s.sequence.id)).every((e) => e.step === 1)).toBe(true);
  });

  it.skipIf(testDriver() !== 'postgres')('the due-work query is an index scan: of the due index for a big sequence, never a scan of all enrolments', async () => {
    const big = await makeSequence(db(), { contacts: 3000 });
    const small = await makeSequence(db(), { contacts: 20 });
    await db().execute(sql`analyze sequence_enrolments`);
    await db().execute(sql`analyze contacts`);
    const scansOf = async (sequenceId: string) => {
      const due = (await enrolmentsOf(db(), sequenceId))[0].nextDueAt!;
      const rows = await executeRows<{ 'QUERY PLAN': unknown }>(db(), sql`explain (format json) ${dueWorkSql(sequenceId, due, 100)}`);
      const raw = rows[0]['QUERY PLAN'];
      type Node = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: Node[] };
      const nodes: Node[] = [];
      const walk = (n: Node) => {
        nodes.push(n);
        for (const c of n.Plans ?? []) walk(c);
      };
      walk((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan);
      return nodes.filter((n) => n['Relation Name'] === 'sequence_enrolments').map((n) => [n['Node Type'], n['Index Name']]);
    };
    expect(await scansOf(big.sequence.id)).toEqual([['Index Scan', 'sequence_enrolments_due_idx']]);
    // A small sequence among many enrolments: the planner may take its rows by sequence instead — still an index.
    const smallScans = await scansOf(small.sequence.id);
    expect(smallScans).toHaveLength(1);
    expect(smallScans[0][0]).toMatch(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/);
  });

  it('pause holds everything, resume sends overdue steps at the next window slot, stop ends it for good', async () => {
    const s = await makeSequence(db(), { contacts: 2 });
    const other = await makeSequence(db(), { contacts: 1 });
    const [a] = await enrolmentsOf(db(), s.sequence.id);
    await pauseSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } });
    const late = new Date(a.nextDueAt!.getTime() + 3 * DAY);
    expect((await pass(late)).queued).toBe(1); // only the other workspace's sequence moved
    expect(await stepSendsOf(db(), a.id)).toHaveLength(0);
    expect((await enrolmentsOf(db(), other.sequence.id))[0].step).toBe(1);

    // The verbs read the sequence clock: under the test clock it stands three days past the due step.
    process.env.PULSE_TEST_CLOCK = '1';
    let resumedAt: Date;
    try {
      resumedAt = await advanceTestClock(db(), late.getTime() - Date.now());
      expect((await resumeSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } })).rescheduled).toBe(2);
    } finally {
      await db().delete(cursors).where(eq(cursors.name, TEST_CLOCK_CURSOR));
      delete process.env.PULSE_TEST_CLOCK;
    }
    const resumedDue = (await enrolment(a.id)).nextDueAt!;
    expect(localTime(resumedDue)).toMatch(B2C_SLOT);
    expect(resumedDue.getTime()).toBeGreaterThanOrEqual(resumedAt.getTime());
    expect(resumedDue.getTime() - resumedAt.getTime()).toBeLessThan(DAY);
    expect((await pass(new Date(resumedDue.getTime() - MINUTE))).queued).toBe(0);
    expect((await pass(resumedDue)).queued).toBe(2);

    await useSmtp(db(), s.ctx.workspaceId, null);
    const { stopped } = await stopSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } });
    expect(stopped).toBe(2);
    expect((await enrolmentsOf(db(), s.sequence.id)).every((e) => e.status === 'stopped' && e.exitReason === 'stopped' && e.nextDueAt === null)).toBe(true);
    const steps = await db().select().from(campaigns).where(eq(campaigns.sequenceId, s.sequence.id));
    expect(steps.every((c) => c.status === 'sent' && c.finishedAt !== null)).toBe(true);
    const rows = await db().select().from(campaignSends).where(inArray(campaignSends.campaignId, steps.map((c) => c.id)));
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    expect((await pass(new Date(late.getTime() + 60 * DAY))).queued).toBe(1); // the other sequence's step 2 only
    await expect(resumeSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(stopSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.target, s.sequence.id));
    // created, its settings saved in the builder (makeSequence), then each verb: one audit row each.
    expect(audit.map((r) => r.action).sort()).toEqual(['sequence.activated', 'sequence.created', 'sequence.paused', 'sequence.resumed', 'sequence.stopped', 'sequence.updated']);
  });

  it('another workspace cannot touch a sequence, a viewer cannot change one; activation freezes links and captures the origin', async () => {
    const s = await makeSequence(db(), { contacts: 1, activate: false });
    const stranger = await newWorkspace(db());
    for (const verb of [activateSequence, pauseSequence, resumeSequence, stopSequence]) {
      await expect(verb({ ctx: stranger, input: { sequenceId: s.sequence.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const viewer = await addMember(db(), s.ctx.workspaceId, 'viewer');
    const vctx = await ctxFor(db(), viewer.id, s.ctx.workspaceId);
    await expect(activateSequence({ ctx: vctx, input: { sequenceId: s.sequence.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [row] = await db().select().from(sequences).where(eq(sequences.id, s.sequence.id));
    expect(row.status).toBe('draft');

    const { sequence, enrolled } = await activateSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id, baseUrl: 'https://app.example' } });
    expect({ status: sequence.status, baseUrl: sequence.baseUrl, enrolled }).toEqual({ status: 'active', baseUrl: 'https://app.example', enrolled: 1 });
    const steps = await db().select().from(campaigns).where(eq(campaigns.sequenceId, s.sequence.id));
    expect(steps.every((c) => c.status === 'sending' && c.baseUrl === 'https://app.example' && c.startedAt !== null)).toBe(true);
    await expect(activateSequence({ ctx: s.ctx, input: { sequenceId: s.sequence.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
