import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, campaignSends, surveyResponses, surveys, workspaces, type Survey } from '@/lib/db/schema';
import { isUniqueViolation } from '@/lib/db/sql';
import { runner } from '@/lib/tracking/store';
import { recordAnswer, type AnswerInput, type AnswerResult } from './answer';
import type { SurveyLook } from './render';
import { surveyStatusAt } from './get';
import { SURVEY_TOKEN_SHAPE } from './token';

/**
 * What the public survey paths load: a survey by its public token, or by a contact's send (the
 * personal link and the score buttons in a mail). Every lookup ties the survey to its workspace
 * in the WHERE clause, so a token of workspace B can only ever reach workspace B's survey.
 */
export type PublicSurveyRow = Pick<
  Survey,
  | 'id'
  | 'workspaceId'
  | 'kind'
  | 'status'
  | 'closesAt'
  | 'publicToken'
  | 'locale'
  | 'question'
  | 'followUp'
  | 'thankYou'
  | 'passiveNextStep'
  | 'brandColor'
  | 'logoUrl'
  | 'alertUserIds'
  | 'changeWindowHours'
>;

export interface PublicWorkspace {
  name: string;
  slug: string;
  locale: string;
  timezone: string;
  reviewUrl: string | null;
  referralUrl: string | null;
  mailScoreMode: 'provisional' | 'immediate';
}

export interface PublicSurvey {
  survey: PublicSurveyRow;
  workspace: PublicWorkspace;
}

export interface PersonalSurvey extends PublicSurvey {
  send: { id: number; contactId: string; campaignId: string; sentAt: Date | null };
}

const surveyColumns = {
  id: surveys.id,
  workspaceId: surveys.workspaceId,
  kind: surveys.kind,
  status: surveys.status,
  closesAt: surveys.closesAt,
  publicToken: surveys.publicToken,
  locale: surveys.locale,
  question: surveys.question,
  followUp: surveys.followUp,
  thankYou: surveys.thankYou,
  passiveNextStep: surveys.passiveNextStep,
  brandColor: surveys.brandColor,
  logoUrl: surveys.logoUrl,
  alertUserIds: surveys.alertUserIds,
  changeWindowHours: surveys.changeWindowHours,
};
const workspaceColumns = {
  name: workspaces.name,
  slug: workspaces.slug,
  locale: workspaces.locale,
  timezone: workspaces.timezone,
  reviewUrl: workspaces.reviewUrl,
  referralUrl: workspaces.referralUrl,
  mailScoreMode: workspaces.mailScoreMode,
};

// The public link's lookups are raw, constant-text statements (prepared on every pooled
// connection, like lib/tracking/store): the answer POST is the hot path of bench/survey.mjs.
const PUBLIC_COLUMNS = `s.id, s.workspace_id, s.kind, s.status, s.closes_at, s.public_token, s.locale, s.question, s.follow_up,
  s.thank_you, s.passive_next_step, s.brand_color, s.logo_url, to_jsonb(s.alert_user_ids) as alert_user_ids, s.change_window_hours,
  w.name as w_name, w.slug as w_slug, w.locale as w_locale, w.timezone as w_timezone, w.review_url as w_review_url,
  w.referral_url as w_referral_url, w.mail_score_mode as w_mail_score_mode`;

const PUBLIC_SQL = `select ${PUBLIC_COLUMNS} from surveys s join workspaces w on w.id = s.workspace_id where s.public_token = $1`;

type Row = Record<string, unknown>;
const asDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function publicFromRow(r: Row): PublicSurvey {
  return {
    survey: {
      id: String(r.id),
      workspaceId: String(r.workspace_id),
      kind: r.kind as Survey['kind'],
      status: r.status as Survey['status'],
      closesAt: asDate(r.closes_at),
      publicToken: String(r.public_token),
      locale: r.locale as Survey['locale'],
      question: String(r.question ?? ''),
      followUp: asJson<Survey['followUp']>(r.follow_up) ?? {},
      thankYou: asJson<Survey['thankYou']>(r.thank_you) ?? {},
      passiveNextStep: asJson<Survey['passiveNextStep']>(r.passive_next_step) ?? null,
      brandColor: String(r.brand_color),
      logoUrl: r.logo_url == null ? null : String(r.logo_url),
      alertUserIds: asJson<string[]>(r.alert_user_ids) ?? [],
      changeWindowHours: Number(r.change_window_hours),
    },
    workspace: {
      name: String(r.w_name),
      slug: String(r.w_slug),
      locale: String(r.w_locale),
      timezone: String(r.w_timezone),
      reviewUrl: r.w_review_url == null ? null : String(r.w_review_url),
      referralUrl: r.w_referral_url == null ? null : String(r.w_referral_url),
      mailScoreMode: r.w_mail_score_mode === 'immediate' ? 'immediate' : 'provisional',
    },
  };
}

/** The survey of a public token; null for a malformed token (no query), an unknown one or a draft. */
export async function loadPublicSurvey(db: Db, token: string): Promise<PublicSurvey | null> {
  if (!SURVEY_TOKEN_SHAPE.test(token)) return null;
  const [row] = await runner(db)(PUBLIC_SQL, [token]);
  if (!row || row.status === 'draft') return null;
  return publicFromRow(row);
}

/** The survey a send's campaign asks, with the send; null when the send or its survey is unknown. */
export async function loadPersonalSurvey(db: Db, sendId: number): Promise<PersonalSurvey | null> {
  const [row] = await db
    .select({
      survey: surveyColumns,
      workspace: workspaceColumns,
      send: { id: campaignSends.id, contactId: campaignSends.contactId, campaignId: campaignSends.campaignId, sentAt: campaignSends.sentAt },
    })
    .from(campaignSends)
    .innerJoin(campaigns, and(eq(campaigns.id, campaignSends.campaignId), eq(campaigns.workspaceId, campaignSends.workspaceId)))
    .innerJoin(surveys, and(eq(surveys.id, campaigns.surveyId), eq(surveys.workspaceId, campaignSends.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, campaignSends.workspaceId))
    .where(eq(campaignSends.id, sendId));
  if (!row || row.survey.status === 'draft') return null;
  return row;
}

/** Open for answers: status open and the close date (if any) still ahead. */
export function acceptsAnswers(survey: Pick<Survey, 'status' | 'closesAt'>, now = new Date()): boolean {
  return surveyStatusAt(survey, now) === 'open';
}

export function surveyLook(p: PublicSurvey): SurveyLook {
  return {
    kind: p.survey.kind,
    question: p.survey.question,
    followUp: p.survey.followUp ?? {},
    thankYou: p.survey.thankYou ?? {},
    passiveNextStep: p.survey.passiveNextStep ?? null,
    brandColor: p.survey.brandColor,
    logoUrl: p.survey.logoUrl,
    workspaceName: p.workspace.name,
  };
}

export type FollowUpWhich = 'review' | 'referral' | 'next';

/** Only http(s) targets, normalised by the URL parser; anything else is no link at all. */
export function safeHttpUrl(stored: string | null | undefined): string | null {
  if (!stored) return null;
  try {
    const u = new URL(stored);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The stored URL behind a follow-up link, or null when the workspace/survey configures none. */
export function followUpTarget(p: PublicSurvey, which: FollowUpWhich): string | null {
  if (which === 'review') return safeHttpUrl(p.workspace.reviewUrl);
  if (which === 'referral') return safeHttpUrl(p.workspace.referralUrl);
  return safeHttpUrl(p.survey.passiveNextStep?.url);
}

/** The tracked follow-up links that exist for this survey, under `base` (/s/<token> or /s/p/<token>). */
export function followUpLinks(p: PublicSurvey, base: string): Partial<Record<FollowUpWhich, string>> {
  const out: Partial<Record<FollowUpWhich, string>> = {};
  for (const which of ['review', 'referral', 'next'] as const) if (followUpTarget(p, which)) out[which] = `${base}/go/${which}`;
  return out;
}

export type StoredAnswer = Pick<typeof surveyResponses.$inferSelect, 'id' | 'score' | 'category' | 'comment' | 'status' | 'createdAt'>;

const answerColumns = {
  id: surveyResponses.id,
  score: surveyResponses.score,
  category: surveyResponses.category,
  comment: surveyResponses.comment,
  status: surveyResponses.status,
  createdAt: surveyResponses.createdAt,
};

/** The answer of one send (personal) or one browser (anonymous) to this survey, if any. */
export async function findAnswer(db: Db, surveyId: string, by: { sendId: number } | { browserKey: string }): Promise<StoredAnswer | null> {
  const [row] = await db
    .select(answerColumns)
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.surveyId, surveyId),
        'sendId' in by ? eq(surveyResponses.sendId, by.sendId) : eq(surveyResponses.browserKey, by.browserKey),
      ),
    );
  return row ?? null;
}

/** When the stored answer stops being changeable (latest wins until then). */
export const changeDeadline = (answer: Pick<StoredAnswer, 'createdAt'>, changeWindowHours: number) =>
  new Date(answer.createdAt.getTime() + changeWindowHours * 3_600_000);

/**
 * recordAnswer, once more if two first answers of the same send or browser (or a replayed form)
 * raced into the unique index: the second attempt finds the winner's row and updates or replays it.
 */
export async function storeAnswer(db: Db, input: AnswerInput): Promise<AnswerResult> {
  try {
    return await recordAnswer(db, input);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return recordAnswer(db, input);
  }
}
