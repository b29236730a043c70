import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/p/[token]/save/route';
import { composeMail, loadCampaignContent } from '@/lib/campaigns/compose';
import { auditLog, contacts, events, sequenceEnrolments } from '@/lib/db/schema';
import { NURTURE_DAYS } from '@/lib/metrics/sequences';
import { sequenceNow } from '@/lib/sequences/clock';
import { runSequencePass } from '@/lib/sequences/engine';
import { REACTIVATED_TAG } from '@/lib/sequences/exits';
import { preferencesSendId, preferencesUrl } from '@/lib/sequences/preference-links';
import { loadPreferenceCentre, PREFERENCE_SAVE_LIMIT, savePreferences } from '@/lib/sequences/preferences';
import { signToken } from '@/lib/tracking/token';
import { installProcessDb } from './support/campaigns';
import { ctxFor, makeUser } from './support/factories';
import { setupIsolatedDb } from './support/sending';
import { enrolmentsOf, makeSequence, stepSendsOf } from './support/sequences';

// Its own database: the engine's pass works on every active sequence, other files' included.
const { db } = setupIsolatedDb();
let restoreDb: () => void;

interface Recipient {
  contactId: string;
  enrolmentId: number;
  sendId: number;
  token: string;
}

/**
 * A workspace with an active sequence (makeSequence: createSequence, the builder's settings,
 * activateSequence) whose engine has queued steps 1–4, each pass at its own due time; the token is
 * read from the step-4 mail composeMail renders for that contact's step row.
 */
async function workspaceWithStep4(name: string, people: number) {
  const made = await makeUser(db(), { workspaceName: name });
  const ctx = await ctxFor(db(), made.user.id, made.workspace.id);
  const s = await makeSequence(db(), { ctx, contacts: people, baseUrl: 'https://t.example' });
  for (let step = 1; step <= 4; step++) {
    const active = (await enrolmentsOf(db(), s.sequence.id)).filter((e) => e.status === 'active');
    const due = new Date(Math.max(...active.map((e) => e.nextDueAt!.getTime())));
    expect((await runSequencePass(db(), { now: due, batchSize: 50 })).queued).toBe(people);
  }
  const step4 = s.steps[3];
  expect(step4.kind).toBe('preferenceUpdate');
  const content = await loadCampaignContent(db(), step4.campaignId);
  if (!content) throw new Error('no step campaign');
  const recipients: Recipient[] = [];
  for (const enrolment of await enrolmentsOf(db(), s.sequence.id)) {
    const send = (await stepSendsOf(db(), enrolment.id)).find((row) => row.campaignId === step4.campaignId);
    if (!send) throw new Error('the engine queued no step-4 row');
    const mail = composeMail(content, { id: send.id, token: 'test#1', email: send.email, variantKey: null, contact: { email: send.email }, subscribed: true }, 'Shop <news@shop.example>');
    const url = /href="([^"]*\/p\/[^"]+)"/.exec(mail.html)?.[1];
    if (!url) throw new Error('the step-4 mail has no preference-centre button');
    recipients.push({ contactId: enrolment.contactId, enrolmentId: enrolment.id, sendId: send.id, token: url.slice(url.lastIndexOf('/p/') + 3) });
  }
  return { workspaceId: made.workspace.id, sequenceId: s.sequence.id, campaignId: step4.campaignId, recipients };
}

let a: Awaited<ReturnType<typeof workspaceWithStep4>>;
let b: Awaited<ReturnType<typeof workspaceWithStep4>>;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  a = await workspaceWithStep4('Prefs A', 8);
  b = await workspaceWithStep4('Prefs B', 1);
});

afterAll(() => restoreDb?.());

const save = (token: string, form: unknown) => savePreferences({ ctx: { db: db() }, input: { token, form } });
const saveForm = (submissionId: string, topics: string[] = ['news', 'tips'], frequency = 'monthly') => ({ intent: 'save', topics, frequency, submissionId });
const contactOf = async (id: string) => (await db().select().from(contacts).where(eq(contacts.id, id)))[0];
const enrolmentOf = async (id: number) => (await db().select().from(sequenceEnrolments).where(eq(sequenceEnrolments.id, id)))[0];
const prefEvents = (contactId: string) =>
  db().select().from(events).where(and(eq(events.contactId, contactId), eq(events.type, 'preference_update'))).orderBy(asc(events.id));

function post(token: string, body: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://pulse.test/p/${token}/save`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'pulse.test', ...headers },
  });
  return POST(request, { params: Promise.resolve({ token }) });
}

describe('the preference-centre link in a mail', () => {
  it('is a signed /p/ token of the send row, rendered by composeMail for the preferences block', () => {
    const r = a.recipients[0];
    expect(preferencesSendId(r.token)).toBe(r.sendId);
    expect(preferencesUrl('https://t.example/', r.sendId)).toBe(`https://t.example/p/${r.token}`);
  });
});

describe('loading the page model', () => {
  it('shows the workspace, its language and the current choices; nothing for a bad token', async () => {
    const r = a.recipients[0];
    const centre = await loadPreferenceCentre(db(), r.token);
    expect(centre).toMatchObject({ sendId: r.sendId, workspaceName: 'Prefs A', locale: 'en', subscribed: true, preferences: { topics: [], frequency: 'asIs', updatedAt: null } });
    for (const bad of [signToken('survey', [r.sendId]), signToken('unsubscribe', [r.sendId]), r.token.slice(0, -2), `${r.token.split('.')[0]}.${'A'.repeat(22)}`, 'garbage', '']) {
      expect(await loadPreferenceCentre(db(), bad)).toBeNull();
    }
  });
});

describe('saving', () => {
  it('stores the choices, records the event, and reactivates the active enrolment with its nurture window and tag', async () => {
    const r = a.recipients[0];
    const before = await sequenceNow(db());
    const result = await save(r.token, saveForm('submission-aaaaaaaaaaaa1'));
    const after = await sequenceNow(db());
    expect(result).toEqual({ outcome: 'saved', reactivated: 1 });

    const contact = await contactOf(r.contactId);
    expect(contact.preferences).toMatchObject({ topics: ['news', 'tips'], frequency: 'monthly' });
    expect(contact.tags).toContain(REACTIVATED_TAG);
    const [event] = await prefEvents(r.contactId);
    expect(event).toMatchObject({ workspaceId: a.workspaceId, campaignId: a.campaignId, sendId: r.sendId, machine: false });
    expect(event.meta).toMatchObject({ topics: ['news', 'tips'], frequency: 'monthly', unsubscribed: false });

    const enrolment = await enrolmentOf(r.enrolmentId);
    expect(enrolment).toMatchObject({ status: 'reactivated', exitReason: 'preference', nextDueAt: null });
    expect(enrolment.reactivatedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(enrolment.reactivatedAt!.getTime()).toBeLessThanOrEqual(after.getTime());
    expect(enrolment.nurtureUntil!.getTime() - enrolment.reactivatedAt!.getTime()).toBe(NURTURE_DAYS * 86_400_000);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.workspaceId, a.workspaceId), eq(auditLog.action, 'contact.preferencesUpdated')));
    expect(audit.map((x) => x.target)).toContain(r.contactId);

    // The page now shows what was saved.
    expect((await loadPreferenceCentre(db(), r.token))?.preferences).toMatchObject({ topics: ['news', 'tips'], frequency: 'monthly' });
  });

  it('is safe to replay: the same form again writes nothing more; a new form saves again without a second reactivation', async () => {
    const r = a.recipients[1];
    await save(r.token, saveForm('submission-bbbbbbbbbbbb1', ['offers']));
    const first = await enrolmentOf(r.enrolmentId);
    expect(await save(r.token, saveForm('submission-bbbbbbbbbbbb1', ['offers']))).toEqual({ outcome: 'replayed', reactivated: 0 });
    // Two concurrent replays of one form: one event in all.
    await Promise.all([save(r.token, saveForm('submission-bbbbbbbbbbbb1', ['offers'])), save(r.token, saveForm('submission-bbbbbbbbbbbb1', ['offers']))]);
    expect(await prefEvents(r.contactId)).toHaveLength(1);
    expect(await save(r.token, saveForm('submission-bbbbbbbbbbbb2', ['events'], 'weekly'))).toEqual({ outcome: 'saved', reactivated: 0 });
    expect(await prefEvents(r.contactId)).toHaveLength(2);
    expect((await contactOf(r.contactId)).preferences).toMatchObject({ topics: ['events'], frequency: 'weekly' });
    // Still the first reactivation: its time and window did not move.
    expect(await enrolmentOf(r.enrolmentId)).toEqual(first);
    expect((await contactOf(r.contactId)).tags.filter((t) => t === REACTIVATED_TAG)).toHaveLength(1);
  });

  it.each([
    ['an unknown topic', saveForm('submission-cccccccccccc1', ['news', 'casino'])],
    ['a repeated topic', saveForm('submission-cccccccccccc2', ['news', 'news'])],
    ['an unknown frequency', saveForm('submission-cccccccccccc3', ['news'], 'hourly')],
    ['no frequency', { intent: 'save', topics: ['news'], submissionId: 'submission-cccccccccccc4' }],
    ['no one-time id', { intent: 'save', topics: ['news'], frequency: 'weekly' }],
    ['a malformed one-time id', saveForm('x')],
    ['an unknown intent', { intent: 'delete-everything' }],
    ['not a form at all', 'topics=news'],
    ['null', null],
  ])('refuses %s with a validation error and writes nothing', async (_label, form) => {
    const r = a.recipients[2];
    const before = { contact: await contactOf(r.contactId), enrolment: await enrolmentOf(r.enrolmentId) };
    await expect(save(r.token, form)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await contactOf(r.contactId)).toEqual(before.contact);
    expect(await enrolmentOf(r.enrolmentId)).toEqual(before.enrolment);
    expect(await prefEvents(r.contactId)).toHaveLength(0);
  });

  it('refuses forged, cut and other-purpose tokens before reading the form', async () => {
    const r = a.recipients[2];
    for (const bad of [signToken('survey', [r.sendId]), signToken('unsubscribe', [r.sendId]), signToken('click', [r.sendId, 1]), r.token.slice(0, -1), `${r.token}x`, 'a.b']) {
      await expect(save(bad, saveForm('submission-dddddddddddd1'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await prefEvents(r.contactId)).toHaveLength(0);
    expect((await enrolmentOf(r.enrolmentId)).status).toBe('active');
  });

  it("cannot touch another workspace: B's token changes only B's contact, even when A has the same address", async () => {
    const twinInA = a.recipients[3];
    const rb = b.recipients[0];
    const emailB = (await contactOf(rb.contactId)).email;
    await db().update(contacts).set({ email: emailB }).where(eq(contacts.id, twinInA.contactId));
    const beforeA = { contact: await contactOf(twinInA.contactId), enrolment: await enrolmentOf(twinInA.enrolmentId) };

    expect(await save(rb.token, saveForm('submission-eeeeeeeeeeee1', ['product'], 'quarterly'))).toEqual({ outcome: 'saved', reactivated: 1 });
    expect((await contactOf(rb.contactId)).preferences).toMatchObject({ topics: ['product'] });
    expect((await enrolmentOf(rb.enrolmentId)).status).toBe('reactivated');
    expect(await contactOf(twinInA.contactId)).toEqual(beforeA.contact);
    expect(await enrolmentOf(twinInA.enrolmentId)).toEqual(beforeA.enrolment);
    const [event] = await prefEvents(rb.contactId);
    expect(event.workspaceId).toBe(b.workspaceId);
    expect(await db().select().from(events).where(and(eq(events.workspaceId, a.workspaceId), eq(events.contactId, twinInA.contactId)))).toHaveLength(0);
  });

  it('limits a flood of saves on one mail and writes nothing for the refused ones', async () => {
    const r = a.recipients[4];
    for (let i = 0; i < PREFERENCE_SAVE_LIMIT; i++) {
      expect((await save(r.token, saveForm(`submission-flood-${String(i).padStart(6, '0')}`))).outcome).toBe('saved');
    }
    await expect(save(r.token, saveForm('submission-flood-over-limit'))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await prefEvents(r.contactId)).toHaveLength(PREFERENCE_SAVE_LIMIT);
  });
});

describe('unsubscribing from everything', () => {
  it('unsubscribes exactly as the mail link does and is not a reactivation', async () => {
    const r = a.recipients[5];
    expect(await save(r.token, { intent: 'unsubscribe' })).toEqual({ outcome: 'unsubscribed', reactivated: 0 });
    const contact = await contactOf(r.contactId);
    expect(contact.status).toBe('unsubscribed');
    expect(contact.tags).not.toContain(REACTIVATED_TAG);
    expect((await enrolmentOf(r.enrolmentId)).status).toBe('active');
    const unsub = await db().select().from(events).where(and(eq(events.sendId, r.sendId), eq(events.type, 'unsubscribe')));
    expect(unsub).toHaveLength(1);
    expect(unsub[0]).toMatchObject({ campaignId: a.campaignId, contactId: r.contactId, machine: false });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.action, 'contact.unsubscribed'), eq(auditLog.target, r.contactId)));
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ sendId: r.sendId, via: 'preferences' });

    // A replay adds nothing; a later save neither re-subscribes nor reactivates.
    await save(r.token, { intent: 'unsubscribe' });
    expect(await db().select().from(events).where(and(eq(events.sendId, r.sendId), eq(events.type, 'unsubscribe')))).toHaveLength(1);
    expect(await save(r.token, saveForm('submission-ffffffffffff1'))).toEqual({ outcome: 'notSubscribed', reactivated: 0 });
    expect((await contactOf(r.contactId)).status).toBe('unsubscribed');
    expect((await enrolmentOf(r.enrolmentId)).status).toBe('active');
    expect(await prefEvents(r.contactId)).toHaveLength(0);
    expect((await loadPreferenceCentre(db(), r.token))?.subscribed).toBe(false);
  });
});

describe('the form POST (app/p/[token]/save)', () => {
  it('saves a plain urlencoded form and redirects back to the page (303)', async () => {
    const r = a.recipients[6];
    const res = await post(r.token, 'intent=save&topic=news&topic=events&frequency=weekly&submissionId=submission-gggggggggggg1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/p/${r.token}?notice=saved`);
    expect((await contactOf(r.contactId)).preferences).toMatchObject({ topics: ['news', 'events'], frequency: 'weekly' });
    expect((await enrolmentOf(r.enrolmentId)).status).toBe('reactivated');
  });

  it('sends garbage back with a clear notice and stores nothing', async () => {
    const r = a.recipients[7];
    for (const body of ['intent=save&topic=casino&frequency=weekly&submissionId=submission-hhhhhhhhhhhh1', 'intent=save', '%%%', '']) {
      const res = await post(r.token, body);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/p/${r.token}?notice=invalid`);
    }
    const tooLarge = await post(r.token, `intent=save&x=${'y'.repeat(10_000)}`);
    expect(tooLarge.headers.get('location')).toBe(`/p/${r.token}?notice=tooLarge`);
    expect(await prefEvents(r.contactId)).toHaveLength(0);
    expect((await contactOf(r.contactId)).preferences).toBeNull();
  });

  it('answers a bad token with the plain not-found page, naming nobody', async () => {
    const r = a.recipients[7];
    for (const bad of [signToken('survey', [r.sendId]), r.token.slice(0, -3), 'garbage']) {
      const res = await post(bad, 'intent=unsubscribe');
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('Link not valid');
      expect(html).not.toContain('Prefs A');
    }
    expect((await contactOf(r.contactId)).status).toBe('subscribed');
  });

  it('refuses a form posted from another site', async () => {
    const r = a.recipients[7];
    const res = await post(r.token, 'intent=unsubscribe', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await contactOf(r.contactId)).status).toBe('subscribed');
  });
});
