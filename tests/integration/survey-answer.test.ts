import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contacts, jobs, surveyResponses } from '@/lib/db/schema';
import { SURVEY_JOB_KINDS } from '@/lib/surveys/jobs';
import { confirmAnswer, InvalidScoreError, recordAnswer } from '@/lib/surveys/answer';
import { makeContact } from './support/contacts';
import { setupTestDb } from './support/db';
import { makeUser } from './support/factories';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
const contactRow = async (id: string) => (await db().select().from(contacts).where(eq(contacts.id, id)))[0];

describe('recordAnswer: categorised by lib/metrics in the answer’s own transaction', () => {
  it('sets the contact’s NPS category, latest answer wins, and a late older answer never overwrites', async () => {
    const { workspace } = await makeUser(db());
    const survey = await makeSurvey(db(), workspace.id);
    const contact = await makeContact(db(), workspace.id);
    const t0 = new Date(Date.now() - 60_000);
    const first = await recordAnswer(db(), { survey, channel: 'personal', score: 10, contactId: contact.id, sendId: 1, now: t0 });
    expect(first).toMatchObject({ outcome: 'created', group: 'promoter', status: 'confirmed' });
    expect((await contactRow(contact.id)).npsCategory).toBe('promoter');
    const changed = await recordAnswer(db(), { survey, channel: 'personal', score: 3, contactId: contact.id, sendId: 1 });
    expect(changed).toMatchObject({ outcome: 'updated', responseId: first.responseId, group: 'detractor' });
    expect((await contactRow(contact.id)).npsCategory).toBe('detractor');
    // An answer from another send stamped earlier than the latest does not win.
    await recordAnswer(db(), { survey, channel: 'personal', score: 8, contactId: contact.id, sendId: 2, now: t0 });
    expect((await contactRow(contact.id)).npsCategory).toBe('detractor');
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).toHaveLength(2);
  });

  it('CSAT answers set the CSAT category, not the NPS one', async () => {
    const { workspace } = await makeUser(db());
    const survey = await makeSurvey(db(), workspace.id, { kind: 'csat' });
    const contact = await makeContact(db(), workspace.id);
    const r = await recordAnswer(db(), { survey, channel: 'personal', score: 3, contactId: contact.id, sendId: 9 });
    expect(r.group).toBe('passive');
    const row = await contactRow(contact.id);
    expect(row.csatCategory).toBe('neutral');
    expect(row.npsCategory).toBeNull();
    await expect(recordAnswer(db(), { survey, channel: 'link', score: 0 })).rejects.toBeInstanceOf(InvalidScoreError);
  });

  it('a replayed submission stores nothing new; a closed change window keeps the stored answer', async () => {
    const { workspace } = await makeUser(db());
    const survey = await makeSurvey(db(), workspace.id, { changeWindowHours: 1 });
    const a = await recordAnswer(db(), { survey, channel: 'link', score: 9, browserKey: 'b1', submissionId: 's1' });
    const replay = await recordAnswer(db(), { survey, channel: 'link', score: 2, browserKey: 'b1', submissionId: 's1' });
    expect(replay).toMatchObject({ outcome: 'replayed', responseId: a.responseId, group: 'promoter' });
    const later = new Date(Date.now() + 2 * 3_600_000);
    const locked = await recordAnswer(db(), { survey, channel: 'link', score: 2, browserKey: 'b1', submissionId: 's2', now: later });
    expect(locked.outcome).toBe('locked');
    const rows = await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
    expect(rows.map((r) => r.score)).toEqual([9]);
  });

  it('a provisional mail score changes no contact until confirmed; a detractor then alerts once', async () => {
    const { workspace, user } = await makeUser(db());
    const survey = await makeSurvey(db(), workspace.id, { alertUserIds: [user.id] });
    const contact = await makeContact(db(), workspace.id);
    const r = await recordAnswer(db(), { survey, channel: 'email', score: 2, contactId: contact.id, sendId: 5, status: 'provisional' });
    expect((await contactRow(contact.id)).npsCategory).toBeNull();
    const alerts = () => db().select().from(jobs).where(eq(jobs.key, `${SURVEY_JOB_KINDS.detractorAlert}:${r.responseId}`));
    expect(await alerts()).toHaveLength(0);
    expect(await confirmAnswer(db(), survey, r.responseId)).toBe(true);
    expect(await confirmAnswer(db(), survey, r.responseId)).toBe(false);
    expect((await contactRow(contact.id)).npsCategory).toBe('detractor');
    expect(await alerts()).toHaveLength(1);
  });
});
