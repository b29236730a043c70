import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { contacts, surveyResponses, type ResponseChannel, type ResponseStatus, type Survey, type SurveyGroup } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { enqueue } from '@/lib/jobs/queue';
import { csatCategory, isValidScore, surveyGroup } from '@/lib/metrics';
import { SURVEY_JOB_KINDS } from './jobs';

/**
 * The one way an answer enters Pulse. Every caller (public link, personal link, score buttons in
 * a mail, the API later) goes through recordAnswer/confirmAnswer, so categorisation by lib/metrics,
 * the contact's category (latest answer wins) and the detractor alert always land in the answer's
 * own transaction — or not at all.
 */
export type SurveyForAnswer = Pick<Survey, 'id' | 'workspaceId' | 'kind' | 'changeWindowHours' | 'alertUserIds'>;

export interface AnswerInput {
  survey: SurveyForAnswer;
  channel: ResponseChannel;
  score: number;
  comment?: string | null;
  contactId?: string | null;
  campaignId?: string | null;
  sendId?: number | null;
  /** Anonymous answers: the per-browser cookie's id. */
  browserKey?: string | null;
  /** The form's one-time id; a replay stores nothing new. */
  submissionId?: string | null;
  status?: ResponseStatus;
  flagReason?: string | null;
  locale?: string | null;
  now?: Date;
}

export type AnswerResult =
  | { outcome: 'created' | 'updated' | 'replayed'; responseId: number; group: SurveyGroup; status: ResponseStatus }
  /** The change window of a personal or per-browser answer has passed: the stored answer stands. */
  | { outcome: 'locked'; responseId: number; group: SurveyGroup; status: ResponseStatus };

export class InvalidScoreError extends Error {
  constructor(readonly kind: string, readonly score: unknown) {
    super(`invalid ${kind} score`);
  }
}

export async function recordAnswer(db: Db, input: AnswerInput): Promise<AnswerResult> {
  const { survey } = input;
  if (!isValidScore(survey.kind, input.score)) throw new InvalidScoreError(survey.kind, input.score);
  const group = surveyGroup(survey.kind, input.score);
  const now = input.now ?? new Date();
  const status = input.status ?? 'confirmed';
  return withTransaction(db, async (tx) => {
    if (input.submissionId) {
      const [seen] = await tx
        .select({ id: surveyResponses.id, category: surveyResponses.category, status: surveyResponses.status })
        .from(surveyResponses)
        .where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.submissionId, input.submissionId)));
      if (seen) return { outcome: 'replayed', responseId: seen.id, group: seen.category, status: seen.status };
    }
    const key = input.sendId != null ? ('send' as const) : input.browserKey ? ('browser' as const) : null;
    if (key) {
      // Lock the existing answer of this send or browser, if any: latest wins within the window.
      const where =
        key === 'send'
          ? and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.sendId, input.sendId!))
          : and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.browserKey, input.browserKey!));
      const [existing] = await tx.select().from(surveyResponses).where(where).for('update');
      if (existing) {
        const open = now.getTime() - existing.createdAt.getTime() <= survey.changeWindowHours * 3_600_000;
        if (!open) return { outcome: 'locked', responseId: existing.id, group: existing.category, status: existing.status };
        // A flagged mail score never blocks the person's own answer; a confirmed one never goes back to provisional.
        const nextStatus: ResponseStatus = existing.status === 'confirmed' && status === 'provisional' ? 'confirmed' : status;
        await tx
          .update(surveyResponses)
          .set({
            score: input.score,
            category: group,
            comment: input.comment === undefined ? existing.comment : input.comment,
            status: nextStatus,
            flagReason: nextStatus === 'flagged' ? (input.flagReason ?? null) : null,
            submissionId: input.submissionId ?? existing.submissionId,
            locale: input.locale ?? existing.locale,
            updatedAt: now,
            confirmedAt: nextStatus === 'confirmed' ? (existing.confirmedAt ?? now) : null,
          })
          .where(eq(surveyResponses.id, existing.id));
        if (nextStatus === 'confirmed') {
          await applyConfirmed(tx, survey, { contactId: existing.contactId, score: input.score, group, responseId: existing.id, now, alert: existing.status !== 'confirmed' || existing.category !== group });
        }
        return { outcome: 'updated', responseId: existing.id, group, status: nextStatus };
      }
    }
    const [row] = await tx
      .insert(surveyResponses)
      .values({
        workspaceId: survey.workspaceId,
        surveyId: survey.id,
        contactId: input.contactId ?? null,
        campaignId: input.campaignId ?? null,
        sendId: input.sendId ?? null,
        channel: input.channel,
        score: input.score,
        category: group,
        comment: input.comment ?? null,
        status,
        flagReason: status === 'flagged' ? (input.flagReason ?? null) : null,
        browserKey: input.browserKey ?? null,
        submissionId: input.submissionId ?? null,
        locale: input.locale ?? null,
        createdAt: now,
        updatedAt: now,
        confirmedAt: status === 'confirmed' ? now : null,
      })
      .returning({ id: surveyResponses.id });
    if (status === 'confirmed') {
      await applyConfirmed(tx, survey, { contactId: input.contactId ?? null, score: input.score, group, responseId: row.id, now, alert: true });
    }
    return { outcome: 'created', responseId: row.id, group, status };
  });
}

/**
 * A provisional mail score becomes confirmed (the person interacted with the page). Returns false
 * when there is nothing to confirm (already confirmed, flagged, or not this survey's).
 */
export async function confirmAnswer(db: Db, survey: SurveyForAnswer, responseId: number, now = new Date()): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .update(surveyResponses)
      .set({ status: 'confirmed', confirmedAt: now, updatedAt: now })
      .where(and(eq(surveyResponses.id, responseId), eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.status, 'provisional')))
      .returning({ contactId: surveyResponses.contactId, score: surveyResponses.score, category: surveyResponses.category });
    if (!row) return false;
    await applyConfirmed(tx, survey, { contactId: row.contactId, score: row.score, group: row.category, responseId, now, alert: true });
    return true;
  });
}

/** What a confirmed answer changes beyond its own row: the contact's category and the team alert. */
async function applyConfirmed(
  tx: Db,
  survey: SurveyForAnswer,
  a: { contactId: string | null; score: number; group: SurveyGroup; responseId: number; now: Date; alert: boolean },
): Promise<void> {
  if (a.contactId) {
    // Latest answer wins: an older answer confirmed late never overwrites a newer one.
    const set =
      survey.kind === 'nps'
        ? { npsCategory: a.group, npsAnsweredAt: a.now }
        : { csatCategory: csatCategory(a.score), csatAnsweredAt: a.now };
    const answeredAt = survey.kind === 'nps' ? contacts.npsAnsweredAt : contacts.csatAnsweredAt;
    await tx
      .update(contacts)
      .set({
        ...set,
        // A survey answer is engagement: it moves the contact's last activity forward, never back.
        lastActivityAt: sql`greatest(${contacts.lastActivityAt}, ${a.now.toISOString()}::timestamptz)`,
        updatedAt: a.now,
      })
      .where(
        and(
          eq(contacts.id, a.contactId),
          eq(contacts.workspaceId, survey.workspaceId),
          sql`(${answeredAt} is null or ${answeredAt} <= ${a.now.toISOString()}::timestamptz)`,
        ),
      );
  }
  if (a.alert && a.group === 'detractor' && survey.alertUserIds.length > 0) {
    await enqueue(tx, {
      kind: SURVEY_JOB_KINDS.detractorAlert,
      key: `${SURVEY_JOB_KINDS.detractorAlert}:${a.responseId}`,
      payload: { surveyId: survey.id, responseId: a.responseId },
    });
  }
}
