import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, sequenceEnrolments } from '@/lib/db/schema';
import { REACTIVATED_TAG } from '@/lib/sequences/exits';
import { updateInactivitySettings } from '@/lib/workspaces/inactivity';
import { callApi, makeApiKey } from './support/api';
import { installProcessDb } from './support/campaigns';
import { setupTestDb } from './support/db';
import { makeSequence } from './support/sequences';

/**
 * POST /api/v1/events as an inactivity signal: it moves the contact's signal forward only, and —
 * where the workspace counts that signal — ends the contact's active sequence enrolment as
 * reactivated, like a click or a survey answer does.
 */
const db = setupTestDb();
let restoreDb: () => void;
let seq: Awaited<ReturnType<typeof makeSequence>>;
let key: string;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  seq = await makeSequence(db(), { contacts: 4 });
  expect(seq.enrolled).toBe(4);
  key = (await makeApiKey(db(), seq.ctx.userId, seq.ctx.workspaceId, 'write')).key;
});
afterAll(() => restoreDb?.());

const enrolmentOf = async (contactId: string) => (await db().select().from(sequenceEnrolments).where(eq(sequenceEnrolments.contactId, contactId)))[0];
const contactOf = async (contactId: string) => (await db().select().from(contacts).where(eq(contacts.id, contactId)))[0];

describe('events as inactivity signals', () => {
  it('a reply (counted by default) reactivates the active enrolment in the same call', async () => {
    const c = seq.contacts[0];
    const r = await callApi('POST', '/api/v1/events', { key, body: { type: 'reply', contactId: c.id } });
    expect(r).toMatchObject({ status: 201, body: { data: { reactivated: true } } });
    expect(await enrolmentOf(c.id)).toMatchObject({ status: 'reactivated', exitReason: 'reply', nextDueAt: null });
    const row = await contactOf(c.id);
    expect(row.tags).toContain(REACTIVATED_TAG);
    expect(row.lastReplyAt).toBeInstanceOf(Date);
    expect(row.lastActivityAt!.getTime()).toBe(row.lastReplyAt!.getTime());
  });

  it('a site visit the workspace does not count moves last_visit_at only', async () => {
    const c = seq.contacts[1];
    const before = await contactOf(c.id);
    const r = await callApi('POST', '/api/v1/events', { key, body: { type: 'site_visit', email: c.email } });
    expect(r).toMatchObject({ status: 201, body: { data: { reactivated: false } } });
    expect((await enrolmentOf(c.id)).status).toBe('active');
    const row = await contactOf(c.id);
    expect(row.lastVisitAt).toBeInstanceOf(Date);
    expect(row.lastActivityAt).toEqual(before.lastActivityAt);
    expect(row.tags).not.toContain(REACTIVATED_TAG);
  });

  it('activity from before the enrolment began does not reactivate it', async () => {
    const c = seq.contacts[2];
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const r = await callApi('POST', '/api/v1/events', { key, body: { type: 'reply', contactId: c.id, occurredAt: old } });
    expect(r).toMatchObject({ status: 201, body: { data: { reactivated: false, occurredAt: old } } });
    expect((await enrolmentOf(c.id)).status).toBe('active');
    expect((await contactOf(c.id)).lastReplyAt!.toISOString()).toBe(old);
  });

  it('once the workspace counts app use, a login reactivates', async () => {
    await updateInactivitySettings({ ctx: seq.ctx, input: { inactivityDays: 90, signals: ['open', 'click', 'reply', 'conversion', 'survey', 'appUse'] } });
    const c = seq.contacts[3];
    const r = await callApi('POST', '/api/v1/events', { key, body: { type: 'login', contactId: c.id } });
    expect(r).toMatchObject({ status: 201, body: { data: { type: 'login', reactivated: true } } });
    expect(await enrolmentOf(c.id)).toMatchObject({ status: 'reactivated', exitReason: 'appUse' });
    expect((await contactOf(c.id)).lastAppUseAt).toBeInstanceOf(Date);
  });
});
