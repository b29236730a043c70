import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { contacts, surveyResponses, workspaces, type ResponseChannel, type ResponseStatus, type Survey, type SurveyGroup } from '@/lib/db/schema';
import { takeAttempt } from '@/lib/auth/throttle';
import { runner } from '@/lib/tracking/store';
import { withTransaction } from '@/lib/db/transaction';
import { enqueue } from '@/lib/jobs/queue';
import { csatCategory, isValidScore, surveyGroup } from '@/lib/metrics';
import { sequenceNow } from '@/lib/sequences/clock';
import { reactivateContact } from '@/lib/sequences/exits';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { webhookOutboxCtes } from '@/lib/webhooks/outgoing/outbox';
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
  /**
   * A flood limit (a fixed-window bucket of rate_limits, the rule of lib/auth/throttle) taken in
   * the answer's own statement or transaction: over it nothing is stored and
   * AnswerThrottledError is thrown. The public link passes its per-address bucket here.
   */
  attempt?: { key: string; limit: number; windowSeconds: number } | null;
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

/** The answer's flood limit was exceeded: nothing was stored; retry after this many seconds. */
export class AnswerThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many answers');
  }
}

export async function recordAnswer(db: Db, input: AnswerInput): Promise<AnswerResult> {
  const { survey } = input;
  if (!isValidScore(survey.kind, input.score)) throw new InvalidScoreError(survey.kind, input.score);
  const group = surveyGroup(survey.kind, input.score);
  const now = input.now ?? new Date();
  const status = input.status ?? 'confirmed';
  let attemptTaken = false;
  if (status === 'confirmed' && input.sendId == null && input.browserKey && !input.contactId && !(group === 'detractor' && survey.alertUserIds.length > 0)) {
    const quick = await firstAnonymousAnswer(db, input, group, now);
    if (quick && 'outcome' in quick) return quick;
    attemptTaken = quick?.attemptTaken ?? false;
  }
  return withTransaction(db, async (tx) => {
    if (input.attempt && !attemptTaken) {
      const { key, limit, windowSeconds } = input.attempt;
      const wait = await takeAttempt(tx, [{ key, limit, windowMs: windowSeconds * 1000 }], now);
      if (wait > 0) throw new AnswerThrottledError(wait);
    }
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
          await applyConfirmed(tx, survey, {
            contactId: existing.contactId,
            score: input.score,
            group,
            responseId: existing.id,
            now,
            alert: existing.status !== 'confirmed' || existing.category !== group,
            hasComment: Boolean(input.comment === undefined ? existing.comment : input.comment),
          });
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
      await applyConfirmed(tx, survey, { contactId: input.contactId ?? null, score: input.score, group, responseId: row.id, now, alert: true, hasComment: Boolean(input.comment) });
    }
    return { outcome: 'created', responseId: row.id, group, status };
  });
}

/**
 * The common case of the public link in ONE statement (the hot path of bench/survey.mjs): a new
 * anonymous answer that changes no contact and alerts nobody is inserted unless its form id was
 * seen (→ replayed) or its browser already answered. Null when the general path must decide
 * (the browser's earlier answer, or a concurrent first answer that won the unique index).
 */
async function firstAnonymousAnswer(
  db: Db,
  input: AnswerInput,
  group: SurveyGroup,
  now: Date,
): Promise<AnswerResult | { attemptTaken: boolean } | null> {
  const { survey } = input;
  // The raw client keeps the statement prepared. Inside a caller's transaction there is none:
  // the general path decides instead.
  let run: ReturnType<typeof runner>;
  try {
    run = runner(db);
  } catch {
    return null;
  }
  const rows = await run(FIRST_ANONYMOUS_SQL, [
    survey.id,
    input.submissionId ?? null,
    input.browserKey,
    survey.workspaceId,
    input.campaignId ?? null,
    input.channel,
    input.score,
    group,
    input.comment ?? null,
    input.locale ?? null,
    now.toISOString(),
    input.attempt?.key ?? null,
    input.attempt?.limit ?? 0,
    input.attempt?.windowSeconds ?? 0,
    webhookCategory(survey.kind, input.score, group),
  ]);
  const row = rows[0] as
    | { inserted: unknown; seen_id: unknown; seen_category: SurveyGroup | null; seen_status: ResponseStatus | null; hits: unknown; window_start: unknown }
    | undefined;
  if (input.attempt && row && Number(row.hits) > input.attempt.limit) {
    const windowStart = row.window_start instanceof Date ? row.window_start : new Date(String(row.window_start));
    const unlockAt = windowStart.getTime() + input.attempt.windowSeconds * 1000;
    throw new AnswerThrottledError(Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000)));
  }
  if (row?.inserted != null) return { outcome: 'created', responseId: Number(row.inserted), group, status: 'confirmed' };
  if (row?.seen_id != null) return { outcome: 'replayed', responseId: Number(row.seen_id), group: row.seen_category!, status: row.seen_status! };
  return { attemptTaken: Boolean(input.attempt) };
}

// One statement, one commit: the flood attempt ($12, the rule of lib/auth/throttle takeAttempt),
// the replay check, the browser check and the insert.
const FIRST_ANONYMOUS_SQL = `
with l as (
  insert into rate_limits (key, hits, window_start) select $12::text, 1, $11::timestamptz where $12::text is not null
  on conflict (key) do update set
    hits = case when rate_limits.window_start <= $11::timestamptz - make_interval(secs => $14::int) then 1 else rate_limits.hits + 1 end,
    window_start = case when rate_limits.window_start <= $11::timestamptz - make_interval(secs => $14::int) then $11::timestamptz else rate_limits.window_start end
  returning hits, window_start
), seen as (
  select id, category, status from survey_responses where survey_id = $1::uuid and submission_id = $2::text
), existing as (
  select 1 from survey_responses where survey_id = $1::uuid and browser_key = $3::text
), ins as (
  insert into survey_responses (workspace_id, survey_id, campaign_id, channel, score, category, comment, status, browser_key, submission_id, locale, created_at, updated_at, confirmed_at)
  select $4::uuid, $1::uuid, $5::uuid, $6::text, $7::smallint, $8::text, $9::text, 'confirmed', $3::text, $2::text, $10::text, $11::timestamptz, $11::timestamptz, $11::timestamptz
  where coalesce((select hits from l), 0) <= $13::int and not exists (select 1 from seen) and not exists (select 1 from existing)
  on conflict do nothing
  returning id
), ${webhookOutboxCtes(
  'wh',
  'survey.answered',
  // The data of surveyAnsweredData below, for the anonymous answer just inserted.
  `select $4::uuid as workspace_id, jsonb_build_object('surveyId', $1::uuid, 'kind', (select kind from surveys where id = $1::uuid),
     'responseId', ins.id, 'contactId', null, 'score', $7::smallint, 'category', $15::text, 'hasComment', coalesce($9::text, '') <> '',
     'answeredAt', to_char($11::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as data from ins`,
)}
select (select id from ins) as inserted, s.id as seen_id, s.category as seen_category, s.status as seen_status,
       (select hits from l) as hits, (select window_start from l) as window_start
from (select 1) one left join seen s on true limit 1`;

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
      .returning({ contactId: surveyResponses.contactId, score: surveyResponses.score, category: surveyResponses.category, comment: surveyResponses.comment });
    if (!row) return false;
    await applyConfirmed(tx, survey, { contactId: row.contactId, score: row.score, group: row.category, responseId, now, alert: true, hasComment: Boolean(row.comment) });
    return true;
  });
}

/** What a confirmed answer changes beyond its own row: the contact's category and the team alert. */
async function applyConfirmed(
  tx: Db,
  survey: SurveyForAnswer,
  a: { contactId: string | null; score: number; group: SurveyGroup; responseId: number; now: Date; alert: boolean; hasComment: boolean },
): Promise<void> {
  // The outgoing `survey.answered` webhook: once per confirmed answer; a changed answer (within
  // the change window) is confirmed again and emits again, with the same responseId.
  await emitWebhookEvent(tx, { workspaceId: survey.workspaceId, event: 'survey.answered', data: surveyAnsweredData(survey, a) });
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
  if (a.contactId) {
    // An answer is re-engagement where the workspace counts survey answers: it ends the contact's
    // active sequence enrolments in this same transaction.
    const [ws] = await tx.select({ signals: workspaces.inactivitySignals }).from(workspaces).where(eq(workspaces.id, survey.workspaceId));
    if (ws?.signals.includes('survey')) {
      await reactivateContact(tx, { workspaceId: survey.workspaceId, contactId: a.contactId, reason: 'survey', at: await sequenceNow(tx) });
    }
  }
  if (a.alert && a.group === 'detractor' && survey.alertUserIds.length > 0) {
    await enqueue(tx, {
      kind: SURVEY_JOB_KINDS.detractorAlert,
      key: `${SURVEY_JOB_KINDS.detractorAlert}:${a.responseId}`,
      payload: { surveyId: survey.id, responseId: a.responseId },
    });
  }
}

/** The category a receiver expects: promoter/passive/detractor for NPS, satisfied/neutral/dissatisfied for CSAT (lib/metrics). */
function webhookCategory(kind: SurveyForAnswer['kind'], score: number, group: SurveyGroup): string {
  return kind === 'csat' ? csatCategory(score) : group;
}

function surveyAnsweredData(
  survey: SurveyForAnswer,
  a: { contactId: string | null; score: number; group: SurveyGroup; responseId: number; now: Date; hasComment: boolean },
): Record<string, unknown> {
  return {
    surveyId: survey.id,
    kind: survey.kind,
    responseId: a.responseId,
    contactId: a.contactId,
    score: a.score,
    category: webhookCategory(survey.kind, a.score, a.group),
    hasComment: a.hasComment,
    answeredAt: a.now.toISOString(),
  };
}
