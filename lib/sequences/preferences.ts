import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { takeAttempt } from '@/lib/auth/throttle';
import { writeAudit } from '@/lib/db/audit';
import type { Db } from '@/lib/db/client';
import { campaignSends, contacts, events, workspaces, type ContactPreferences } from '@/lib/db/schema';
import { PREFERENCE_FREQUENCIES, PREFERENCE_TOPICS, type PreferenceFrequency, type PreferenceTopic } from '@/lib/db/schema/sequences/constants';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { AppError, invalid, notFound } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { unsubscribe } from '@/lib/tracking/store';
import { sequenceNow } from './clock';
import { reactivateContact } from './exits';
import { preferencesSendId } from './preference-links';

/**
 * The preference centre (/p/<token>): a recipient picks topics and frequency, or unsubscribes from
 * everything. No login: the signed token names one send row, and everything is read and written
 * through that row's workspace and contact only.
 */

/** Saves per mail and window: a person changes their mind a few times, a script is stopped. */
export const PREFERENCE_SAVE_LIMIT = 10;
export const PREFERENCE_SAVE_WINDOW_MS = 10 * 60 * 1000;
/** The one-time id of a rendered form: a replayed POST finds its own event and changes nothing. */
export const PREFERENCE_SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface PreferenceCentre {
  sendId: number;
  campaignId: string;
  workspaceId: string;
  workspaceName: string;
  locale: Locale;
  timeZone: string;
  contactId: string;
  subscribed: boolean;
  preferences: { topics: PreferenceTopic[]; frequency: PreferenceFrequency; updatedAt: string | null };
}

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

/** The form, as the page posts it (checkboxes `topic`, a radio `frequency`, the hidden one-time id). */
export const preferenceFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('save'),
    topics: z.array(z.enum(PREFERENCE_TOPICS)).max(PREFERENCE_TOPICS.length).refine(unique),
    frequency: z.enum(PREFERENCE_FREQUENCIES),
    submissionId: z.string().regex(PREFERENCE_SUBMISSION_ID),
  }),
  z.object({ intent: z.literal('unsubscribe') }),
]);
export type PreferenceForm = z.infer<typeof preferenceFormSchema>;

/** What was stored, read defensively: a hand-edited or older value falls back to "as is", no topics. */
function storedChoices(raw: ContactPreferences | null): PreferenceCentre['preferences'] {
  const topics = (raw?.topics ?? []).filter((x): x is PreferenceTopic => (PREFERENCE_TOPICS as readonly string[]).includes(x));
  const frequency = (PREFERENCE_FREQUENCIES as readonly string[]).includes(raw?.frequency ?? '') ? (raw!.frequency as PreferenceFrequency) : 'asIs';
  return { topics, frequency, updatedAt: raw?.updatedAt ?? null };
}

/** The page's model for a token, or null (forged, other purpose, or the send no longer exists). */
export async function loadPreferenceCentre(db: Db, token: string): Promise<PreferenceCentre | null> {
  const sendId = preferencesSendId(token);
  if (sendId === null) return null;
  const [row] = await db
    .select({
      campaignId: campaignSends.campaignId,
      workspaceId: campaignSends.workspaceId,
      workspaceName: workspaces.name,
      locale: workspaces.locale,
      timeZone: workspaces.timezone,
      contactId: contacts.id,
      status: contacts.status,
      preferences: contacts.preferences,
    })
    .from(campaignSends)
    .innerJoin(workspaces, eq(workspaces.id, campaignSends.workspaceId))
    .innerJoin(contacts, and(eq(contacts.id, campaignSends.contactId), eq(contacts.workspaceId, campaignSends.workspaceId)))
    .where(eq(campaignSends.id, sendId))
    .limit(1);
  if (!row) return null;
  return {
    sendId,
    campaignId: row.campaignId,
    workspaceId: row.workspaceId,
    workspaceName: row.workspaceName,
    locale: isLocale(row.locale) ? row.locale : 'en',
    timeZone: row.timeZone,
    contactId: row.contactId,
    subscribed: row.status === 'subscribed',
    preferences: storedChoices(row.preferences),
  };
}

export type PreferenceOutcome = 'saved' | 'replayed' | 'unsubscribed' | 'notSubscribed';

/**
 * Saves the form of one token, in one transaction: the contact's preferences, a
 * `preference_update` event on the token's campaign and send, an audit row, and — because saving
 * is re-engagement — every active enrolment of the contact exits as reactivated (reason
 * 'preference', at the sequence clock). "Unsubscribe from everything" takes the mail's own
 * unsubscribe path (lib/tracking/store) and is not a reactivation. A replayed form (same one-time
 * id) changes nothing; a contact who is no longer subscribed is not silently re-subscribed.
 */
export async function savePreferences({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { token: string; form: unknown };
}): Promise<{ outcome: PreferenceOutcome; reactivated: number }> {
  const sendId = preferencesSendId(input.token);
  if (sendId === null) throw notFound('notFound');
  const parsed = preferenceFormSchema.safeParse(input.form);
  if (!parsed.success) throw invalid('validation');
  const form = parsed.data;

  if (form.intent === 'unsubscribe') {
    // One statement: status, `unsubscribe` event and audit row ride on the subscribed → unsubscribed flip.
    const done = await unsubscribe(ctx.db, sendId, 'preferences');
    if (!done) throw notFound('notFound');
    return { outcome: 'unsubscribed', reactivated: 0 };
  }

  return withTransaction(ctx.db, async (tx) => {
    // The send and its contact, the contact row locked: concurrent saves (and replays) queue here.
    const [target] = await executeRows<{ workspace_id: string; campaign_id: string; contact_id: string; status: string }>(
      tx,
      sql`select s.workspace_id, s.campaign_id, c.id as contact_id, c.status
          from ${campaignSends} s join ${contacts} c on c.id = s.contact_id and c.workspace_id = s.workspace_id
          where s.id = ${sendId} for update of c`,
    );
    if (!target) throw notFound('notFound');
    const scope = { workspaceId: target.workspace_id, contactId: target.contact_id };

    const [replay] = await tx
      .select({ id: events.id })
      .from(events)
      .where(
        and(
          eq(events.campaignId, target.campaign_id),
          eq(events.type, 'preference_update'),
          eq(events.sendId, sendId),
          sql`${events.meta}->>'submissionId' = ${form.submissionId}`,
        ),
      )
      .limit(1);
    if (replay) return { outcome: 'replayed' as const, reactivated: 0 };
    if (target.status !== 'subscribed') return { outcome: 'notSubscribed' as const, reactivated: 0 };

    const wait = await takeAttempt(tx, [{ key: `preferences:${sendId}`, limit: PREFERENCE_SAVE_LIMIT, windowMs: PREFERENCE_SAVE_WINDOW_MS }]);
    if (wait > 0) throw new AppError('RATE_LIMITED', 'rateLimited', { seconds: wait });

    const at = await sequenceNow(tx);
    const preferences: ContactPreferences = { topics: form.topics, frequency: form.frequency, updatedAt: at.toISOString() };
    await tx
      .update(contacts)
      .set({ preferences, updatedAt: new Date() })
      .where(and(eq(contacts.id, scope.contactId), eq(contacts.workspaceId, scope.workspaceId)));
    await tx.insert(events).values({
      workspaceId: scope.workspaceId,
      campaignId: target.campaign_id,
      sendId,
      contactId: scope.contactId,
      type: 'preference_update',
      meta: { topics: form.topics, frequency: form.frequency, unsubscribed: false, submissionId: form.submissionId },
    });
    const reactivated = await reactivateContact(tx, { ...scope, reason: 'preference', at });
    await writeAudit(tx, { workspaceId: scope.workspaceId, userId: null }, 'contact.preferencesUpdated', scope.contactId, {
      campaignId: target.campaign_id,
      sendId,
      topics: form.topics,
      frequency: form.frequency,
      reactivated,
    });
    return { outcome: 'saved' as const, reactivated };
  });
}

/** The urlencoded form body as the schema's input: repeated `topic` fields become the topics array. */
export function preferenceFormFromBody(params: URLSearchParams): Record<string, unknown> {
  return {
    intent: params.get('intent'),
    topics: params.getAll('topic'),
    frequency: params.get('frequency'),
    submissionId: params.get('submissionId'),
  };
}
